package dev.coreoswatch.http;

import java.io.IOException;

/**
 * No usable response: the request timed out, could not connect, broke, or was too large; or it was
 * never sent (INVALID: a header or URL HTTP cannot carry, named in the message, never its value).
 */
public final class HttpFailure extends IOException {
    public enum Kind {
        TIMEOUT,
        CONNECT,
        BROKEN,
        TOO_LARGE,
        INTERRUPTED,
        INVALID
    }

    private final Kind kind;

    public HttpFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** True when the server may have acted on the request although we saw no answer. */
    public boolean ambiguous() {
        return kind == Kind.TIMEOUT || kind == Kind.BROKEN;
    }
}
