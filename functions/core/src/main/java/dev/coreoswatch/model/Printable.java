package dev.coreoswatch.model;

/**
 * Makes untrusted strings safe to put into messages, tables and logs: bounded, one line, and free of
 * every character a terminal or a text renderer acts on: C0 and C1 controls (U+009B is a CSI on many
 * terminals), the line and paragraph separators U+2028/U+2029, and the bidirectional marks and
 * overrides (U+061C, U+200E/F, U+202A-U+202E, U+2066-U+2069) that reorder what a reader sees.
 */
public final class Printable {
    private static final int MAX = 64;

    private Printable() {}

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
            } else if (unsafe(c) || Character.isSurrogate(c)) {
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
            out.append(unsafe(c) || loneSurrogate(flat, i) ? '?' : c);
        }
        if (!out.isEmpty() && Character.isHighSurrogate(out.charAt(out.length() - 1))) {
            out.setLength(out.length() - 1); // cut between the halves of a pair: drop the orphan
        }
        return flat.length() > max ? out + "…" : out.toString();
    }

    /** A character that must never reach a reader as it is: a control, a line separator or a bidi control. */
    public static boolean unsafe(char c) {
        return c < 0x20
                || c == 0x7f
                || (c >= 0x80 && c < 0xa0)
                || c == 0x2028
                || c == 0x2029
                || c == 0x061c
                || c == 0x200e
                || c == 0x200f
                || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069);
    }

    /** Whether {@code text} holds no {@link #unsafe} character and no lone surrogate. */
    public static boolean isClean(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (unsafe(text.charAt(i)) || loneSurrogate(text, i)) {
                return false;
            }
        }
        return true;
    }

    /** {@code text} with every {@link #unsafe} character and lone surrogate replaced by {@code with}. */
    public static String replaceUnsafe(String text, char with) {
        StringBuilder out = new StringBuilder(text);
        for (int i = 0; i < text.length(); i++) {
            if (unsafe(text.charAt(i)) || loneSurrogate(text, i)) {
                out.setCharAt(i, with);
            }
        }
        return out.toString();
    }

    private static boolean loneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
    }
}
