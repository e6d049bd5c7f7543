package dev.coreoswatch.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.json.JsonFormatException;
import dev.coreoswatch.model.Printable;

/** An EventBridge event as a Lambda receives it: the envelope with {@code source}, {@code detail-type} and {@code detail}. */
public final class EventEnvelope {
    private EventEnvelope() {}

    /** Reads the event and its detail; it must come from coreos-watch and be of the expected type. */
    public static BusEvent read(byte[] input, EventType expected) {
        return read(input, expected, expected);
    }

    /** As above, for a function that takes two detail-types. */
    public static BusEvent read(byte[] input, EventType expected, EventType alsoAccepted) {
        JsonNode event;
        try {
            event = Json.parse(input, "event");
        } catch (JsonFormatException e) {
            throw new EventFormatException(e.getMessage());
        }
        if (!event.isObject()) {
            throw new EventFormatException("event is not a JSON object");
        }
        String source = Json.optionalText(event, "source").orElse(null);
        String type = Json.optionalText(event, "detail-type").orElse(null);
        if (!EventType.SOURCE.equals(source)) {
            throw new EventFormatException("event source " + Printable.quote(source) + " is not " + EventType.SOURCE);
        }
        if (!expected.name().equals(type) && !alsoAccepted.name().equals(type)) {
            throw new EventFormatException("event detail-type " + Printable.quote(type) + " is not " + expected
                    + " (this function takes "
                    + (expected == alsoAccepted ? expected : expected + " and " + alsoAccepted)
                    + " events only)");
        }
        return EventJson.read(EventType.valueOf(type), event.get("detail"));
    }
}
