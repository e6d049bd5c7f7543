package dev.coreoswatch.model;

/** A credential. {@link #toString()} never shows it, so it cannot slip into a log or a message. */
public record Secret(String value) {
    public Secret {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("empty secret");
        }
    }

    /** Whether {@code value} can go into an HTTP header as it is: visible ASCII, no space, no control. */
    public static boolean isHeaderSafe(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
