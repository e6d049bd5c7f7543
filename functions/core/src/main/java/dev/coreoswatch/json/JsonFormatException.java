package dev.coreoswatch.json;

/** A document that is not the JSON we read; callers rethrow it as their stage's format error. */
public final class JsonFormatException extends RuntimeException {
    public JsonFormatException(String message) {
        super(message);
    }
}
