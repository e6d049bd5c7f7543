package dev.coreoswatch.bench;

import dev.coreoswatch.local.InvocationResult;
import dev.coreoswatch.local.LocalInvoke;
import dev.coreoswatch.local.ProcessUsage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One cold start through {@link LocalInvoke}: a fresh child JVM with Lambda's java21 flags inside the runtime
 * interface client, one event over the loopback Runtime API, the answer checked, the child's peak RSS read
 * from /proc just before it is stopped.
 */
final class ColdStart {
    static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(60);
    /** The child's output is kept only to explain a failed run; more than this is cut. */
    private static final int KEPT_OUTPUT = 64 * 1024;

    private final String ricClasspath;
    private final Path java;

    ColdStart(String ricClasspath, Path java) {
        this.ricClasspath = ricClasspath;
        this.java = java;
    }

    /**
     * Runs {@code function} once; {@code extraJvmOptions} are appended to its JAVA_TOOL_OPTIONS (how Lambda lets a
     * function add flags).
     *
     * @throws BenchFailure when the function did not answer, or its answer shows it did not do its work
     */
    Sample run(FunctionCase function, String extraJvmOptions) throws IOException {
        return run(function, extraJvmOptions, Duration.ofSeconds(3));
    }

    /** As above; {@code stopGrace} is how long the stopped JVM may take to exit (writing an archive takes seconds). */
    Sample run(FunctionCase function, String extraJvmOptions, Duration stopGrace) throws IOException {
        Map<String, String> env = new LinkedHashMap<>(function.environment().get());
        if (!extraJvmOptions.isBlank()) {
            String base = env.getOrDefault(
                    JAVA_TOOL_OPTIONS,
                    function.definition().literalEnvironment().getOrDefault(JAVA_TOOL_OPTIONS, ""));
            env.put(JAVA_TOOL_OPTIONS, (base + " " + extraJvmOptions).strip());
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream childOutput = new PrintStream(new Bounded(output, KEPT_OUTPUT), true, StandardCharsets.UTF_8);
        FunctionCase.Warm warm = function.warm();
        LocalInvoke.Outcome outcome = new LocalInvoke(
                        new PrintStream(OutputStream.nullOutputStream()), childOutput, stopGrace)
                .invoke(
                        function.definition(),
                        function.event(),
                        ricClasspath,
                        java,
                        INIT_TIMEOUT,
                        env,
                        warm == null ? null : warm.event(),
                        warm == null ? () -> {} : warm.before());
        String log = output.toString(StandardCharsets.UTF_8);
        if (!(outcome.answer() instanceof InvocationResult.Response response)) {
            String why = outcome.answer() != null
                    ? outcome.answer().getClass().getSimpleName() + ": "
                            + outcome.answer().bodyText()
                    : outcome.failure();
            throw new BenchFailure(function.name() + " did not answer: " + why, log);
        }
        String answer = response.bodyText();
        if (!function.answerCheck().test(answer)) {
            throw new BenchFailure(
                    function.name() + " answered without doing its work (expected: " + function.expected() + "): "
                            + answer,
                    log);
        }
        LocalInvoke.Timings t = outcome.timings();
        ProcessUsage usage = outcome.usage();
        if (usage.peakRssKib().isEmpty() || usage.cpuTime().isEmpty()) {
            throw new BenchFailure(function.name() + ": /proc/PID/status and stat of the child could not be read", log);
        }
        double warmMs = Double.NaN;
        if (warm != null) {
            LocalInvoke.Second second = outcome.second();
            if (second == null || !(second.answer() instanceof InvocationResult.Response warmResponse)) {
                throw new BenchFailure(
                        function.name() + " did not answer its warm second invocation: "
                                + (second == null || second.answer() == null
                                        ? "no answer"
                                        : second.answer().bodyText()),
                        log);
            }
            Optional<String> problem = warm.problem().apply(warmResponse.bodyText());
            if (problem.isPresent()) {
                throw new BenchFailure(
                        function.name() + ", warm second invocation (expected: " + warm.expected() + "): "
                                + problem.get(),
                        log);
            }
            warmMs = second.invoke().toNanos() / 1e6;
        }
        return new Sample(
                t.init().toNanos() / 1e6,
                t.invoke().toNanos() / 1e6,
                usage.cpuTime().get().toMillis(),
                usage.peakRssKib().getAsLong(),
                warmMs,
                log);
    }

    /** A run that must not count: the function failed, so its time says nothing. */
    static final class BenchFailure extends RuntimeException {
        private final String childOutput;

        BenchFailure(String message, String childOutput) {
            super(message);
            this.childOutput = childOutput;
        }

        String childOutput() {
            return childOutput;
        }
    }

    /** Keeps the first {@code limit} bytes and drops the rest. */
    private static final class Bounded extends OutputStream {
        private final ByteArrayOutputStream target;
        private final int limit;

        Bounded(ByteArrayOutputStream target, int limit) {
            this.target = target;
            this.limit = limit;
        }

        @Override
        public synchronized void write(int b) {
            if (target.size() < limit) {
                target.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int room = limit - target.size();
            if (room > 0) {
                target.write(b, off, Math.min(room, len));
            }
        }
    }
}
