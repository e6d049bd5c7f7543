package dev.coreoswatch.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.json.JsonFormatException;
import dev.coreoswatch.model.ImageLabels;
import dev.coreoswatch.model.Printable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Event details to and from JSON, field by field (docs/contract.md section 5). Reading validates: a wrong
 * schema version, a missing or mistyped field is an {@link EventFormatException}, never a guess.
 */
public final class EventJson {
    private EventJson() {
    }

    public static String write(BusEvent event) {
        ObjectNode detail = Json.MAPPER.createObjectNode();
        detail.put("schemaVersion", EventType.SCHEMA_VERSION);
        writeObserved(detail, event.observed());
        switch (event) {
            case BusEvent.UpstreamObserved ignored -> {
            }
            case BusEvent.BuildRequired r -> writeRequired(detail, r);
            case BusEvent.BuildHeld h -> detail.put("reason", h.reason());
            case BusEvent.BuildSkipped s -> detail.put("reason", s.reason());
            case BusEvent.BuildDispatched d -> {
                writeRequired(detail, d.required());
                if (d.runId() == null) {
                    detail.putNull("runId");
                } else {
                    detail.put("runId", d.runId());
                }
                detail.put("runUrl", d.runUrl());
            }
        }
        return detail.toString();
    }

    private static void writeObserved(ObjectNode detail, Observed o) {
        detail.put("stream", o.stream());
        detail.put("coreosVersion", o.coreosVersion());
        detail.put("zfsVersion", o.zfsVersion());
        ArrayNode archs = detail.putArray("architectures");
        for (ObservedArch a : o.architectures()) {
            ObjectNode node = archs.addObject();
            node.put("arch", a.arch());
            node.put("kernelVersion", a.kernelVersion());
            node.put("compatibility", a.compatibility());
            node.put("linuxRange", a.linuxRange());
        }
        detail.put("force", o.force());
        detail.put("observedAt", o.observedAt().toString());
        detail.put("correlationId", o.correlationId());
        if (o.releasedAt() != null) {
            detail.put("releasedAt", o.releasedAt().toString());
        }
    }

    private static void writeRequired(ObjectNode detail, BusEvent.BuildRequired r) {
        detail.put("reason", r.reason());
        ArrayNode missing = detail.putArray("missing");
        r.missing().forEach(missing::add);
        ObjectNode existing = detail.putObject("existing");
        r.existing().forEach((arch, labels) -> {
            if (labels == null) {
                existing.putNull(arch);
            } else {
                ObjectNode l = existing.putObject(arch);
                l.put("coreosVersion", labels.coreosVersion());
                l.put("zfsVersion", labels.zfsVersion());
                l.put("kernelVersion", labels.kernelVersion());
            }
        });
    }

    /** Reads the detail of an event of the given type. */
    public static BusEvent read(EventType type, JsonNode detail) {
        String what = type + " detail";
        try {
            if (detail == null || !detail.isObject()) {
                throw new EventFormatException(what + " is not a JSON object");
            }
            JsonNode version = detail.get("schemaVersion");
            if (version == null || !version.isInt() || version.intValue() != EventType.SCHEMA_VERSION) {
                throw new EventFormatException(what + " has schemaVersion " + (version == null ? "missing" : Printable.quote(version.toString()))
                        + "; this consumer reads schemaVersion " + EventType.SCHEMA_VERSION + " only");
            }
            Observed observed = readObserved(detail, what);
            return switch (type) {
                case UpstreamObserved -> new BusEvent.UpstreamObserved(observed);
                case BuildRequired -> readRequired(detail, observed, what);
                case BuildHeld -> new BusEvent.BuildHeld(observed, Json.text(detail, "reason", what));
                case BuildSkipped -> new BusEvent.BuildSkipped(observed, Json.text(detail, "reason", what));
                case BuildDispatched -> {
                    JsonNode runId = detail.get("runId");
                    if (runId != null && !runId.isNull() && !runId.isIntegralNumber()) {
                        throw new EventFormatException(what + ": runId is not a number");
                    }
                    yield new BusEvent.BuildDispatched(readRequired(detail, observed, what),
                            runId == null || runId.isNull() ? null : runId.longValue(), Json.optionalText(detail, "runUrl").orElse(null));
                }
            };
        } catch (JsonFormatException e) {
            throw new EventFormatException(e.getMessage());
        }
    }

    private static Observed readObserved(JsonNode detail, String what) {
        JsonNode archs = Json.require(detail, "architectures", what);
        if (!archs.isArray() || archs.isEmpty()) {
            throw new EventFormatException(what + ": architectures must be a non-empty array");
        }
        List<ObservedArch> list = new ArrayList<>();
        for (JsonNode a : archs) {
            JsonNode kernel = a.get("kernelVersion");
            if (kernel != null && !kernel.isNull() && !kernel.isTextual()) {
                throw new EventFormatException(what + ": architectures[].kernelVersion is not a string");
            }
            list.add(new ObservedArch(Json.text(a, "arch", what + " architectures[]"),
                    kernel == null || kernel.isNull() ? null : kernel.textValue(),
                    Json.text(a, "compatibility", what + " architectures[]"), Json.text(a, "linuxRange", what + " architectures[]")));
        }
        JsonNode force = Json.require(detail, "force", what);
        if (!force.isBoolean()) {
            throw new EventFormatException(what + ": force is not a boolean");
        }
        Instant observedAt = instant(Json.text(detail, "observedAt", what), "observedAt", what);
        JsonNode released = detail.get("releasedAt");
        if (released != null && !released.isNull() && !released.isTextual()) {
            throw new EventFormatException(what + ": releasedAt is not a string");
        }
        Instant releasedAt = released == null || released.isNull() ? null : instant(released.textValue(), "releasedAt", what);
        return new Observed(Json.text(detail, "stream", what), Json.text(detail, "coreosVersion", what),
                Json.text(detail, "zfsVersion", what), list, force.booleanValue(), observedAt, Json.text(detail, "correlationId", what),
                releasedAt);
    }

    private static Instant instant(String text, String field, String what) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new EventFormatException(what + ": " + field + " is not an ISO-8601 instant");
        }
    }

    private static BusEvent.BuildRequired readRequired(JsonNode detail, Observed observed, String what) {
        JsonNode missing = Json.require(detail, "missing", what);
        if (!missing.isArray()) {
            throw new EventFormatException(what + ": missing is not an array");
        }
        List<String> arches = new ArrayList<>();
        missing.forEach(m -> {
            if (!m.isTextual()) {
                throw new EventFormatException(what + ": missing[] holds a non-string");
            }
            arches.add(m.textValue());
        });
        JsonNode existing = Json.require(detail, "existing", what);
        if (!existing.isObject()) {
            throw new EventFormatException(what + ": existing is not an object");
        }
        Map<String, ImageLabels> labels = new LinkedHashMap<>();
        existing.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().isNull() ? null : new ImageLabels(
                Json.optionalText(e.getValue(), "coreosVersion").orElse(null), Json.optionalText(e.getValue(), "zfsVersion").orElse(null),
                Json.optionalText(e.getValue(), "kernelVersion").orElse(null))));
        return new BusEvent.BuildRequired(observed, Json.text(detail, "reason", what), arches, labels);
    }
}
