package dev.coreoswatch.notify;

/** A notification could not be stored or published. Never fails a decision: it is counted and logged. */
public final class NotificationException extends RuntimeException {
    public NotificationException(String message) {
        super(message);
    }

    public NotificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
