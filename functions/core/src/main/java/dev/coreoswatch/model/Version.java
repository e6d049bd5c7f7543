package dev.coreoswatch.model;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A dotted numeric version such as {@code 44.20260707.3.1} or {@code 2.4.10}, compared number
 * by number ({@code 2.4.10 > 2.4.9}). Anything else (suffixes, signs, shell characters) is
 * rejected: these strings end up in URLs, labels and workflow inputs.
 */
public record Version(String text, long[] parts) implements Comparable<Version> {
    private static final Pattern SHAPE = Pattern.compile("[0-9]{1,18}(\\.[0-9]{1,18}){0,9}");

    public static Version parse(String text) {
        if (text == null || !SHAPE.matcher(text).matches()) {
            throw new InvalidValueException("version", text, "use dot-separated numbers such as 43.20251110.3.1");
        }
        return new Version(
                text,
                Arrays.stream(text.split("\\.")).mapToLong(Long::parseLong).toArray());
    }

    public static boolean isValid(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    public int size() {
        return parts.length;
    }

    public long part(int index) {
        return index < parts.length ? parts[index] : 0;
    }

    public long last() {
        return parts[parts.length - 1];
    }

    /** True when this version lies in {@code series}: {@code 2.4.3} is in {@code 2.4}, {@code 2.40.1} is not. */
    public boolean isIn(Version series) {
        if (series.parts.length >= parts.length) {
            return false;
        }
        for (int i = 0; i < series.parts.length; i++) {
            if (series.parts[i] != parts[i]) {
                return false;
            }
        }
        return true;
    }

    /** The first {@code count} numbers, e.g. the minor line {@code 2.4} of {@code 2.4.4}. */
    public Version prefix(int count) {
        long[] head = Arrays.copyOf(parts, Math.min(count, parts.length));
        StringBuilder text = new StringBuilder();
        for (long p : head) {
            text.append(text.isEmpty() ? "" : ".").append(p);
        }
        return new Version(text.toString(), head);
    }

    @Override
    public int compareTo(Version other) {
        int n = Math.max(parts.length, other.parts.length);
        for (int i = 0; i < n; i++) {
            int c = Long.compare(part(i), other.part(i));
            if (c != 0) {
                return c;
            }
        }
        int byLength = Integer.compare(parts.length, other.parts.length);
        // "01" and "1" are the same numbers but not equal versions: the text decides, so the order stays consistent
        // with equals.
        return byLength != 0 ? byLength : text.compareTo(other.text);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && Arrays.equals(parts, v.parts) && text.equals(v.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
