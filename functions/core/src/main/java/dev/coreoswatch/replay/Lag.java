package dev.coreoswatch.replay;

import java.time.Duration;
import java.time.Instant;

/**
 * A time the image did not carry the release its stream pointed at, from the release (or the
 * replay's start) until an image carrying the stream's release landed; {@code ongoing} when the
 * replay ended first.
 */
public record Lag(Instant start, Instant end, boolean ongoing) {
    public Duration length() {
        return Duration.between(start, end);
    }
}
