package dev.coreoswatch.events;

/** Some events could not be put on the bus after retries; the message lists which and why. */
public final class EventPublishException extends RuntimeException {
    public EventPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
