package dev.coreoswatch.config;

import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.model.Printable;
import dev.coreoswatch.model.Secret;
import dev.coreoswatch.registry.ImageReference;
import java.time.Duration;

/**
 * The checks of configuration values that the simple patterns of {@link WatchConfig} cannot
 * express: credentials (whose value no message may show), names that must not be path tricks,
 * bounds that keep later arithmetic finite. Each throws {@link InvalidValueException}, which
 * {@link WatchConfig#load} turns into a {@link ConfigException} naming the key (exit 2).
 */
public final class ValueRules {
    /** Beyond a month a "build in flight" is a mistake, and far beyond it Instant arithmetic overflows. */
    static final Duration MAX_IN_FLIGHT_WINDOW = Duration.ofDays(30);

    private ValueRules() {}

    /**
     * A token sent as {@code Authorization: Bearer <token>}: visible ASCII only (RFC 6750 allows
     * less still). A smart quote or a newline pasted with it would otherwise fail inside the
     * HTTP client, whose message quotes the header.
     */
    static Secret bearerToken(String value) {
        if (!Secret.isHeaderSafe(value)) {
            throw new InvalidValueException("holds a character that cannot go into an HTTP header (a space, a control"
                    + " character, a smart quote or other non-ASCII); the value is not shown");
        }
        return new Secret(value);
    }

    /** A password: it travels base64-encoded, so anything printable goes, but no control character. */
    static Secret password(String value) {
        if (!Printable.isClean(value)) {
            throw new InvalidValueException("holds a control character (a pasted newline?); the value is not shown");
        }
        return new Secret(value);
    }

    /** A Basic user name: no control character and no colon (RFC 7617 ends the user name at the first colon). */
    static String userName(String value) {
        if (!Printable.isClean(value) || value.contains(":")) {
            throw new InvalidValueException("user name", value, "use a name without a colon or control character");
        }
        return value;
    }

    /** {@code owner/name} with neither part a dot segment, which would climb out of the URL path it goes into. */
    static String notDotSegments(String what, String value) {
        for (String part : value.split("/", -1)) {
            if (part.equals(".") || part.equals("..")) {
                throw new InvalidValueException(what, value, "use owner/name with no . or .. part");
            }
        }
        return value;
    }

    static Duration inFlightWindow(Duration window) {
        if (window.compareTo(MAX_IN_FLIGHT_WINDOW) > 0) {
            throw new InvalidValueException(
                    "duration",
                    window.toString(),
                    "use at most " + MAX_IN_FLIGHT_WINDOW.toDays() + " days such as PT3H");
        }
        return window;
    }

    /**
     * The target image names a repository: its tags are the streams' ({@code target.tag}). A tag or
     * digest given here would otherwise be dropped without a word, and the wrong tag inspected.
     */
    public static ImageReference repositoryOnly(String value) {
        ImageReference ref = ImageReference.parse(value);
        String text = value.strip();
        if (ref.digest() != null || text.lastIndexOf(':') > text.lastIndexOf('/')) {
            throw new InvalidValueException(
                    "image repository",
                    value,
                    "use a repository without a tag or digest such as ghcr.io/owner/custom-coreos (the tag comes from target.tag)");
        }
        return ref;
    }

    /** The value of a URL for a message: never its user info, which may hold a password. */
    static String urlForMessage(String value) {
        return value.indexOf('@') >= 0 ? "(value not shown: it holds an @, so it may carry user info)" : value;
    }
}
