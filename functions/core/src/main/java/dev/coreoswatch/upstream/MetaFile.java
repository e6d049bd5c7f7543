package dev.coreoswatch.upstream;

import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.model.LinuxRange;
import dev.coreoswatch.model.MajorMinor;
import dev.coreoswatch.model.Printable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * OpenZFS {@code META}: fixed-width {@code Key:   value} lines ({@code Name}, {@code Version},
 * {@code Release}, {@code Linux-Minimum}, {@code Linux-Maximum}, ...). Lines without a colon
 * are ignored; a key given twice with different values is an error, since either could be meant.
 */
public record MetaFile(Map<String, String> fields) {
    public static final String NAME = "Name";
    public static final String VERSION = "Version";
    public static final String RELEASE = "Release";
    public static final String LINUX_MINIMUM = "Linux-Minimum";
    public static final String LINUX_MAXIMUM = "Linux-Maximum";
    private static final int MAX_CHARS = 64 * 1024;

    public MetaFile {
        fields = Map.copyOf(fields);
    }

    /** @param what names the file in errors, e.g. "META of openzfs/zfs at zfs-2.4.4" */
    public static MetaFile parse(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new UpstreamFormatException(what + " is empty");
        }
        if (text.length() > MAX_CHARS) {
            throw new UpstreamFormatException(what + " is " + text.length() + " characters long; META is a few lines");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            String before = fields.putIfAbsent(key, value);
            if (before != null && !before.equals(value)) {
                throw new UpstreamFormatException(what + " gives " + Printable.quote(key) + " twice: "
                        + Printable.quote(before) + " and " + Printable.quote(value));
            }
        }
        return new MetaFile(fields);
    }

    public Optional<String> value(String key) {
        return Optional.ofNullable(fields.get(key)).filter(v -> !v.isEmpty());
    }

    public Optional<String> name() {
        return value(NAME);
    }

    public Optional<String> version() {
        return value(VERSION);
    }

    public Optional<String> release() {
        return value(RELEASE);
    }

    /** {@code Linux-Minimum}..{@code Linux-Maximum}; a file without both (old tags) cannot say what it supports. */
    public LinuxRange linuxRange(String what) {
        MajorMinor minimum = line(LINUX_MINIMUM, what);
        MajorMinor maximum = line(LINUX_MAXIMUM, what);
        if (minimum.compareTo(maximum) > 0) {
            throw new UpstreamFormatException(
                    what + ": " + LINUX_MINIMUM + " " + minimum + " is above " + LINUX_MAXIMUM + " " + maximum);
        }
        return new LinuxRange(minimum, maximum);
    }

    private MajorMinor line(String key, String what) {
        String value = value(key)
                .orElseThrow(() -> new UpstreamFormatException(
                        what + " has no " + key + " line, so the supported kernels are unknown"));
        try {
            return MajorMinor.parse(value);
        } catch (InvalidValueException e) {
            throw new UpstreamFormatException(
                    what + ": " + key + " " + Printable.quote(value) + " is not a kernel line like 6.18");
        }
    }
}
