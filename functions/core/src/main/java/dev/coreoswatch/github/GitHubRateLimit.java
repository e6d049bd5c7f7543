package dev.coreoswatch.github;

import dev.coreoswatch.http.Http;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * GitHub's rate-limit headers of one answer. Values that are not numbers are treated as absent:
 * they only explain an error, they never decide anything here (the retry policy reads them itself).
 */
public record GitHubRateLimit(Optional<Long> remaining, Optional<Instant> reset, Optional<Duration> retryAfter) {
    public static final GitHubRateLimit NONE =
            new GitHubRateLimit(Optional.empty(), Optional.empty(), Optional.empty());

    public static GitHubRateLimit of(Http.Response response) {
        return new GitHubRateLimit(
                number(response, "x-ratelimit-remaining"),
                number(response, "x-ratelimit-reset").map(Instant::ofEpochSecond),
                number(response, "retry-after").map(Duration::ofSeconds));
    }

    /** True when GitHub says the quota is spent or asks us to wait. */
    public boolean exhausted() {
        return remaining.filter(r -> r == 0).isPresent() || retryAfter.isPresent();
    }

    /** "rate limit remaining 0, resets at 2026-08-21T20:00:00Z, retry after 60 s", or empty. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        remaining.ifPresent(r -> parts.add("rate limit remaining " + r));
        reset.ifPresent(r -> parts.add("resets at " + r));
        retryAfter.ifPresent(r -> parts.add("retry after " + r.toSeconds() + " s"));
        return String.join(", ", parts);
    }

    private static Optional<Long> number(Http.Response response, String header) {
        return response.header(header).flatMap(value -> {
            try {
                long n = Long.parseLong(value.strip());
                return n < 0 ? Optional.empty() : Optional.of(n);
            } catch (NumberFormatException notANumber) {
                return Optional.empty();
            }
        });
    }
}
