package dev.coreoswatch.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.json.JsonFormatException;
import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.model.Printable;
import dev.coreoswatch.model.StoredTimes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON document of the file ledger: {@code {"schemaVersion":1,"entries":[...]}}. Reading is
 * strict; anything unexpected is an error, because a ledger read as empty could dispatch twice.
 */
final class LedgerFileFormat {
    static final int SCHEMA_VERSION = 1;

    private LedgerFileFormat() {}

    static byte[] write(Collection<LedgerEntry> entries) {
        ObjectNode root = Json.object();
        root.put("schemaVersion", SCHEMA_VERSION);
        ArrayNode list = root.putArray("entries");
        for (LedgerEntry e : entries) {
            ObjectNode node = list.addObject();
            node.put("key", e.key().toString());
            node.put("status", e.status().name());
            node.put("claimedAt", e.claimedAt().toString());
            node.put("updatedAt", e.updatedAt().toString());
            node.put("expiresAt", e.expiresAt().toString());
            node.put("runId", e.runId());
            node.put("runUrl", e.runUrl());
            node.put("reason", e.reason());
            node.put("correlationId", e.correlationId());
            node.put("attempts", e.attempts());
            node.put("conclusion", e.conclusion());
            node.put("failedJob", e.failedJob());
            node.put("outcomeNotified", e.outcomeNotified());
        }
        return Json.pretty(root).getBytes(StandardCharsets.UTF_8);
    }

    /** A modifiable map ordered by key text, the order {@link Ledger#list} promises. */
    static Map<LedgerKey, LedgerEntry> empty() {
        return new TreeMap<>(Comparator.comparing(LedgerKey::toString));
    }

    /** Entries by key; throws {@link JsonFormatException} naming what is wrong. */
    static Map<LedgerKey, LedgerEntry> read(byte[] content) {
        JsonNode root = Json.parse(content, "ledger file");
        JsonNode version = Json.require(root, "schemaVersion", "ledger file");
        if (!version.isInt() || version.intValue() != SCHEMA_VERSION) {
            throw new JsonFormatException("ledger file has schemaVersion " + Printable.quote(String.valueOf(version))
                    + ", expected " + SCHEMA_VERSION);
        }
        JsonNode entries = Json.require(root, "entries", "ledger file");
        if (!entries.isArray()) {
            throw new JsonFormatException("ledger file: entries is not a list");
        }
        Map<LedgerKey, LedgerEntry> byKey = empty();
        int index = 0;
        for (JsonNode node : entries) {
            LedgerEntry entry = entry(node, "ledger entry " + index++);
            if (byKey.put(entry.key(), entry) != null) {
                throw new JsonFormatException("ledger file holds " + entry.key() + " twice");
            }
        }
        return byKey;
    }

    private static LedgerEntry entry(JsonNode node, String what) {
        if (!node.isObject()) {
            throw new JsonFormatException(what + " is not an object");
        }
        try {
            return new LedgerEntry(
                    LedgerKey.parse(Json.text(node, "key", what)),
                    status(Json.text(node, "status", what), what),
                    instant(node, "claimedAt", what),
                    instant(node, "updatedAt", what),
                    instant(node, "expiresAt", what),
                    runId(node.get("runId"), what),
                    nullableText(node, "runUrl", what),
                    Json.text(node, "reason", what),
                    nullableText(node, "correlationId", what),
                    attempts(node.get("attempts"), what),
                    nullableText(node, "conclusion", what),
                    nullableText(node, "failedJob", what),
                    flag(node.get("outcomeNotified"), what));
        } catch (InvalidValueException e) {
            throw new JsonFormatException(what + ": " + e.getMessage());
        }
    }

    private static LedgerStatus status(String text, String what) {
        try {
            return LedgerStatus.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new JsonFormatException(what + ": unknown status " + Printable.quote(text));
        }
    }

    private static Instant instant(JsonNode node, String field, String what) {
        String text = Json.text(node, field, what);
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new JsonFormatException(
                    what + ": " + field + " " + Printable.quote(text) + " is not an ISO-8601 instant");
        }
        if (!StoredTimes.within(instant)) {
            throw new JsonFormatException(
                    what + ": " + field + " " + Printable.quote(text) + " is " + StoredTimes.RANGE);
        }
        return instant;
    }

    private static Long runId(JsonNode node, String what) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new JsonFormatException(what + ": runId is not a whole number");
        }
        return node.longValue();
    }

    /** Absent in files written before attempts were counted: none failed then. */
    private static int attempts(JsonNode node, String what) {
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isInt() || node.intValue() < 0) {
            throw new JsonFormatException(what + ": attempts is not a whole number >= 0");
        }
        return node.intValue();
    }

    private static boolean flag(JsonNode node, String what) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new JsonFormatException(what + ": outcomeNotified is not a boolean");
        }
        return node.booleanValue();
    }

    private static String nullableText(JsonNode root, String field, String what) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new JsonFormatException(what + ": " + field + " is not a string");
        }
        return node.textValue();
    }
}
