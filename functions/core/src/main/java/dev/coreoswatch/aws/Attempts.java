package dev.coreoswatch.aws;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The retry loop of the signed calls ({@link AwsJsonClient}, {@link SnsQueryClient}): an attempt that fails in a
 * way {@code retryable} accepts is made again after a pause that doubles from {@link AwsJsonClient#FIRST_PAUSE},
 * up to {@code attempts} in all; the last failure says how many were made.
 */
final class Attempts {
    private Attempts() {}

    static <T> T run(
            int attempts, AwsJsonClient.Pause pause, Predicate<AwsCallException> retryable, Supplier<T> attempt) {
        Duration wait = AwsJsonClient.FIRST_PAUSE;
        for (int made = 1; ; made++) {
            AwsCallException failure;
            try {
                return attempt.get();
            } catch (AwsCallException e) {
                if (!retryable.test(e)) {
                    throw e;
                }
                if (made == attempts) {
                    throw e.about("gave up after " + made + " attempts");
                }
                failure = e;
            }
            try {
                pause.pause(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure.about("interrupted while waiting to retry");
            }
            wait = wait.multipliedBy(2);
        }
    }
}
