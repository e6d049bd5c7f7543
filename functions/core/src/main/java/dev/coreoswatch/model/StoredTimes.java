package dev.coreoswatch.model;

import java.time.Instant;

/**
 * The times stored state may hold (the ledger's file and items, the notification state). {@code Instant} reaches
 * the year 1000000000 and {@code Instant.ofEpochSecond} throws beyond it, and adding a window to such a time
 * overflows later: state that holds one was not written by us and is reported as malformed when read, not as a
 * crash in a later step.
 */
public final class StoredTimes {
    public static final Instant EARLIEST = Instant.EPOCH;
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    public static final String RANGE = "outside the years 1970 to 9999";

    private StoredTimes() {}

    public static boolean within(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    public static boolean withinEpochSeconds(long seconds) {
        return seconds >= EARLIEST.getEpochSecond() && seconds <= LATEST.getEpochSecond();
    }
}
