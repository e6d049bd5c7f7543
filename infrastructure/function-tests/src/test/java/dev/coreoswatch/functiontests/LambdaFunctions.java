package dev.coreoswatch.functiontests;

import dev.coreoswatch.local.FunctionDefinition;
import dev.coreoswatch.local.LocalInvoke;
import dev.coreoswatch.local.SamTemplate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Runs a function of the project's template.yaml the way Lambda does: its built jar and the handler the
 * template names, in a fresh child JVM under the real runtime interface client, fed one event through the
 * loopback Runtime API of infrastructure/local. The child gets only the environment a test gives it (plus
 * the template's literal variables and Lambda's own), never this JVM's.
 */
final class LambdaFunctions {
    static final String WATCHER = "UpstreamWatcherFunction";
    static final String INSPECTOR = "RegistryInspectorFunction";
    static final String DISPATCHER = "WorkflowDispatcherFunction";

    /** Dummy credentials: the SDK signs with them, the loopback servers never check. */
    static final String ACCESS_KEY_ID = "AKIAFUNCTIONTESTS000";

    static final String REGION = "eu-west-1";

    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(30);

    private LambdaFunctions() {}

    /** The repository root, from the build (Maven sets it). */
    static Path root() {
        String root = System.getProperty("coreos.watch.root");
        if (root == null) {
            throw new IllegalStateException("run through Maven: coreos.watch.root is not set");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    /** One of the project's sample events, {@code infrastructure/events/<name>}. */
    static byte[] sampleEvent(String name) {
        try {
            return Files.readAllBytes(root().resolve("infrastructure/events").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What every function gets: region and dummy credentials, and no way to find a real profile or IMDS. */
    static Map<String, String> baseEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", "function-tests-secret-access-key");
        env.put("AWS_CONFIG_FILE", "/nonexistent/function-tests/aws-config");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/function-tests/aws-credentials");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return env;
    }

    /** Invokes {@code logicalId} once with {@code event}; {@code environment} comes on top of {@link #baseEnvironment()}. */
    static FunctionRun invoke(String logicalId, byte[] event, Map<String, String> environment) {
        FunctionDefinition function =
                SamTemplate.load(root().resolve("template.yaml")).function(logicalId);
        if (!Files.isRegularFile(function.codeUri())) {
            throw new IllegalStateException(
                    function.codeUri() + " is not built; run ./mvnw -q -B install -DskipTests first");
        }
        Map<String, String> env = baseEnvironment();
        env.putAll(environment);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        LocalInvoke.Outcome outcome;
        try (PrintStream err = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            outcome = new LocalInvoke(err, err)
                    .invoke(
                            function,
                            event,
                            ricClasspath(),
                            Path.of(System.getProperty("java.home"), "bin", "java"),
                            INIT_TIMEOUT,
                            env);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + logicalId, e);
        }
        LocalInvoke.Timings t = outcome.timings();
        System.out.printf(
                "function-tests: %s init %d ms, invoke %d ms, total %d ms%n",
                logicalId, t.init().toMillis(), t.invoke().toMillis(), t.total().toMillis());
        return new FunctionRun(logicalId, outcome.answer(), outcome.failure(), t, log.toString(StandardCharsets.UTF_8));
    }

    /**
     * Invokes {@code logicalId} with each event in turn in one warm environment; {@code before} runs before each
     * (with its index), e.g. to change the SSM parameter the function reads.
     */
    static List<FunctionRun> invokeWarm(
            String logicalId, List<byte[]> events, IntConsumer before, Map<String, String> environment) {
        FunctionDefinition function =
                SamTemplate.load(root().resolve("template.yaml")).function(logicalId);
        Map<String, String> env = baseEnvironment();
        env.putAll(environment);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<LocalInvoke.Outcome> outcomes;
        try (PrintStream err = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            outcomes = new LocalInvoke(err, err)
                    .invokeWarm(
                            function,
                            events,
                            before,
                            ricClasspath(),
                            Path.of(System.getProperty("java.home"), "bin", "java"),
                            INIT_TIMEOUT,
                            env);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + logicalId, e);
        }
        String output = log.toString(StandardCharsets.UTF_8);
        return outcomes.stream()
                .map(o -> new FunctionRun(logicalId, o.answer(), o.failure(), o.timings(), output))
                .toList();
    }

    /** The runtime interface client's class path, which infrastructure/local resolves into target/ric.classpath. */
    private static String ricClasspath() {
        String file = System.getProperty("coreos.watch.ric.classpath.file");
        if (file == null) {
            throw new IllegalStateException("run through Maven: coreos.watch.ric.classpath.file is not set");
        }
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            throw new IllegalStateException(file + " is missing; build infrastructure/local first", e);
        }
    }
}
