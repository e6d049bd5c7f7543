package dev.coreoswatch.upstream;

/** 5xx, 429, 401/403, timeouts or connection failures that outlasted the retry policy. */
public final class UpstreamUnavailableException extends UpstreamException {
    public UpstreamUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
