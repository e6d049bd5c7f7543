package dev.coreoswatch.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a live process has used so far, from Linux's /proc: its peak resident set (VmHWM, what Lambda reports as
 * "Max Memory Used") and its CPU time over all threads (user + system; JIT and GC threads included). On a small
 * Lambda a function gets a fraction of a core, so CPU time, not wall time on a big machine, is what its cold
 * start costs there; it is also far less disturbed by other work on the machine than wall time.
 *
 * @param peakRssKib empty when the process is gone or /proc does not say
 * @param cpuTime    empty likewise
 */
public record ProcessUsage(OptionalLong peakRssKib, Optional<Duration> cpuTime) {
    /** The kernel's USER_HZ: /proc reports CPU times in these ticks; 100 on every Linux architecture Lambda runs. */
    static final long TICKS_PER_SECOND = 100;

    public static final ProcessUsage UNKNOWN = new ProcessUsage(OptionalLong.empty(), Optional.empty());

    public static ProcessUsage of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        return new ProcessUsage(peakRssKib(proc.resolve("status")), cpuTime(proc.resolve("stat")));
    }

    static OptionalLong peakRssKib(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
                    if (parts.length == 2 && parts[1].equals("kB")) {
                        return OptionalLong.of(Long.parseLong(parts[0]));
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone already, or not Linux: the caller reports "unknown"
        }
        return OptionalLong.empty();
    }

    /** utime + stime, fields 14 and 15 of /proc/PID/stat, counted after the ")" that ends the command name. */
    static Optional<Duration> cpuTime(Path stat) {
        try {
            String text = Files.readString(stat);
            int end = text.lastIndexOf(')');
            if (end < 0) {
                return Optional.empty();
            }
            // After ")": field 3 (state) is at index 0, so field n is at index n - 3.
            String[] fields = text.substring(end + 1).trim().split("\\s+");
            if (fields.length < 13) {
                return Optional.empty();
            }
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return Optional.of(Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
