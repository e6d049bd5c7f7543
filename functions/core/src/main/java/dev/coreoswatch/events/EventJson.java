package dev.coreoswatch.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coreoswatch.config.Target;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.json.JsonFormatException;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.Compatibility;
import dev.coreoswatch.model.ImageLabels;
import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.model.KernelVersion;
import dev.coreoswatch.model.LinuxRange;
import dev.coreoswatch.model.Printable;
import dev.coreoswatch.model.StreamName;
import dev.coreoswatch.model.Version;
import dev.coreoswatch.registry.ImageReference;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Event details to and from JSON, field by field (docs/contract.md section 5). Reading validates: a wrong
 * schema version, a missing or mistyped field is an {@link EventFormatException}, never a guess.
 */
public final class EventJson {
    private EventJson() {}

    public static String write(BusEvent event) {
        ObjectNode detail = Json.object();
        detail.put("schemaVersion", EventType.SCHEMA_VERSION);
        writeObserved(detail, event.observed());
        switch (event) {
            case BusEvent.UpstreamObserved ignored -> {}
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
            case BusEvent.BuildCompleted c -> {
                if (c.runId() == null) {
                    detail.putNull("runId");
                } else {
                    detail.put("runId", c.runId());
                }
                detail.put("runUrl", c.runUrl());
                detail.put("conclusion", c.conclusion());
                detail.put("verified", c.verified());
                detail.put("attempt", c.attempt());
                detail.put("failedJob", c.failedJob());
                ObjectNode digests = detail.putObject("digests");
                c.digests().forEach(digests::put);
                detail.put(
                        "completedAt",
                        c.completedAt() == null ? null : c.completedAt().toString());
            }
        }
        return Json.write(detail);
    }

    private static void writeObserved(ObjectNode detail, Observed o) {
        detail.put("target", o.target());
        detail.put("targetImage", o.targetImage());
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
                throw new EventFormatException(what + " has schemaVersion "
                        + (version == null ? "missing" : Printable.quote(version.toString()))
                        + "; this consumer reads schemaVersion " + EventType.SCHEMA_VERSION + " only");
            }
            Observed observed = readObserved(detail, what);
            return switch (type) {
                case UpstreamObserved -> new BusEvent.UpstreamObserved(observed);
                case BuildRequired -> readRequired(detail, observed, what);
                case BuildHeld ->
                    new BusEvent.BuildHeld(
                            observed,
                            checked(Json.text(detail, "reason", what), "reason", what, EventJson::wellFormed));
                case BuildSkipped ->
                    new BusEvent.BuildSkipped(
                            observed,
                            checked(Json.text(detail, "reason", what), "reason", what, EventJson::wellFormed));
                case BuildDispatched -> {
                    JsonNode runId = detail.get("runId");
                    if (runId != null && !runId.isNull() && !runId.isIntegralNumber()) {
                        throw new EventFormatException(what + ": runId is not a number");
                    }
                    yield new BusEvent.BuildDispatched(
                            readRequired(detail, observed, what),
                            runId == null || runId.isNull() ? null : runId.longValue(),
                            Json.optionalText(detail, "runUrl")
                                    .map(u -> checked(u, "runUrl", what, Printable::isClean))
                                    .orElse(null));
                }
                case BuildCompleted -> readCompleted(detail, observed, what);
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
            String where = what + " architectures[]";
            list.add(new ObservedArch(
                    checked(Json.text(a, "arch", where), "arch", where, EventJson::isArch),
                    kernel == null || kernel.isNull()
                            ? null
                            : checked(kernel.textValue(), "kernelVersion", where, EventJson::isKernel),
                    checked(Json.text(a, "compatibility", where), "compatibility", where, EventJson::isCompatibility),
                    checked(Json.text(a, "linuxRange", where), "linuxRange", where, EventJson::isLinuxRange)));
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
        Instant releasedAt =
                released == null || released.isNull() ? null : instant(released.textValue(), "releasedAt", what);
        JsonNode image = detail.get("targetImage");
        if (image == null) {
            throw new EventFormatException(what + " has no targetImage");
        }
        if (!image.isNull() && !image.isTextual()) {
            throw new EventFormatException(what + ": targetImage is not a string");
        }
        return new Observed(
                checked(Json.text(detail, "stream", what), "stream", what, EventJson::isStream),
                checked(Json.text(detail, "coreosVersion", what), "coreosVersion", what, Version::isValid),
                checked(Json.text(detail, "zfsVersion", what), "zfsVersion", what, Version::isValid),
                list,
                force.booleanValue(),
                observedAt,
                checked(Json.text(detail, "correlationId", what), "correlationId", what, Printable::isClean),
                releasedAt,
                checked(Json.text(detail, "target", what), "target", what, Target::isValidName),
                image.isNull() ? null : checked(image.textValue(), "targetImage", what, EventJson::isImageName));
    }

    /** A target image as our writer puts it: the normalised name of an image reference (no tag, no digest). */
    private static boolean isImageName(String value) {
        return parses(value, ImageReference::parse)
                && ImageReference.parse(value).name().equals(value);
    }

    /**
     * An event may come from anyone allowed to put events on the bus: the fields that name things
     * are held to the shapes our writer produces before they reach a URL, a key or a workflow input.
     */
    private static String checked(String value, String field, String what, Predicate<String> valid) {
        if (!valid.test(value)) {
            throw new EventFormatException(what + ": " + field + " " + Printable.quote(value) + " is not valid");
        }
        return value;
    }

    /** A label value as the registry had it: any text, but whole characters. */
    private static String label(JsonNode labels, String field, String what) {
        return Json.optionalText(labels, field)
                .map(v -> checked(v, "existing." + field, what, EventJson::wellFormed))
                .orElse(null);
    }

    /** Free text (a reason) may say anything, but as whole characters: a lone surrogate cannot be written back. */
    private static boolean wellFormed(String value) {
        return value.codePoints().noneMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
    }

    private static boolean isArch(String value) {
        return Arrays.stream(Arch.values()).anyMatch(a -> a.fcosName().equals(value));
    }

    private static boolean isCompatibility(String value) {
        return Arrays.stream(Compatibility.values()).anyMatch(c -> c.name().equals(value));
    }

    private static boolean isKernel(String value) {
        return parses(value, KernelVersion::parse);
    }

    private static boolean isStream(String value) {
        return parses(value, StreamName::require);
    }

    private static boolean isLinuxRange(String value) {
        return parses(value, LinuxRange::parse)
                && LinuxRange.parse(value).toString().equals(value);
    }

    private static boolean parses(String value, Function<String, ?> parse) {
        try {
            parse.apply(value);
            return true;
        } catch (InvalidValueException e) {
            return false;
        }
    }

    private static BusEvent.BuildCompleted readCompleted(JsonNode detail, Observed observed, String what) {
        JsonNode runId = detail.get("runId");
        if (runId != null && !runId.isNull() && !runId.isIntegralNumber()) {
            throw new EventFormatException(what + ": runId is not a number");
        }
        JsonNode verified = Json.require(detail, "verified", what);
        JsonNode attempt = Json.require(detail, "attempt", what);
        if (!verified.isBoolean() || !attempt.isInt() || attempt.intValue() < 1) {
            throw new EventFormatException(what + ": verified must be a boolean and attempt a whole number >= 1");
        }
        Map<String, String> digests = new LinkedHashMap<>();
        JsonNode node = detail.get("digests");
        if (node != null && !node.isNull()) {
            if (!node.isObject()) {
                throw new EventFormatException(what + ": digests is not an object");
            }
            node.fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual()) {
                    throw new EventFormatException(what + ": digests." + e.getKey() + " is not a string");
                }
                digests.put(e.getKey(), e.getValue().textValue());
            });
        }
        String completedAt = Json.optionalText(detail, "completedAt").orElse(null);
        return new BusEvent.BuildCompleted(
                observed,
                runId == null || runId.isNull() ? null : runId.longValue(),
                Json.optionalText(detail, "runUrl").orElse(null),
                Json.optionalText(detail, "conclusion").orElse(null),
                verified.booleanValue(),
                attempt.intValue(),
                Json.optionalText(detail, "failedJob").orElse(null),
                digests,
                completedAt == null ? null : instant(completedAt, "completedAt", what));
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
            arches.add(checked(m.textValue(), "missing[]", what, EventJson::isArch));
        });
        JsonNode existing = Json.require(detail, "existing", what);
        if (!existing.isObject()) {
            throw new EventFormatException(what + ": existing is not an object");
        }
        Map<String, ImageLabels> labels = new LinkedHashMap<>();
        existing.fields()
                .forEachRemaining(e -> labels.put(
                        checked(e.getKey(), "existing", what, EventJson::isArch),
                        e.getValue().isNull()
                                ? null
                                : new ImageLabels(
                                        label(e.getValue(), "coreosVersion", what),
                                        label(e.getValue(), "zfsVersion", what),
                                        label(e.getValue(), "kernelVersion", what))));
        return new BusEvent.BuildRequired(
                observed,
                checked(Json.text(detail, "reason", what), "reason", what, EventJson::wellFormed),
                arches,
                labels);
    }
}
