package dev.coreoswatch.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.model.UpstreamObservation;
import dev.coreoswatch.pipeline.EventMapping;
import dev.coreoswatch.testing.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code releasedAt}, the optional addition to docs/contract.md section 5 that lets the inspector age an unbuilt release. */
class ReleasedAtTest {
    private static final Observed O = SampleEvents.OBSERVED;
    private static final Observed RELEASED = new Observed(
            O.stream(),
            O.coreosVersion(),
            O.zfsVersion(),
            O.architectures(),
            O.force(),
            O.observedAt(),
            O.correlationId(),
            Instant.parse("2026-09-01T10:00:00Z"));

    private static BusEvent read(String detail) {
        return EventEnvelope.read(SampleEvents.envelope("UpstreamObserved", detail), EventType.UpstreamObserved);
    }

    @Test
    void aKnownReleaseDateRoundTripsAndReachesTheObservation() {
        String detail = EventJson.write(new BusEvent.UpstreamObserved(RELEASED));
        JsonNode json = Json.parse(detail.getBytes(StandardCharsets.UTF_8), "detail");
        assertEquals("2026-09-01T10:00:00Z", json.get("releasedAt").textValue());

        Observed back = read(detail).observed();
        assertEquals(RELEASED, back);
        UpstreamObservation upstream = EventMapping.observation(back);
        assertEquals(Optional.of(Instant.parse("2026-09-01T10:00:00Z")), upstream.releasedAt());
        assertEquals(RELEASED, EventMapping.observed(upstream, O.force(), O.correlationId()));
    }

    @Test
    void anUnknownReleaseDateIsLeftOutAndAnOlderEventWithoutItIsRead() {
        String detail = EventJson.write(new BusEvent.UpstreamObserved(O));
        assertFalse(detail.contains("releasedAt"));

        assertNull(read(detail).observed().releasedAt());
        assertEquals(
                Optional.empty(),
                EventMapping.observation(read(detail).observed()).releasedAt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"last tuesday\"", "1788000000", "{}"})
    void aMalformedReleaseDateIsRejectedNamingIt(String value) {
        ObjectNode detail = (ObjectNode) Json.parse(
                EventJson.write(new BusEvent.UpstreamObserved(RELEASED)).getBytes(StandardCharsets.UTF_8), "d");
        detail.set("releasedAt", Json.parse(value.getBytes(StandardCharsets.UTF_8), "value"));

        EventFormatException e = assertThrows(EventFormatException.class, () -> read(detail.toString()));

        assertTrue(e.getMessage().contains("releasedAt"), e.getMessage());
    }
}
