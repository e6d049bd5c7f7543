package dev.coreoswatch.notify;

import dev.coreoswatch.model.Printable;
import dev.coreoswatch.model.StoredTimes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The last notification per stream, kept in the ledger's DynamoDB table under its own key
 * prefix: {@code state|<target image>|<stream>} (a ledger key has four parts and never starts
 * with {@code state|}, and the watcher's IAM grant is limited to this prefix). Every write is
 * conditional on the version that was read, so of two invocations that saw the same change,
 * exactly one records it, and only that one notifies.
 */
public final class NotificationStateTable {
    public static final String KEY_PREFIX = "state|";
    private static final String PK = "pk";

    private final DynamoDbClient client;
    private final String table;
    private final String targetImage;

    public NotificationStateTable(DynamoDbClient client, String table, String targetImage) {
        this.client = client;
        this.table = table;
        this.targetImage = targetImage;
    }

    public static String key(String targetImage, String stream) {
        return KEY_PREFIX + targetImage + "|" + stream;
    }

    public String targetImage() {
        return targetImage;
    }

    public Optional<NotifiedState> read(String stream) {
        String key = key(targetImage, stream);
        Map<String, AttributeValue> item = call(
                        "read",
                        key,
                        () -> client.getItem(
                                b -> b.tableName(table).key(keyOf(key)).consistentRead(true)))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item, key));
    }

    /**
     * Writes {@code next} if the stored state is still {@code expected} (same version, or still
     * absent). False when another invocation changed it first: that one notifies, this one not.
     */
    public boolean replace(String stream, Optional<NotifiedState> expected, NotifiedState next) {
        String key = key(targetImage, stream);
        try {
            call(
                    "write",
                    key,
                    () -> client.putItem(b -> {
                        b.tableName(table).item(toItem(key, next));
                        if (expected.isEmpty()) {
                            b.conditionExpression("attribute_not_exists(#pk)")
                                    .expressionAttributeNames(Map.of("#pk", PK));
                        } else {
                            b.conditionExpression("#version = :version")
                                    .expressionAttributeNames(Map.of("#version", "version"))
                                    .expressionAttributeValues(
                                            Map.of(":version", n(expected.get().version())));
                        }
                    }));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    /**
     * Puts back what was there before {@code ours}, if nothing moved on since: a notification
     * that could not be published must be tried again by the next run, not counted as sent.
     */
    public void restore(String stream, NotifiedState ours, Optional<NotifiedState> previous) {
        String key = key(targetImage, stream);
        Map<String, String> names = Map.of("#version", "version");
        Map<String, AttributeValue> values = Map.of(":version", n(ours.version()));
        try {
            if (previous.isEmpty()) {
                call(
                        "restore",
                        key,
                        () -> client.deleteItem(b -> b.tableName(table)
                                .key(keyOf(key))
                                .conditionExpression("#version = :version")
                                .expressionAttributeNames(names)
                                .expressionAttributeValues(values)));
            } else {
                call(
                        "restore",
                        key,
                        () -> client.putItem(b -> b.tableName(table)
                                .item(toItem(key, previous.get()))
                                .conditionExpression("#version = :version")
                                .expressionAttributeNames(names)
                                .expressionAttributeValues(values)));
            }
        } catch (ConditionalCheckFailedException movedOn) {
            // Another invocation wrote a newer state meanwhile; it stands.
        }
    }

    private static Map<String, AttributeValue> toItem(String key, NotifiedState state) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(PK, s(key));
        item.put("kind", s(state.kind().name()));
        item.put("fingerprint", s(state.fingerprint()));
        item.put("coreosVersion", s(state.coreosVersion()));
        item.put("zfsVersion", s(state.zfsVersion()));
        if (!state.reason().isEmpty()) {
            item.put("reason", s(state.reason()));
        }
        item.put("since", n(state.since().getEpochSecond()));
        item.put("version", n(state.version()));
        return item;
    }

    private NotifiedState fromItem(Map<String, AttributeValue> item, String key) {
        String where = "notification state " + key + " in DynamoDB table " + table;
        String kind = text(item, "kind", where);
        try {
            return new NotifiedState(
                    NotificationKind.valueOf(kind),
                    text(item, "fingerprint", where),
                    text(item, "coreosVersion", where),
                    text(item, "zfsVersion", where),
                    item.containsKey("reason") ? text(item, "reason", where) : "",
                    since(item, where),
                    number(item, "version", where));
        } catch (IllegalArgumentException e) {
            throw new NotificationException(where + " is malformed: unknown kind " + Printable.quote(kind));
        }
    }

    /** Epoch seconds within {@link StoredTimes}: beyond them {@code Instant.ofEpochSecond} would throw, uncaught. */
    private static Instant since(Map<String, AttributeValue> item, String where) {
        long seconds = number(item, "since", where);
        if (!StoredTimes.withinEpochSeconds(seconds)) {
            throw new NotificationException(where + " is malformed: since " + seconds + " is " + StoredTimes.RANGE);
        }
        return Instant.ofEpochSecond(seconds);
    }

    private static String text(Map<String, AttributeValue> item, String name, String where) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw new NotificationException(where + " is malformed: no string " + name);
        }
        return value.s();
    }

    private static long number(Map<String, AttributeValue> item, String name, String where) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            throw new NotificationException(where + " is malformed: no number " + name);
        }
        try {
            return Long.parseLong(value.n());
        } catch (NumberFormatException e) {
            throw new NotificationException(
                    where + " is malformed: " + name + " " + Printable.quote(value.n()) + " is not a whole number");
        }
    }

    private static Map<String, AttributeValue> keyOf(String key) {
        return Map.of(PK, s(key));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }

    /** A failed condition passes through; every other SDK failure becomes a {@link NotificationException}. */
    private <T> T call(String what, String key, Supplier<T> request) {
        try {
            return request.get();
        } catch (ConditionalCheckFailedException condition) {
            throw condition;
        } catch (AwsServiceException e) {
            String code =
                    e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            String detail = e.awsErrorDetails() == null
                    ? ""
                    : Printable.excerpt(e.awsErrorDetails().errorMessage(), 200);
            throw new NotificationException(
                    "DynamoDB refused to " + what + " " + key + " in table " + table + ": HTTP " + e.statusCode() + " "
                            + code + (detail.isEmpty() ? "" : " (" + detail + ")"),
                    e);
        } catch (SdkException e) {
            throw new NotificationException(
                    "cannot reach DynamoDB to " + what + " " + key + " in table " + table + ": "
                            + Printable.excerpt(e.getMessage(), 300),
                    e);
        }
    }
}
