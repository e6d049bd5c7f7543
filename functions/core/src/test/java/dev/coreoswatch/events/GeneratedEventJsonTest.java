package dev.coreoswatch.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.model.Printable;
import dev.coreoswatch.testing.Gen;
import dev.coreoswatch.testing.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Generated event envelopes: every input gives the event or {@link EventFormatException}, and a read event writes back the same. */
class GeneratedEventJsonTest {
    private static final List<BusEvent> EVENTS = List.of(
            new BusEvent.UpstreamObserved(SampleEvents.OBSERVED),
            SampleEvents.required(),
            new BusEvent.BuildHeld(SampleEvents.OBSERVED, "kernel 7.4.0 is outside Linux 4.18-7.3"),
            new BusEvent.BuildDispatched(
                    SampleEvents.required(), 8_800_000_001L, "https://github.com/acme/builds/actions/runs/8800000001"));

    @Test
    void anyEnvelopeGivesTheEventOrTheDeclaredError() {
        Gen.forAll(
                "event JSON",
                gen -> {
                    BusEvent event = gen.oneOf(EVENTS);
                    String envelope = new String(
                            SampleEvents.envelope(event.type().name(), EventJson.write(event)), StandardCharsets.UTF_8);
                    return new Case(event.type(), gen.nearlyJson(envelope));
                },
                c -> {
                    BusEvent read;
                    try {
                        read = EventEnvelope.read(c.json().getBytes(StandardCharsets.UTF_8), c.type());
                    } catch (EventFormatException declared) {
                        assertTrue(Printable.isClean(declared.getMessage()), () -> Gen.show(declared.getMessage()));
                        return;
                    }
                    assertEquals(c.type(), read.type());
                    String written = EventJson.write(read);
                    assertEquals(
                            read,
                            EventEnvelope.read(SampleEvents.envelope(c.type().name(), written), c.type()),
                            "read, written, read again");
                });
    }

    private record Case(EventType type, String json) {
        @Override
        public String toString() {
            return type + " " + json;
        }
    }
}
