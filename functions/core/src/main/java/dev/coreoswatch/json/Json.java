package dev.coreoswatch.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coreoswatch.model.Printable;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * JSON in the core is read as a tree (no reflective binding) with tight limits, and every
 * failure names the document and the field, never echoing more than a short excerpt. Trees are read and
 * written with Jackson's streaming parser and generator ({@link TreeReader}, {@link TreeWriter}): no
 * {@code ObjectMapper} is built in a function, which saved a cold start about 100 ms of CPU.
 */
public final class Json {
    /** Duplicate keys are an error, not "the last one wins"; nesting, strings and numbers are bounded. */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength(1_000_000)
                    .maxNumberLength(64)
                    .build())
            .build();

    private Json() {}

    /** A new empty object of the tree model. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** {@code node} as compact JSON text, as {@code ObjectMapper} writes it. */
    public static String write(JsonNode node) {
        return text(node, false);
    }

    /** {@code node} as compact JSON in UTF-8. */
    public static byte[] bytes(JsonNode node) {
        return write(node).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code node} indented by Jackson's default pretty printer, as {@code writerWithDefaultPrettyPrinter()} does. */
    public static String pretty(JsonNode node) {
        return text(node, true);
    }

    private static String text(JsonNode node, boolean pretty) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            TreeWriter.write(node, g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string", e);
        }
        return out.toString();
    }

    /** Parses a whole document; {@code what} names it in the error ("stream metadata of stable"). */
    public static JsonNode parse(byte[] body, String what) {
        if (body == null || body.length == 0) {
            throw new JsonFormatException(what + " is empty");
        }
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() == null) {
                throw new JsonFormatException(what + " is empty");
            }
            JsonNode node = TreeReader.value(parser);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new JsonFormatException(what + " is not valid JSON (trailing token (of type " + trailing
                        + ") found after value); starts with: " + excerpt(body));
            }
            return node;
        } catch (IOException e) {
            throw new JsonFormatException(what + " is not valid JSON ("
                    + firstLine(e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage())
                    + "); starts with: " + excerpt(body));
        }
    }

    private static String excerpt(byte[] body) {
        return Printable.excerpt(new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8), 80);
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
