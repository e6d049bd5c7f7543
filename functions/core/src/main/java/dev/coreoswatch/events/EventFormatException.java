package dev.coreoswatch.events;

/** An event that is not one we accept: wrong source, type or schema version, or a missing field. Never dispatched. */
public final class EventFormatException extends RuntimeException {
    public EventFormatException(String message) {
        super(message);
    }
}
