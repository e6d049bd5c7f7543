package dev.coreoswatch.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.model.Action;
import dev.coreoswatch.model.Decision;
import dev.coreoswatch.pipeline.EventMapping;
import dev.coreoswatch.testing.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventJsonTest {
    static final Observed OBSERVED = SampleEvents.OBSERVED;

    static BusEvent.BuildRequired required() {
        return SampleEvents.required();
    }

    static byte[] envelope(String detailType, String detail) {
        return SampleEvents.envelope(detailType, detail);
    }

    @Test
    void everyTypeRoundTripsThroughItsJson() {
        List<BusEvent> events = List.of(
                new BusEvent.UpstreamObserved(OBSERVED),
                required(),
                new BusEvent.BuildHeld(OBSERVED, "kernel 7.4.0 is outside Linux 4.18-7.3"),
                new BusEvent.BuildSkipped(OBSERVED, "already built"),
                new BusEvent.BuildDispatched(
                        required(), 8_800_000_001L, "https://github.com/acme/builds/actions/runs/8800000001"),
                new BusEvent.BuildCompleted(
                        OBSERVED,
                        8_800_000_001L,
                        "https://github.com/acme/builds/actions/runs/8800000001",
                        "success",
                        true,
                        1,
                        null,
                        Map.of("x86_64", "sha256:" + "a".repeat(64)),
                        Instant.parse("2026-09-03T13:40:00Z")),
                new BusEvent.BuildCompleted(
                        OBSERVED, null, null, "failure", false, 2, "build (linux/arm64) (failure)", Map.of(), null));
        for (BusEvent event : events) {
            BusEvent back = EventEnvelope.read(envelope(event.type().name(), EventJson.write(event)), event.type());
            assertEquals(event, back, event.type().name());
        }
    }

    @Test
    void detailCarriesTheContractFields() {
        JsonNode detail = Json.parse(EventJson.write(required()).getBytes(StandardCharsets.UTF_8), "detail");
        assertEquals(2, detail.get("schemaVersion").intValue());
        for (String field : List.of(
                "stream",
                "coreosVersion",
                "zfsVersion",
                "architectures",
                "force",
                "observedAt",
                "correlationId",
                "reason",
                "missing",
                "existing",
                "target",
                "targetImage")) {
            assertTrue(detail.has(field), field);
        }
        JsonNode arch = detail.get("architectures").get(1);
        assertTrue(arch.get("kernelVersion").isNull());
        assertEquals(List.of("arch", "kernelVersion", "compatibility", "linuxRange"), names(arch));
        assertTrue(detail.get("existing").get("aarch64").isNull());
    }

    @Test
    void aBuildCompletedWithoutAnAttemptIsRejected() {
        ObjectNode detail = (ObjectNode) Json.parse(
                EventJson.write(new BusEvent.BuildCompleted(
                                OBSERVED, 1L, null, "failure", false, 1, null, Map.of(), null))
                        .getBytes(StandardCharsets.UTF_8),
                "d");
        detail.put("attempt", 0);
        EventFormatException e = assertThrows(
                EventFormatException.class,
                () -> EventEnvelope.read(envelope("BuildCompleted", detail.toString()), EventType.BuildCompleted));
        assertTrue(e.getMessage().contains("attempt"), e.getMessage());
    }

    @Test
    void anotherSchemaVersionIsRejectedWithAClearMessage() {
        ObjectNode detail = (ObjectNode) Json.parse(EventJson.write(required()).getBytes(StandardCharsets.UTF_8), "d");
        detail.put("schemaVersion", 1); // revision 1's events carry no target
        EventFormatException e = assertThrows(
                EventFormatException.class,
                () -> EventEnvelope.read(envelope("BuildRequired", detail.toString()), EventType.BuildRequired));
        assertTrue(e.getMessage().contains("schemaVersion") && e.getMessage().contains("2"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "stream",
                "coreosVersion",
                "zfsVersion",
                "architectures",
                "force",
                "observedAt",
                "correlationId",
                "reason",
                "missing",
                "existing",
                "schemaVersion",
                "target",
                "targetImage"
            })
    void aMissingFieldIsRejectedNamingIt(String field) {
        ObjectNode detail = (ObjectNode) Json.parse(EventJson.write(required()).getBytes(StandardCharsets.UTF_8), "d");
        detail.remove(field);
        EventFormatException e = assertThrows(
                EventFormatException.class,
                () -> EventEnvelope.read(envelope("BuildRequired", detail.toString()), EventType.BuildRequired));
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }

    @Test
    void wrongSourceOrTypeOrShapeIsRejected() {
        String detail = EventJson.write(required());
        assertThrows(
                EventFormatException.class,
                () -> EventEnvelope.read(envelope("UpstreamObserved", detail), EventType.BuildRequired));
        byte[] foreign = new String(envelope("BuildRequired", detail), StandardCharsets.UTF_8)
                .replace("\"coreos-watch\"", "\"aws.s3\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThrows(EventFormatException.class, () -> EventEnvelope.read(foreign, EventType.BuildRequired));
        assertThrows(
                EventFormatException.class,
                () -> EventEnvelope.read("[1,2]".getBytes(StandardCharsets.UTF_8), EventType.BuildRequired));
        assertThrows(
                EventFormatException.class,
                () -> EventEnvelope.read("{\"detail\":".getBytes(StandardCharsets.UTF_8), EventType.BuildRequired));
        assertThrows(
                EventFormatException.class,
                () -> EventEnvelope.read(envelope("BuildRequired", "\"text\""), EventType.BuildRequired));
    }

    @ParameterizedTest
    @ValueSource(strings = {"45.2026;reboot", "$(id)", "45.x"})
    void hostileValuesInAnEventNeverBecomeADecision(String coreos) {
        Observed hostile =
                new Observed("next", coreos, "2.4.5", OBSERVED.architectures(), false, OBSERVED.observedAt(), "c");
        BusEvent.BuildRequired event = new BusEvent.BuildRequired(hostile, "r", List.of("x86_64"), Map.of());
        // Refused where the event is read (issue 13), before any mapping could use it.
        assertThrows(
                EventFormatException.class,
                () -> EventMapping.decision((BusEvent.BuildRequired) EventEnvelope.read(
                        envelope("BuildRequired", EventJson.write(event)), EventType.BuildRequired)));
    }

    @Test
    void aRequiredEventStandsForTheBuildDecisionItCameFrom() {
        Decision build = EventMapping.decision(required());
        assertEquals(Action.BUILD, build.action());
        assertEquals("45.20260901.1.0", build.coreosVersion());
        assertEquals("7.2.3-100.fc45.x86_64", build.architectures().get(0).kernelVersion());
        assertEquals("45.20260820.1.0", build.architectures().get(0).existing().coreosVersion());
        assertTrue(build.architectures().get(1).existing() == null);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
