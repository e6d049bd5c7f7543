package dev.coreoswatch.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command-line tools the test registry is built from (umoci, skopeo, htpasswd), each
 * bounded in time, with output kept in a file so that a failure can show its tail.
 */
final class ExternalTool {
    static final String INSTALL_HINT = "apt-get install -y docker-registry skopeo umoci";
    private static final long TIMEOUT_SECONDS = 60;

    private ExternalTool() {}

    /** The executable on PATH, if any. */
    static Optional<Path> find(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Fails with the install line when any of the tools is missing. */
    static void require(String... names) {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (find(name).isEmpty()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the local test registry needs " + String.join(", ", missing)
                    + " on PATH; install them with: " + INSTALL_HINT);
        }
    }

    /**
     * Runs {@code command} and returns its output; fails on a non-zero exit or after 60 s.
     * {@code secret}, when not null, is masked in the failure message (it may be an argument).
     */
    static String run(Path workDir, List<String> command, String secret) {
        Path log;
        try {
            log = Files.createTempFile(workDir, "tool-", ".log");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a log file in " + workDir, e);
        }
        String shown = mask(String.join(" ", command), secret);
        try {
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException(
                        shown + " did not finish within " + TIMEOUT_SECONDS + " s; output: " + mask(tail(log), secret));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        shown + " failed with exit code " + process.exitValue() + ": " + mask(tail(log), secret));
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot run " + shown + " (" + e.getMessage() + "); install the tools with: " + INSTALL_HINT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(shown + " was interrupted", e);
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // the work directory is removed with the registry
            }
        }
    }

    static String tail(Path file) {
        try {
            String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            return text.length() <= 2000
                    ? text.strip()
                    : "…" + text.substring(text.length() - 2000).strip();
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static String mask(String text, String secret) {
        return secret == null || secret.isEmpty() ? text : text.replace(secret, "****");
    }
}
