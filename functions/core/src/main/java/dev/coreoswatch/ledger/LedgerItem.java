package dev.coreoswatch.ledger;

import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.model.Printable;
import dev.coreoswatch.model.StoredTimes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A ledger entry as a DynamoDB item: {@code pk} is the ledger key, times are epoch seconds
 * (numbers, so that conditions compare them numerically), {@code ttl} lets DynamoDB drop the
 * item a while after it expired. Null and empty values are left out (DynamoDB stores no nulls).
 */
final class LedgerItem {
    static final String PK = "pk";
    static final String TTL = "ttl";

    private LedgerItem() {}

    static Map<String, AttributeValue> toItem(LedgerEntry e) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(PK, s(e.key().toString()));
        item.put("targetImage", s(e.targetImage()));
        item.put("stream", s(e.stream()));
        item.put("coreosVersion", s(e.coreosVersion()));
        item.put("zfsVersion", s(e.zfsVersion()));
        item.put("status", s(e.status().name()));
        item.put("claimedAt", n(e.claimedAt().getEpochSecond()));
        item.put("updatedAt", n(e.updatedAt().getEpochSecond()));
        item.put("expiresAt", n(e.expiresAt().getEpochSecond()));
        if (e.prunable()) {
            item.put(TTL, n(e.expiresAt().plus(Ledger.TRAIL).getEpochSecond()));
        }
        item.put("attempts", n(e.attempts()));
        item.put(
                "outcomeNotified",
                AttributeValue.builder().bool(e.outcomeNotified()).build());
        if (e.runId() != null) {
            item.put("runId", n(e.runId()));
        }
        putText(item, "runUrl", e.runUrl());
        putText(item, "reason", e.reason());
        putText(item, "correlationId", e.correlationId());
        putText(item, "conclusion", e.conclusion());
        putText(item, "failedJob", e.failedJob());
        return item;
    }

    /** Reads an item back; {@code where} names table and key in the error. */
    static LedgerEntry fromItem(Map<String, AttributeValue> item, String where) {
        try {
            return new LedgerEntry(
                    LedgerKey.parse(text(item, PK, where)),
                    status(text(item, "status", where), where),
                    time(item, "claimedAt", where),
                    time(item, "updatedAt", where),
                    time(item, "expiresAt", where),
                    item.containsKey("runId") ? number(item, "runId", where) : null,
                    optionalText(item, "runUrl", where),
                    item.containsKey("reason") ? text(item, "reason", where) : "",
                    optionalText(item, "correlationId", where),
                    item.containsKey("attempts") ? attempts(item, where) : 0,
                    optionalText(item, "conclusion", where),
                    optionalText(item, "failedJob", where),
                    item.containsKey("outcomeNotified") && flag(item, "outcomeNotified", where));
        } catch (InvalidValueException e) {
            throw malformed(where, e.getMessage());
        }
    }

    static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }

    private static void putText(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, s(value));
        }
    }

    private static String text(Map<String, AttributeValue> item, String name, String where) {
        AttributeValue value = item.get(name);
        if (value == null) {
            throw malformed(where, "no " + name);
        }
        if (value.s() == null) {
            throw malformed(where, name + " is not a string");
        }
        return value.s();
    }

    private static String optionalText(Map<String, AttributeValue> item, String name, String where) {
        return item.containsKey(name) ? text(item, name, where) : null;
    }

    private static long number(Map<String, AttributeValue> item, String name, String where) {
        AttributeValue value = item.get(name);
        if (value == null) {
            throw malformed(where, "no " + name);
        }
        if (value.n() == null) {
            throw malformed(where, name + " is not a number");
        }
        try {
            return Long.parseLong(value.n());
        } catch (NumberFormatException e) {
            throw malformed(where, name + " " + Printable.quote(value.n()) + " is not a whole number");
        }
    }

    /** Epoch seconds, bounded as the file ledger's times are (see {@link StoredTimes}). */
    private static Instant time(Map<String, AttributeValue> item, String name, String where) {
        long seconds = number(item, name, where);
        if (!StoredTimes.withinEpochSeconds(seconds)) {
            throw malformed(where, name + " " + seconds + " is " + StoredTimes.RANGE);
        }
        return Instant.ofEpochSecond(seconds);
    }

    private static int attempts(Map<String, AttributeValue> item, String where) {
        long n = number(item, "attempts", where);
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw malformed(where, "attempts " + n + " is out of range");
        }
        return (int) n;
    }

    private static boolean flag(Map<String, AttributeValue> item, String name, String where) {
        Boolean value = item.get(name).bool();
        if (value == null) {
            throw malformed(where, name + " is not a boolean");
        }
        return value;
    }

    private static LedgerStatus status(String text, String where) {
        try {
            return LedgerStatus.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw malformed(where, "unknown status " + Printable.quote(text));
        }
    }

    private static LedgerException malformed(String where, String detail) {
        return new LedgerException(where + " is malformed: " + detail);
    }
}
