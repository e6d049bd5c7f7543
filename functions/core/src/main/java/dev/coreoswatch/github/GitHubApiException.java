package dev.coreoswatch.github;

import dev.coreoswatch.http.HttpFailure;
import java.util.Optional;

/**
 * A GitHub API call that did not give a usable answer. The message is safe to log: it names the
 * URL, the status, an excerpt of GitHub's {@code message} and the rate-limit facts, and never a
 * header value or the token.
 */
public final class GitHubApiException extends RuntimeException {
    public enum Kind {
        /** GitHub answered with a status we do not accept ({@link #status()}). */
        STATUS,
        /** No answer at all: timeout, connection failure ({@link #failure()}), after the retry policy. */
        NO_RESPONSE,
        /** We refused to go on: a next page or redirect leaving the API base, too many pages. */
        REFUSED
    }

    private final Kind kind;
    private final int status;
    private final Optional<String> githubMessage;
    private final GitHubRateLimit rateLimit;
    private final Optional<HttpFailure.Kind> failure;

    GitHubApiException(
            Kind kind,
            String message,
            int status,
            Optional<String> githubMessage,
            GitHubRateLimit rateLimit,
            Optional<HttpFailure.Kind> failure) {
        super(message);
        this.kind = kind;
        this.status = status;
        this.githubMessage = githubMessage;
        this.rateLimit = rateLimit;
        this.failure = failure;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when there was no answer or we refused to ask. */
    public int status() {
        return status;
    }

    /** GitHub's {@code message} field, shortened and made printable. */
    public Optional<String> githubMessage() {
        return githubMessage;
    }

    public GitHubRateLimit rateLimit() {
        return rateLimit;
    }

    public Optional<HttpFailure.Kind> failure() {
        return failure;
    }

    public boolean notFound() {
        return kind == Kind.STATUS && status == 404;
    }

    /** 429, or 403 with a spent quota or a {@code retry-after}: wait, the token is fine. */
    public boolean rateLimited() {
        return kind == Kind.STATUS && (status == 429 || (status == 403 && rateLimit.exhausted()));
    }

    /** 401, or a 403 that is not a rate limit: the token is missing, wrong or lacks a permission. */
    public boolean accessDenied() {
        return kind == Kind.STATUS && (status == 401 || (status == 403 && !rateLimited()));
    }

    /** The server may have acted although we saw no verdict (a write that timed out or got a 5xx). */
    public boolean ambiguous() {
        return (kind == Kind.NO_RESPONSE
                        && failure.filter(f -> f == HttpFailure.Kind.TIMEOUT || f == HttpFailure.Kind.BROKEN)
                                .isPresent())
                || (kind == Kind.STATUS && status >= 500);
    }
}
