package dev.coreoswatch.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A kernel line such as {@code 6.18}; OpenZFS gates kernels on major.minor only. */
public record MajorMinor(int major, int minor) implements Comparable<MajorMinor> {
    private static final Pattern SHAPE = Pattern.compile("([0-9]{1,4})\\.([0-9]{1,4})");

    public static MajorMinor parse(String text) {
        Matcher m = text == null ? null : SHAPE.matcher(text.strip());
        if (m == null || !m.matches()) {
            throw new InvalidValueException("kernel line", text, "use major.minor such as 6.17");
        }
        return new MajorMinor(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    @Override
    public int compareTo(MajorMinor o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
