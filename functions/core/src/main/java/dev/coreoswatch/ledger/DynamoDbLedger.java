package dev.coreoswatch.ledger;

import dev.coreoswatch.model.Printable;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The Lambda ledger: one DynamoDB item per ledger key. A claim is a conditional put, so of any
 * number of concurrent claimers (parallel Lambdas, redelivered events) exactly one succeeds.
 */
public final class DynamoDbLedger implements Ledger {
    /** The partition key attribute (a string holding the ledger key). */
    public static final String PARTITION_KEY = LedgerItem.PK;
    /** The attribute to enable DynamoDB Time to Live on (epoch seconds). */
    public static final String TTL_ATTRIBUTE = LedgerItem.TTL;

    private static final int CLAIM_ATTEMPTS = 3;
    /** Keys of other items kept in the table (dev.coreoswatch.notify.NotificationStateTable): not ledger entries. */
    static final String NOT_A_CLAIM = "state|";

    private final DynamoDbClient client;
    private final String table;

    public DynamoDbLedger(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    /** The table this ledger expects: {@code pk} string hash key, on-demand capacity (TTL is set separately). */
    public static CreateTableRequest tableDefinition(String table) {
        return CreateTableRequest.builder()
                .tableName(table)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName(PARTITION_KEY)
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName(PARTITION_KEY)
                        .keyType(KeyType.HASH)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .build();
    }

    @Override
    public ClaimResult claim(LedgerKey key, ClaimDetails details, Instant now, Duration window) {
        Ledger.newClaim(key, details, now, window); // validates before anything is read
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        for (int attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt++) {
            Optional<LedgerEntry> existing = read("claim", key);
            if (existing.isPresent() && !existing.get().claimableAt(at)) {
                return new ClaimResult.AlreadyClaimed(existing.get());
            }
            LedgerEntry wanted = Ledger.newClaim(key, details, now, window, existing.orElse(null));
            try {
                putIf("claim", wanted, existing);
                return new ClaimResult.Claimed(wanted);
            } catch (ConditionalCheckFailedException changed) {
                // Claimed, completed or released between our read and our write: read again.
            }
        }
        throw new LedgerException("cannot claim " + key + " in DynamoDB table " + table + ": it changed "
                + CLAIM_ATTEMPTS + " times while we tried");
    }

    @Override
    public Optional<LedgerEntry> recordOutcome(LedgerKey key, LedgerEntry seen, LedgerOutcome outcome, Instant now) {
        LedgerEntry changed = seen.completed(outcome, now.truncatedTo(ChronoUnit.SECONDS));
        try {
            putIf("record the outcome of", changed, Optional.of(seen));
            return Optional.of(changed);
        } catch (ConditionalCheckFailedException moved) {
            return Optional.empty();
        }
    }

    @Override
    public boolean markNotified(LedgerKey key, boolean told, Instant now) {
        Optional<LedgerEntry> existing = find(key);
        if (existing.isEmpty()
                || !existing.get().status().completed()
                || existing.get().outcomeNotified() == told) {
            return false;
        }
        try {
            call(
                    "mark the outcome told of",
                    key,
                    () -> client.updateItem(b -> b.tableName(table)
                            .key(keyOf(key))
                            .updateExpression("SET #notified = :told, #updatedAt = :now")
                            .conditionExpression("#status = :status AND #claimedAt = :claimedAt AND #notified = :was")
                            .expressionAttributeNames(Map.of(
                                    "#notified",
                                    "outcomeNotified",
                                    "#updatedAt",
                                    "updatedAt",
                                    "#status",
                                    "status",
                                    "#claimedAt",
                                    "claimedAt"))
                            .expressionAttributeValues(Map.of(
                                    ":told",
                                    AttributeValue.builder().bool(told).build(),
                                    ":was",
                                    AttributeValue.builder().bool(!told).build(),
                                    ":now",
                                    LedgerItem.n(now.getEpochSecond()),
                                    ":status",
                                    LedgerItem.s(existing.get().status().name()),
                                    ":claimedAt",
                                    LedgerItem.n(existing.get().claimedAt().getEpochSecond())))));
            return true;
        } catch (ConditionalCheckFailedException moved) {
            return false;
        }
    }

    /** Writes {@code entry} if the stored item is still {@code seen} (same status and claim time), or still absent. */
    private void putIf(String what, LedgerEntry entry, Optional<LedgerEntry> seen) {
        call(
                what,
                entry.key(),
                () -> client.putItem(b -> {
                    b.tableName(table).item(LedgerItem.toItem(entry));
                    if (seen.isEmpty()) {
                        b.conditionExpression("attribute_not_exists(#pk)")
                                .expressionAttributeNames(Map.of("#pk", PARTITION_KEY));
                    } else {
                        b.conditionExpression("#status = :status AND #claimedAt = :claimedAt")
                                .expressionAttributeNames(Map.of("#status", "status", "#claimedAt", "claimedAt"))
                                .expressionAttributeValues(Map.of(
                                        ":status",
                                        LedgerItem.s(seen.get().status().name()),
                                        ":claimedAt",
                                        LedgerItem.n(seen.get().claimedAt().getEpochSecond())));
                    }
                }));
    }

    @Override
    public LedgerEntry recordDispatched(LedgerKey key, Long runId, String runUrl, Instant now) {
        Map<String, AttributeValue> set = new LinkedHashMap<>();
        set.put("status", LedgerItem.s(LedgerStatus.DISPATCHED.name()));
        set.put("updatedAt", LedgerItem.n(now.getEpochSecond()));
        set.put("runId", runId == null ? null : LedgerItem.n(runId));
        set.put("runUrl", runUrl == null || runUrl.isEmpty() ? null : LedgerItem.s(runUrl));
        return update("record the dispatch of", key, set);
    }

    @Override
    public LedgerEntry markUncertain(LedgerKey key, String reason, Instant now) {
        Objects.requireNonNull(reason, "reason");
        Map<String, AttributeValue> set = new LinkedHashMap<>();
        set.put("status", LedgerItem.s(LedgerStatus.UNCERTAIN.name()));
        set.put("updatedAt", LedgerItem.n(now.getEpochSecond()));
        set.put("reason", reason.isEmpty() ? null : LedgerItem.s(reason));
        return update("mark uncertain", key, set);
    }

    @Override
    public void release(LedgerKey key) {
        call("release", key, () -> client.deleteItem(b -> b.tableName(table).key(keyOf(key))));
    }

    @Override
    public Optional<LedgerEntry> find(LedgerKey key) {
        return read("read", key);
    }

    /** A consistent read; {@code what} names the operation it serves in an error. */
    private Optional<LedgerEntry> read(String what, LedgerKey key) {
        Map<String, AttributeValue> item = call(
                        what,
                        key,
                        () -> client.getItem(
                                b -> b.tableName(table).key(keyOf(key)).consistentRead(true)))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(LedgerItem.fromItem(item, where(key)));
    }

    @Override
    public List<LedgerEntry> list() {
        List<LedgerEntry> entries = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder request = ScanRequest.builder().tableName(table).consistentRead(true);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            ScanResponse page = call("list entries", null, () -> client.scan(request.build()));
            for (Map<String, AttributeValue> item : page.items()) {
                AttributeValue pk = item.get(PARTITION_KEY);
                if (pk != null && pk.s() != null && pk.s().startsWith(NOT_A_CLAIM)) {
                    continue; // the notifier's last-notified state shares the table
                }
                entries.add(LedgerItem.fromItem(
                        item, "DynamoDB item " + Printable.quote(pk == null ? null : pk.s()) + " in table " + table));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        entries.sort(Comparator.comparing(e -> e.key().toString()));
        return entries;
    }

    /** Sets (or, for null values, removes) attributes of an existing claim and returns the new entry. */
    private LedgerEntry update(String what, LedgerKey key, Map<String, AttributeValue> changes) {
        Map<String, String> names = new LinkedHashMap<>(Map.of("#pk", PARTITION_KEY));
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        changes.forEach((name, value) -> {
            names.put("#" + name, name);
            if (value == null) {
                remove.add("#" + name);
            } else {
                values.put(":" + name, value);
                set.add("#" + name + " = :" + name);
            }
        });
        String expression =
                "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        try {
            Map<String, AttributeValue> item = call(
                            what,
                            key,
                            () -> client.updateItem(b -> b.tableName(table)
                                    .key(keyOf(key))
                                    .updateExpression(expression)
                                    .conditionExpression("attribute_exists(#pk)")
                                    .expressionAttributeNames(names)
                                    .expressionAttributeValues(values)
                                    .returnValues(ReturnValue.ALL_NEW)))
                    .attributes();
            return LedgerItem.fromItem(item, where(key));
        } catch (ConditionalCheckFailedException absent) {
            throw new LedgerException(
                    "cannot " + what + " " + key + ": DynamoDB table " + table + " holds no claim for it");
        }
    }

    private static Map<String, AttributeValue> keyOf(LedgerKey key) {
        return Map.of(PARTITION_KEY, LedgerItem.s(key.toString()));
    }

    private String where(LedgerKey key) {
        return "DynamoDB item " + key + " in table " + table;
    }

    /** Runs one SDK call; a failed condition passes through, every other SDK failure becomes a {@link LedgerException}. */
    private <T> T call(String what, LedgerKey key, Supplier<T> request) {
        try {
            return request.get();
        } catch (ConditionalCheckFailedException condition) {
            throw condition;
        } catch (ResourceNotFoundException e) {
            throw new LedgerException(
                    "DynamoDB table " + table + " does not exist (or is in another account or region);" + " cannot "
                            + what + subject(key),
                    e);
        } catch (AwsServiceException e) {
            String code =
                    e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (e.isThrottlingException()) {
                throw new LedgerException(
                        "DynamoDB throttled the request to " + what + subject(key) + " in table " + table + " (" + code
                                + ", after the SDK's retries); try again later",
                        e);
            }
            String detail = e.awsErrorDetails() == null
                    ? ""
                    : Printable.excerpt(e.awsErrorDetails().errorMessage(), 200);
            throw new LedgerException(
                    "DynamoDB refused to " + what + subject(key) + " in table " + table + ": HTTP " + e.statusCode()
                            + " " + code + (detail.isEmpty() ? "" : " (" + detail + ")"),
                    e);
        } catch (SdkException e) {
            throw new LedgerException(
                    "cannot reach DynamoDB to " + what + subject(key) + " in table " + table + ": "
                            + Printable.excerpt(e.getMessage(), 300),
                    e);
        }
    }

    private static String subject(LedgerKey key) {
        return key == null ? "" : " " + key;
    }
}
