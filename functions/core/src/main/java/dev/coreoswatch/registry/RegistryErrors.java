package dev.coreoswatch.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.json.JsonFormatException;
import dev.coreoswatch.model.Printable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The distribution error body {@code {"errors":[{"code":"MANIFEST_UNKNOWN","message":...}]}}.
 * Bodies that are not that shape (HTML from a proxy, empty) give no errors rather than failing:
 * the status code still says what happened.
 */
public record RegistryErrors(List<Entry> entries) {
    public static final String MANIFEST_UNKNOWN = "MANIFEST_UNKNOWN";
    public static final String NAME_UNKNOWN = "NAME_UNKNOWN";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String DENIED = "DENIED";
    public static final String UNAUTHORIZED = "UNAUTHORIZED";

    private static final int MAX_ENTRIES = 5;

    /** One error: the code is upper case ASCII, the message is the registry's, untrusted. */
    public record Entry(String code, String message) {}

    public RegistryErrors {
        entries = List.copyOf(entries);
    }

    public static RegistryErrors parse(byte[] body) {
        if (body == null || body.length == 0) {
            return new RegistryErrors(List.of());
        }
        JsonNode root;
        try {
            root = Json.parse(body, "registry error body");
        } catch (JsonFormatException notJson) {
            return new RegistryErrors(List.of());
        }
        JsonNode errors = root.get("errors");
        List<Entry> out = new ArrayList<>();
        if (errors != null && errors.isArray()) {
            for (JsonNode error : errors) {
                if (out.size() == MAX_ENTRIES) {
                    break;
                }
                String code = Json.optionalText(error, "code").orElse("");
                String message = Json.optionalText(error, "message").orElse("");
                out.add(new Entry(code, message));
            }
        }
        return new RegistryErrors(out);
    }

    /** No body, or only white space: what a HEAD, and some registries' GET, answer. */
    public static boolean isBlank(byte[] body) {
        if (body == null) {
            return true;
        }
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public boolean has(String code) {
        return entries.stream().anyMatch(e -> e.code().equals(code));
    }

    /** GHCR's answer to an anonymous read of a package that does not exist or is private. */
    public boolean isDenial() {
        return has(DENIED) || has(UNAUTHORIZED);
    }

    /** True when every error is one of {@code codes} (and there is at least one). */
    public boolean onlyOf(String... codes) {
        List<String> allowed = List.of(codes);
        return !entries.isEmpty() && entries.stream().allMatch(e -> allowed.contains(e.code()));
    }

    /**
     * A short, one-line summary for an exception message, e.g. {@code UNAUTHORIZED "authentication
     * required"}; the raw body excerpt when it had no errors. Registry text is untrusted: it is
     * quoted and bounded, and {@code redaction} removes any credential a hostile server echoed.
     */
    public static String describe(byte[] body, Redaction redaction) {
        RegistryErrors errors = parse(body);
        if (errors.isEmpty()) {
            // Redact before cutting: a long token crossing the cut would otherwise leave a prefix behind.
            String text =
                    body == null ? "" : new String(body, 0, Math.min(body.length, 65_536), StandardCharsets.UTF_8);
            return Printable.excerpt(redaction.apply(text), 120);
        }
        StringBuilder out = new StringBuilder();
        for (Entry e : errors.entries()) {
            if (!out.isEmpty()) {
                out.append("; ");
            }
            out.append(Printable.excerpt(redaction.apply(e.code()), 40));
            if (!e.message().isEmpty()) {
                out.append(' ').append(Printable.quote(redaction.apply(e.message())));
            }
        }
        return out.toString();
    }
}
