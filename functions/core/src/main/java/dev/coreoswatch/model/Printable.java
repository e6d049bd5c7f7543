package dev.coreoswatch.model;

/** Makes untrusted strings safe to put into messages: bounded, one line, no control characters. */
public final class Printable {
    private static final int MAX = 64;

    private Printable() {
    }

    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX) + 8).append('"');
        int shown = 0;
        for (int i = 0; i < value.length() && shown < MAX; i++, shown++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
        if (value.length() > MAX) {
            out.append("…(").append(value.length()).append(" chars)");
        }
        return out.toString();
    }

    /** The first {@code max} characters of a response body, on one line, for error messages. */
    public static String excerpt(String body, int max) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < flat.length() && out.length() < max; i++) {
            char c = flat.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return flat.length() > max ? out + "…" : out.toString();
    }
}
