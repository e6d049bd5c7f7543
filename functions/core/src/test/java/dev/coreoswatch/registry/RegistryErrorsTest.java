package dev.coreoswatch.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryErrorsTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsCodesAndMessages() {
        RegistryErrors errors = RegistryErrors.parse(
                bytes(
                        "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\",\"detail\":{\"Tag\":\"stable\"}}]}"));

        assertEquals(List.of(new RegistryErrors.Entry("MANIFEST_UNKNOWN", "manifest unknown")), errors.entries());
        assertTrue(errors.onlyOf(RegistryErrors.MANIFEST_UNKNOWN, RegistryErrors.NAME_UNKNOWN));
    }

    @Test
    void aBodyThatIsNotTheErrorShapeHasNoErrors() {
        assertTrue(RegistryErrors.parse(bytes("<html><body>502 Bad Gateway</body></html>"))
                .isEmpty());
        assertTrue(RegistryErrors.parse(bytes("{\"message\":\"nope\"}")).isEmpty());
        assertTrue(RegistryErrors.parse(new byte[0]).isEmpty());
        assertTrue(RegistryErrors.parse(null).isEmpty());
        assertFalse(RegistryErrors.parse(bytes("{}")).onlyOf(RegistryErrors.MANIFEST_UNKNOWN));
    }

    @Test
    void describeQuotesHostileTextOnOneLine() {
        String described = RegistryErrors.describe(
                bytes("{\"errors\":[{\"code\":\"DENIED\",\"message\":\"line1\\nFAKE LOG LINE \\u001b[31m\"}]}"),
                new Redaction());

        assertTrue(described.startsWith("DENIED \""), described);
        assertFalse(described.contains("\n"), described);
        assertFalse(described.contains("\u001b"), described);
    }

    @Test
    void describeRemovesSecretsTheServerEchoes() {
        Redaction redaction = new Redaction();
        String token = "eyJhbGciOiJSUzI1NiJ9." + "x".repeat(400) + ".sig";
        redaction.add(token);

        String fromJson = RegistryErrors.describe(
                bytes("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad token " + token + "\"}]}"), redaction);
        String fromText = RegistryErrors.describe(bytes("x".repeat(100) + "Authorization: Bearer " + token), redaction);

        assertFalse(fromJson.contains("eyJhbGciOiJSUzI1NiJ9"), fromJson);
        assertFalse(fromText.contains("eyJhbGci"), fromText);
        assertTrue(fromJson.contains("****"), fromJson);
    }
}
