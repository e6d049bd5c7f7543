package dev.coreoswatch.replay;

import java.time.Duration;

/** Lengths for people: {@code 4d 1h 30m}, {@code 55m}, {@code 0m}. */
public final class Durations {
    private Durations() {}

    public static String human(Duration d) {
        long minutes = d.toMinutes();
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        long mins = minutes % 60;
        StringBuilder out = new StringBuilder();
        if (days > 0) {
            out.append(days).append("d ");
        }
        if (hours > 0) {
            out.append(hours).append("h ");
        }
        if (mins > 0 || out.isEmpty()) {
            out.append(mins).append("m ");
        }
        return out.toString().strip();
    }
}
