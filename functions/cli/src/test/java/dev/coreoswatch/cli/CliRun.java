package dev.coreoswatch.cli;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.json.JsonFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of the packaged command line, {@code java -jar target/coreos-watch.jar check ...}, in a
 * child JVM whose environment holds only what the test sets (plus PATH and a throw-away HOME), so
 * a developer's or CI's own GITHUB_TOKEN or TARGET_IMAGE cannot leak into a run. The child gets
 * {@link #TIMEOUT} and is always destroyed, so a hung run fails its test instead of the build.
 */
final class CliRun {
    static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** Set by failsafe (pom.xml); the fallback is the module's target dir seen from its base dir. */
    static final String JAR_PROPERTY = "coreoswatch.cli.jar";

    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> args = new ArrayList<>(List.of("check"));
    private final List<String> wrapper = new ArrayList<>();

    /** What the child did: exit code, both streams as text, and its wall time seen from here. */
    record Result(int exitCode, String stdout, String stderr, Duration wall) {
        /** stdout parsed as exactly one JSON document (trailing output fails the parse). */
        JsonNode json() {
            try {
                return Json.parse(stdout.getBytes(StandardCharsets.UTF_8), "stdout");
            } catch (JsonFormatException e) {
                throw new AssertionError("stdout is not one JSON document (" + e.getMessage() + "):\n" + this, e);
            }
        }

        ReportView report() {
            return new ReportView(json());
        }

        /** Both streams, for assertions that something appears nowhere. */
        String everything() {
            return stdout + "\n" + stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + " after " + wall.toMillis() + " ms\n--- stdout ---\n" + stdout
                    + "\n--- stderr ---\n" + stderr;
        }
    }

    static Path jar() {
        String configured = System.getProperty(JAR_PROPERTY);
        Path jar = configured != null ? Path.of(configured) : Path.of("target", "coreos-watch.jar");
        if (!Files.isRegularFile(jar)) {
            fail("no executable jar at " + jar.toAbsolutePath()
                    + "; run these tests with ./mvnw verify, after the shaded jar is built");
        }
        return jar;
    }

    CliRun env(Map<String, String> values) {
        env.putAll(values);
        return this;
    }

    CliRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** A {@code -D} option or other JVM option, placed before {@code -jar}. */
    CliRun jvm(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** Another subcommand than {@code check} ({@code status}, {@code replay}). */
    CliRun command(String name) {
        args.set(0, name);
        return this;
    }

    CliRun args(String... more) {
        args.addAll(List.of(more));
        return this;
    }

    /** A command the java command line is handed to, e.g. {@code /usr/bin/time -v -o FILE}. */
    CliRun wrappedIn(List<String> command) {
        wrapper.addAll(command);
        return this;
    }

    Result run() {
        Path dir;
        try {
            dir = Files.createTempDirectory("cli-run-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        List<String> command = new ArrayList<>(wrapper);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toAbsolutePath().toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        Map<String, String> childEnv = builder.environment();
        childEnv.clear();
        childEnv.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        childEnv.put("HOME", dir.toString());
        childEnv.put("LANG", "C.UTF-8");
        childEnv.putAll(env);
        long start = System.nanoTime();
        Process process = null;
        try {
            process = builder.start();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                destroy(process);
                fail("coreos-watch " + args + " did not finish within " + TIMEOUT.toSeconds() + " s\n--- stdout ---\n"
                        + read(out) + "\n--- stderr ---\n" + read(err));
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            return new Result(process.exitValue(), read(out), read(err), wall);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while coreos-watch ran", e);
        } finally {
            if (process != null && process.isAlive()) {
                destroy(process);
            }
            deleteQuietly(dir);
        }
    }

    /** The java child and, when it runs under a wrapper such as time, the wrapper too. */
    private static void destroy(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp dir must not fail a test
        }
    }
}
