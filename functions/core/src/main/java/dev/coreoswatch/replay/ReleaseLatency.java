package dev.coreoswatch.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * From an FCOS release to an image that carries it on every arch. {@code imageAt} is empty when no
 * such image landed: the stream moved on first ({@link Outcome#SUPERSEDED}) or the replay ended.
 */
public record ReleaseLatency(String coreosVersion, Instant releasedAt, Optional<Instant> imageAt, Outcome outcome) {
    public enum Outcome {
        BUILT,
        SUPERSEDED,
        NOT_BUILT_BY_END
    }

    public Optional<Duration> latency() {
        return imageAt.map(at -> Duration.between(releasedAt, at));
    }
}
