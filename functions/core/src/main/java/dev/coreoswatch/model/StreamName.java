package dev.coreoswatch.model;

import java.util.regex.Pattern;

/** FCOS stream names go into URLs, tags and workflow inputs: only a strict shape is accepted. */
public final class StreamName {
    private static final Pattern SHAPE = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private StreamName() {}

    public static String require(String name) {
        if (name == null || !SHAPE.matcher(name).matches()) {
            throw new InvalidValueException("stream name", name, "use " + SHAPE.pattern() + " such as stable");
        }
        return name;
    }
}
