package dev.coreoswatch.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.coreoswatch.testing.Gen;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link Json} reads and writes trees with the streaming parser and generator instead of an {@code ObjectMapper}
 * (a cold start no longer builds one). The mapper it replaced, configured as {@code Json.MAPPER} was, is the
 * oracle: for any document both read the same tree or both refuse it, and both write a tree to the same text.
 */
class GeneratedJsonTreesTest {
    private static final ObjectMapper ORACLE = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        ORACLE.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(64)
                        .maxStringLength(1_000_000)
                        .maxNumberLength(64)
                        .build());
    }

    private static final List<String> SAMPLES = List.of(
            "{\"version\":\"0\",\"detail-type\":\"BuildRequired\",\"detail\":{\"schemaVersion\":2,\"stream\":\"stable\","
                    + "\"arches\":[\"x86_64\",\"aarch64\"],\"releasedAt\":null,\"force\":false,\"size\":1.5e3}}",
            "{\"architectures\":{\"x86_64\":{\"artifacts\":{\"metal\":{\"release\":\"44.20260707.3.1\"}}}}}",
            "[1, -0, 9223372036854775808, 1e309, 0.1, \"\\u00e9\\ud83d\\ude00\", {\"a\": {\"a\": [[]]}}]");

    @Test
    void anyDocumentReadsAsTheMapperReadItAndWritesAsItWroteIt() {
        Gen.forAll(
                "Json trees against ObjectMapper",
                gen -> gen.chance(50) ? gen.json(5) : gen.nearlyJson(gen.chance(50) ? SAMPLES.get(0) : SAMPLES.get(2)),
                text -> {
                    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                    Optional<JsonNode> expected = oracle(bytes);
                    if (expected.isEmpty()) {
                        assertThrows(JsonFormatException.class, () -> Json.parse(bytes, "doc"), text);
                        return;
                    }
                    JsonNode tree = Json.parse(bytes, "doc");
                    assertEquals(expected.get(), tree, text);
                    assertEquals(write(expected.get()), Json.write(tree), text);
                    assertEquals(pretty(expected.get()), Json.pretty(tree), text);
                });
    }

    @Test
    void aSecondValueAfterTheDocumentIsRefusedAndNamed() {
        JsonFormatException e = assertThrows(
                JsonFormatException.class, () -> Json.parse("{} {}".getBytes(StandardCharsets.UTF_8), "the answer"));
        assertTrue(e.getMessage().startsWith("the answer is not valid JSON (trailing token"), e.getMessage());
    }

    @Test
    void aDuplicateKeyIsRefusedNotResolved() {
        JsonFormatException e = assertThrows(
                JsonFormatException.class,
                () -> Json.parse("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8), "the answer"));
        assertTrue(e.getMessage().contains("Duplicate field 'a'"), e.getMessage());
    }

    private static Optional<JsonNode> oracle(byte[] bytes) {
        try {
            JsonNode node = ORACLE.readTree(bytes);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String write(JsonNode node) {
        try {
            return ORACLE.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pretty(JsonNode node) {
        try {
            return ORACLE.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
