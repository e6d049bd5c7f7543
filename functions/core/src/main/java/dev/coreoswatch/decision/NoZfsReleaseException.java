package dev.coreoswatch.decision;

/** The ZFS policy found nothing to build with; the stream is an ERROR, never a BUILD. */
public final class NoZfsReleaseException extends RuntimeException {
    public NoZfsReleaseException(String message) {
        super(message);
    }
}
