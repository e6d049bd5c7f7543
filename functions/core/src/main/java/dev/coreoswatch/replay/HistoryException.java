package dev.coreoswatch.replay;

/** A history file that cannot be used; the message names the file, the entry and the field. */
public final class HistoryException extends RuntimeException {
    public HistoryException(String message) {
        super(message);
    }
}
