package dev.coreoswatch.model;

/** A credential. {@link #toString()} never shows it, so it cannot slip into a log or a message. */
public record Secret(String value) {
    public Secret {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("empty secret");
        }
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
