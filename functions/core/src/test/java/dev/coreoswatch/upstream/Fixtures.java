package dev.coreoswatch.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coreoswatch.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Upstream samples copied into src/test/resources/upstream (see SOURCES.md there). */
public final class Fixtures {
    private Fixtures() {}

    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/upstream/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture upstream/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** A mutable copy, for variants made from a real document. */
    public static ObjectNode object(String name) {
        JsonNode node = Json.parse(bytes(name), name);
        return (ObjectNode) node.deepCopy();
    }

    public static String json(JsonNode node) {
        return Json.write(node);
    }
}
