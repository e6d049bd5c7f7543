package dev.coreoswatch.upstream;

/** The document arrived but is not what we read: not JSON, truncated, wrong shape, hostile values. */
public final class UpstreamFormatException extends UpstreamException {
    public UpstreamFormatException(String message) {
        super(message);
    }
}
