package dev.coreoswatch.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.coreoswatch.model.Printable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * JSON in the core is read as a tree (no reflective binding) with tight limits, and every
 * failure names the document and the field, never echoing more than a short excerpt.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        MAPPER.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(64)
                        .maxStringLength(1_000_000)
                        .maxNumberLength(64)
                        .build());
    }

    private Json() {}

    /** Parses a whole document; {@code what} names it in the error ("stream metadata of stable"). */
    public static JsonNode parse(byte[] body, String what) {
        if (body == null || body.length == 0) {
            throw new JsonFormatException(what + " is empty");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new JsonFormatException(what + " is empty");
            }
            return node;
        } catch (IOException e) {
            String excerpt =
                    Printable.excerpt(new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8), 80);
            throw new JsonFormatException(what + " is not valid JSON ("
                    + firstLine(e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage())
                    + "); starts with: " + excerpt);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return Printable.excerpt(nl < 0 ? message : message.substring(0, nl), 120);
    }

    /** A required object member at a dotted path, e.g. {@code architectures.x86_64.artifacts}. */
    public static JsonNode require(JsonNode root, String path, String what) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw new JsonFormatException(what + " has no " + path);
        }
        return node;
    }

    /** A required string member; numbers and objects are rejected, not coerced. */
    public static String text(JsonNode root, String path, String what) {
        JsonNode node = require(root, path, what);
        if (!node.isTextual()) {
            throw new JsonFormatException(what + ": " + path + " is not a string");
        }
        return node.textValue();
    }

    public static Optional<String> optionalText(JsonNode root, String field) {
        JsonNode node = root == null ? null : root.get(field);
        return node != null && node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
    }

    /** A boolean member that defaults to false when absent but must be a boolean when present. */
    public static boolean flag(JsonNode root, String field, String what) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new JsonFormatException(what + ": " + field + " is not a boolean");
        }
        return node.booleanValue();
    }
}
