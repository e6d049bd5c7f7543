package dev.coreoswatch.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one retry policy for every outbound call. Retries what is safe to repeat: any request on
 * a connect failure, 429 or a rate-limit 403 (the server did not act), and GET/HEAD on 5xx and
 * timeouts. A POST that timed out or got a 5xx is returned or thrown as is: the server may have
 * acted, and only the caller knows how to find out.
 */
public final class RetryingHttp implements Http {
    private static final Logger LOG = LoggerFactory.getLogger(RetryingHttp.class);

    /** Waits; tests pass one that records instead of sleeping. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Http delegate;
    private final RetryPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;

    public RetryingHttp(Http delegate, RetryPolicy policy) {
        this(delegate, policy, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    }

    public RetryingHttp(Http delegate, RetryPolicy policy, Clock clock, Sleeper sleeper) {
        this.delegate = delegate;
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public Response send(Request request) throws HttpFailure {
        Instant deadline = clock.instant().plus(policy.budget());
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            Response answered = null;
            HttpFailure failed = null;
            try {
                Response response = delegate.send(request);
                answered = response;
                Optional<Duration> retryIn = retryDelay(request, response, attempt);
                if (retryIn.isEmpty() || attempt >= policy.maxAttempts()) {
                    return response;
                }
                wait = retryIn.get();
                LOG.info("{} answered {}; retrying in {} ms", request, response.status(), wait.toMillis());
            } catch (HttpFailure failure) {
                boolean retryable = failure.kind() == HttpFailure.Kind.CONNECT
                        || (request.idempotent()
                                && failure.kind() != HttpFailure.Kind.TOO_LARGE
                                && failure.kind() != HttpFailure.Kind.INTERRUPTED
                                && failure.kind() != HttpFailure.Kind.INVALID);
                if (!retryable || attempt >= policy.maxAttempts()) {
                    throw failure;
                }
                wait = backoff(attempt);
                failed = failure;
                LOG.info("{}; retrying in {} ms", failure.getMessage(), wait.toMillis());
            }
            if (clock.instant().plus(wait).isAfter(deadline)) {
                // Out of budget: hand back the last answer (a 429 or 5xx) or failure (a refused connection) as it
                // was, so the caller can tell "GitHub did nothing" from "we do not know" (CONTRACT section 7).
                LOG.info(
                        "{}: retry budget of {} s exhausted",
                        request,
                        policy.budget().toSeconds());
                if (answered != null) {
                    return answered;
                }
                throw failed;
            }
            pause(request, wait);
        }
    }

    private Optional<Duration> retryDelay(Request request, Response response, int attempt) {
        if (isRateLimited(response)) {
            Duration asked = serverWait(response).orElse(backoff(attempt));
            // A server that wants us gone for longer than we may wait: give up now, not later.
            return asked.compareTo(policy.maxServerWait()) > 0 ? Optional.empty() : Optional.of(asked);
        }
        if (request.idempotent()
                && (response.status() == 500
                        || response.status() == 502
                        || response.status() == 503
                        || response.status() == 504)) {
            Duration asked = serverWait(response).orElse(backoff(attempt));
            return Optional.of(asked.compareTo(policy.maxServerWait()) > 0 ? policy.maxServerWait() : asked);
        }
        return Optional.empty();
    }

    /** 429, or GitHub's 403 with {@code x-ratelimit-remaining: 0} or a secondary-limit {@code retry-after}. */
    public static boolean isRateLimited(Response response) {
        if (response.status() == 429) {
            return true;
        }
        return response.status() == 403
                && (response.header("x-ratelimit-remaining").filter("0"::equals).isPresent()
                        || response.header("retry-after").isPresent());
    }

    /** {@code Retry-After} (seconds or HTTP date) or {@code x-ratelimit-reset} (epoch seconds). */
    Optional<Duration> serverWait(Response response) {
        Optional<String> retryAfter = response.header("retry-after");
        if (retryAfter.isPresent()) {
            String value = retryAfter.get().strip();
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant();
                    return Optional.of(nonNegative(Duration.between(clock.instant(), at)));
                } catch (RuntimeException notDate) {
                    return Optional.empty();
                }
            }
        }
        Optional<String> reset = response.header("x-ratelimit-reset");
        if (reset.isPresent()) {
            try {
                Instant at = Instant.ofEpochSecond(Long.parseLong(reset.get().strip()));
                return Optional.of(
                        nonNegative(Duration.between(clock.instant(), at)).plusSeconds(1));
            } catch (RuntimeException badNumber) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private Duration backoff(int attempt) {
        long base = policy.baseDelay().toMillis() << Math.min(attempt - 1, 16);
        long capped = Math.min(base, policy.maxDelay().toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(jittered);
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private void pause(Request request, Duration wait) throws HttpFailure {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpFailure(HttpFailure.Kind.INTERRUPTED, request + " was interrupted while waiting to retry", e);
        }
    }
}
