package dev.coreoswatch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What a result depends on: the machine, the JDK of the child JVMs, the date. */
record MachineInfo(String date, int cpus, String cpuModel, String memory, String os, String jdk) {

    static MachineInfo read(Path java) {
        return new MachineInfo(
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                Runtime.getRuntime().availableProcessors(),
                firstValue(Path.of("/proc/cpuinfo"), "model name", ':').orElse("unknown"),
                freeMemory(),
                firstValue(Path.of("/etc/os-release"), "PRETTY_NAME", '=')
                        .map(v -> v.replace("\"", ""))
                        .orElse(System.getProperty("os.name")),
                javaVersion(java));
    }

    List<String> lines() {
        return List.of(
                "- date: " + date,
                "- machine: `nproc` " + cpus + " (" + cpuModel + "), " + os,
                "- memory (`free -h`): " + memory,
                "- JDK of the function JVMs: " + jdk);
    }

    private static Optional<String> firstValue(Path file, String key, char separator) {
        try {
            for (String line : Files.readAllLines(file)) {
                int sep = line.indexOf(separator);
                if (sep > 0 && line.substring(0, sep).strip().equals(key)) {
                    return Optional.of(line.substring(sep + 1).strip());
                }
            }
        } catch (IOException e) {
            // not Linux: reported as unknown
        }
        return Optional.empty();
    }

    /** The "Mem:" line of {@code free -h}: total, used, free, shared, buff/cache, available. */
    private static String freeMemory() {
        String out = run(List.of("free", "-h"));
        for (String line : out.split("\n")) {
            if (line.startsWith("Mem:")) {
                String[] f = line.split("\\s+");
                return f.length >= 7 ? "total " + f[1] + ", available " + f[6] : line;
            }
        }
        return "unknown";
    }

    private static String javaVersion(Path java) {
        String[] lines = run(List.of(java.toString(), "-version")).split("\n");
        // "openjdk version ..." and "OpenJDK Runtime Environment Temurin-25.0.3+9 (build ...)".
        return lines.length >= 2
                ? lines[0].strip() + "; " + lines[1].strip()
                : String.join(" ", lines).strip();
    }

    private static String run(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "unknown (" + command.get(0) + ": " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
