package dev.coreoswatch.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A full kernel release string such as {@code 6.18.13-200.fc44.x86_64}. */
public record KernelVersion(String text, MajorMinor line) {
    private static final Pattern SHAPE =
            Pattern.compile("([0-9]{1,4})\\.([0-9]{1,4})(\\.[0-9]{1,6}){0,2}(-[0-9A-Za-z_.+~]{1,80})?");

    public static KernelVersion parse(String text) {
        Matcher m = text == null ? null : SHAPE.matcher(text);
        if (m == null || !m.matches()) {
            throw new InvalidValueException("kernel version", text, "use a form such as 6.17.7-300.fc43.x86_64");
        }
        return new KernelVersion(text, new MajorMinor(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    }

    @Override
    public String toString() {
        return text;
    }
}
