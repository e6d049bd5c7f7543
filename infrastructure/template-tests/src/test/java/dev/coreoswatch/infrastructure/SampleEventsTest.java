package dev.coreoswatch.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** infrastructure/events: the payloads docs/deploy.md tells people to invoke with, in the shapes AWS delivers. */
class SampleEventsTest {

    private static JsonNode read(String name) throws IOException {
        return TemplateSchemaValidator.JSON.readTree(Files.readString(ProjectFiles.event(name)));
    }

    private static Set<String> keys(JsonNode node) {
        return new TreeSet<>(node.propertyNames());
    }

    @Test
    void scheduledRunIsTheEmptyRequest() throws IOException {
        assertEquals(TemplateSchemaValidator.JSON.createObjectNode(), read("scheduled-run.json"));
    }

    @Test
    void manualCheckNamesStreamsForceAndDryRun() throws IOException {
        assertEquals(
                TemplateSchemaValidator.JSON.readTree("{\"streams\":[\"stable\"],\"force\":false,\"dryRun\":true}"),
                read("manual-check.json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"upstream-observed.json", "build-required.json"})
    void busEventsCarryTheFullEventBridgeEnvelope(String name) throws IOException {
        JsonNode event = read(name);
        assertEquals(
                Set.of("version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"),
                keys(event));
        assertEquals("0", event.get("version").asString());
        assertEquals("coreos-watch", event.get("source").asString());
        assertTrue(event.get("id").asString().matches("[0-9a-f-]{36}"));
        assertTrue(event.get("account").asString().matches("[0-9]{12}"));
        Instant.parse(event.get("time").asString());
        assertTrue(event.get("resources").isArray());
        assertEquals(2, event.get("detail").get("schemaVersion").asInt());
    }

    @Test
    void upstreamObservedDetailHasTheContractFields() throws IOException {
        JsonNode event = read("upstream-observed.json");
        assertEquals("UpstreamObserved", event.get("detail-type").asString());
        JsonNode detail = event.get("detail");
        assertEquals(
                Set.of(
                        "schemaVersion",
                        "target",
                        "targetImage",
                        "stream",
                        "coreosVersion",
                        "zfsVersion",
                        "architectures",
                        "force",
                        "observedAt",
                        "correlationId"),
                keys(detail));
        for (JsonNode arch : detail.get("architectures")) {
            assertEquals(Set.of("arch", "kernelVersion", "compatibility", "linuxRange"), keys(arch));
            assertTrue(Set.of("COMPATIBLE", "INCOMPATIBLE", "UNKNOWN")
                    .contains(arch.get("compatibility").asString()));
            assertTrue(arch.get("kernelVersion")
                    .asString()
                    .endsWith("." + arch.get("arch").asString()));
        }
        Instant.parse(detail.get("observedAt").asString());
    }

    @Test
    void buildRequiredDetailAddsReasonMissingAndExistingPerArch() throws IOException {
        JsonNode observed = read("upstream-observed.json").get("detail");
        JsonNode event = read("build-required.json");
        assertEquals("BuildRequired", event.get("detail-type").asString());
        JsonNode detail = event.get("detail");
        Set<String> expected = new TreeSet<>(keys(observed));
        expected.addAll(Set.of("reason", "missing", "existing"));
        assertEquals(expected, keys(detail));
        observed.propertyNames().forEach(key -> assertEquals(observed.get(key), detail.get(key), key));
        assertTrue(detail.get("reason").asString().length() <= 200);
        Set<String> arches = new TreeSet<>();
        detail.get("architectures").forEach(a -> arches.add(a.get("arch").asString()));
        assertEquals(arches, keys(detail.get("existing")), "existing has one entry per arch");
        detail.get("missing").forEach(m -> assertTrue(arches.contains(m.asString()), m.toString()));
    }
}
