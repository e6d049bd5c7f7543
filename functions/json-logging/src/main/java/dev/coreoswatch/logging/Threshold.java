package dev.coreoswatch.logging;

import java.util.Locale;
import org.slf4j.event.Level;

/** The lowest level written. Lambda's names, FATAL included (SLF4J has none above ERROR). */
final class Threshold {
    private Threshold() {}

    /** {@code TRACE}, {@code DEBUG}, {@code INFO}, {@code WARN}, {@code ERROR}, {@code FATAL}; anything else is INFO. */
    static Level parse(String name) {
        if (name == null) {
            return Level.INFO;
        }
        return switch (name.strip().toUpperCase(Locale.ROOT)) {
            case "TRACE" -> Level.TRACE;
            case "DEBUG" -> Level.DEBUG;
            case "WARN" -> Level.WARN;
            case "ERROR", "FATAL" -> Level.ERROR;
            default -> Level.INFO;
        };
    }

    static boolean allows(Level threshold, Level level) {
        return level.toInt() >= threshold.toInt();
    }
}
