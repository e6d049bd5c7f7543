package dev.coreoswatch.upstream;

/** An upstream source could not give a usable answer; subclasses say why. */
public class UpstreamException extends RuntimeException {
    public UpstreamException(String message) {
        super(message);
    }

    public UpstreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
