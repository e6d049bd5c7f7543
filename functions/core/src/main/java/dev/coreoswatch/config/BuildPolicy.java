package dev.coreoswatch.config;

import java.time.Duration;

/**
 * How builds are followed and retried (CONTRACT sections 1, 2 and 7): whether an older CoreOS
 * version may replace a newer one, how many failed runs of one combination are tried before it is
 * held, and how long after a run's success the image may still lack the labels.
 */
public record BuildPolicy(boolean allowDowngrade, int maxAttempts, Duration verifyGrace) {
    public static final BuildPolicy DEFAULT = new BuildPolicy(false, 2, Duration.ofMinutes(15));

    public BuildPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("dispatch.max-attempts must be at least 1, got " + maxAttempts);
        }
        if (verifyGrace == null || verifyGrace.isNegative()) {
            throw new IllegalArgumentException("dispatch.verify-grace must not be negative, got " + verifyGrace);
        }
    }
}
