package dev.coreoswatch.infrastructure;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one {@code run:} script of the workflow with bash as a runner would: a clean environment holding only the
 * step's {@code env:} values, and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files to read back.
 */
final class BashStep {

    /** What the step left: its exit code, its log, and what it wrote to GITHUB_OUTPUT and GITHUB_STEP_SUMMARY. */
    record Result(int exit, String log, String output, String summary) {
        /** A value the step wrote to GITHUB_OUTPUT. */
        String output(String key) {
            for (String line : output.split("\n")) {
                if (line.startsWith(key + "=")) {
                    return line.substring(key.length() + 1);
                }
            }
            throw new AssertionError("no " + key + " in " + output);
        }
    }

    private BashStep() {}

    /** Runs {@code script} in {@code dir}; {@code path} goes before the system PATH (for stand-in commands). */
    static Result run(String script, Map<String, String> env, Path dir, Path... path)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile(dir, "github-output", "");
        Path summary = Files.createTempFile(dir, "step-summary", "");
        ProcessBuilder bash =
                new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true);
        bash.environment().clear();
        StringBuilder searchPath = new StringBuilder();
        for (Path p : path) {
            searchPath.append(p).append(':');
        }
        bash.environment().put("PATH", searchPath + System.getenv("PATH"));
        bash.environment().put("LC_ALL", "C.UTF-8");
        bash.environment().putAll(env);
        bash.environment().put("GITHUB_OUTPUT", output.toString());
        bash.environment().put("GITHUB_STEP_SUMMARY", summary.toString());
        Process process = bash.start();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the step did not finish");
        return new Result(process.exitValue(), log, Files.readString(output), Files.readString(summary));
    }
}
