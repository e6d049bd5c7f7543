package dev.coreoswatch.invocation;

/** A scheduled run could not observe some streams; the others were published. */
public final class WatchFailedException extends RuntimeException {
    public WatchFailedException(String message) {
        super(message);
    }
}
