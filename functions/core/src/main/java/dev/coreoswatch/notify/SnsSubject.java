package dev.coreoswatch.notify;

/** What SNS accepts as a subject (e-mail uses it as the subject line): printable ASCII, one line, at most 100 characters. */
public final class SnsSubject {
    public static final int LIMIT = 100;

    private SnsSubject() {}

    /** Other characters become {@code ?}; a longer text is cut and ends in {@code ...}. */
    public static String of(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            clean.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return clean.length() <= LIMIT ? clean.toString() : clean.substring(0, LIMIT - 3) + "...";
    }
}
