package dev.coreoswatch.upstream;

/** 404: the document does not exist. Only this lets the kernel chain move to its next source. */
public final class UpstreamNotFoundException extends UpstreamException {
    public UpstreamNotFoundException(String message) {
        super(message);
    }
}
