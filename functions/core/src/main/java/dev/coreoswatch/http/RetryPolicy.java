package dev.coreoswatch.http;

import java.time.Duration;

/**
 * How often and how long to try again. Bounded three ways: attempts, the longest single wait a
 * server may ask for, and a total budget that keeps a Lambda invocation well inside its timeout.
 */
public record RetryPolicy(
        int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxServerWait, Duration budget) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(
            3, Duration.ofMillis(250), Duration.ofSeconds(4), Duration.ofSeconds(20), Duration.ofSeconds(45));
    public static final RetryPolicy NONE =
            new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
}
