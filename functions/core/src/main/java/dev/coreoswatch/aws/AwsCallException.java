package dev.coreoswatch.aws;

import java.util.Optional;

/**
 * A call to an AWS service that did not succeed: the service's error code ({@code AccessDeniedException}) and
 * HTTP status where it answered, none where it could not be reached. The message carries the service's own
 * message (first line, cut short, credentials removed), never the request's headers or signature.
 */
public final class AwsCallException extends RuntimeException {
    private final String code;
    private final int status;

    public AwsCallException(String code, int status, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    /** The service's error code; empty when there was no answer from the service. */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /** The HTTP status; 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** The same failure, its message starting with what was being done ("reading the SSM parameter /x"). */
    public AwsCallException about(String what) {
        AwsCallException out = new AwsCallException(code, status, what + ": " + getMessage());
        out.initCause(getCause());
        return out;
    }
}
