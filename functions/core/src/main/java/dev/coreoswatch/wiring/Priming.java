package dev.coreoswatch.wiring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coreoswatch.aws.AwsJsonClient;
import dev.coreoswatch.aws.ConfigParameter;
import dev.coreoswatch.aws.PrimingClients;
import dev.coreoswatch.aws.SnsQueryClient;
import dev.coreoswatch.events.BusEvent;
import dev.coreoswatch.events.EventBridgePublisher;
import dev.coreoswatch.events.EventEnvelope;
import dev.coreoswatch.events.EventJson;
import dev.coreoswatch.events.EventType;
import dev.coreoswatch.events.Observed;
import dev.coreoswatch.events.ObservedArch;
import dev.coreoswatch.github.SecretsManagerGitHubToken;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.ledger.ClaimDetails;
import dev.coreoswatch.ledger.DynamoDbLedger;
import dev.coreoswatch.ledger.LedgerKey;
import dev.coreoswatch.model.ImageLabels;
import dev.coreoswatch.notify.Notification;
import dev.coreoswatch.notify.NotificationStateTable;
import dev.coreoswatch.notify.Notifier;
import dev.coreoswatch.notify.SnsTopic;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The steps of SnapStart priming (see each service's {@code prime()}): run the JSON and SDK paths of an
 * invocation once before the snapshot, so the restored function starts with those classes loaded, linked and
 * compiled. Every step is local: made-up events, SDK calls answered by a canned transport, nothing sent, no
 * real resource touched, no secret read (a snapshot must not carry one).
 */
public final class Priming {
    /** A made-up combination, unlike any real release. */
    public static final Observed OBSERVED = new Observed(
            "stable",
            "43.20260101.3.0",
            "2.4.1",
            List.of(
                    new ObservedArch("x86_64", "6.17.9-300.fc43.x86_64", "COMPATIBLE", "4.18-6.18"),
                    new ObservedArch("aarch64", null, "UNKNOWN", "4.18-6.18")),
            false,
            Instant.parse("2026-01-02T03:04:05Z"),
            "00000000-0000-4000-8000-00000000c0de",
            Instant.parse("2025-12-31T10:00:00Z"));

    static final String BUS = "priming-bus";
    static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:priming-000000";

    private Priming() {}

    public static BusEvent.BuildRequired buildRequired() {
        Map<String, ImageLabels> existing = new LinkedHashMap<>();
        existing.put("x86_64", new ImageLabels("43.20251215.3.0", "2.4.1", "6.17.7-300.fc43.x86_64"));
        existing.put("aarch64", null);
        return new BusEvent.BuildRequired(OBSERVED, "priming", List.of("x86_64", "aarch64"), existing);
    }

    /** Writes the event as the bus would deliver it and reads it back the way the handler does. */
    public static BusEvent roundTrip(BusEvent event) {
        ObjectNode envelope = Json.object();
        envelope.put("version", "0")
                .put("id", "00000000-0000-4000-8000-00000000c0de")
                .put("detail-type", event.type().name())
                .put("source", EventType.SOURCE)
                .put("account", "000000000000")
                .put("time", "2026-01-02T03:04:05Z")
                .put("region", "us-east-1");
        envelope.putArray("resources");
        envelope.set("detail", Json.parse(EventJson.write(event).getBytes(StandardCharsets.UTF_8), "priming event"));
        return EventEnvelope.read(Json.bytes(envelope), event.type());
    }

    /** PutEvents through the real publisher code, answered by the canned transport. */
    static void publish(List<BusEvent> events) {
        StringBuilder ok = new StringBuilder("{\"FailedEntryCount\":0,\"Entries\":[");
        for (int i = 0; i < events.size(); i++) {
            ok.append(i == 0 ? "" : ",")
                    .append("{\"EventId\":\"00000000-0000-4000-8000-00000000000")
                    .append(i % 10)
                    .append("\"}");
        }
        AwsJsonClient client = PrimingClients.eventBridge(
                Map.of("AWSEvents.PutEvents", ok.append("]}").toString()));
        new EventBridgePublisher(client, BUS).publish(events);
    }

    /**
     * GetParameter signed and its answer parsed as a configuration document, answered by the canned transport with
     * a made-up parameter: the real one is read at each invocation, never into the snapshot.
     */
    static void configParameter() {
        String name = "/priming/config";
        AwsJsonClient ssm = PrimingClients.ssm(Map.of(
                "AmazonSSM.GetParameter",
                "{\"Parameter\":{\"Name\":\"" + name
                        + "\",\"Type\":\"String\",\"Value\":\"{\\\"dispatch\\\": {\\\"dry-run\\\": true}}\",\"Version\":1,"
                        + "\"LastModifiedDate\":1.7E9,\"ARN\":\"arn:aws:ssm:us-east-1:000000000000:parameter" + name
                        + "\",\"DataType\":\"text\"}}"));
        new ConfigParameter(() -> ssm, name).read();
    }

    /** GetSecretValue and its parsing, answered with a made-up token: the real secret is read only when needed. */
    static void secret(FunctionSetup setup) {
        AwsJsonClient client = PrimingClients.secretsManager(
                Map.of(
                        "secretsmanager.GetSecretValue",
                        "{\"ARN\":\"" + SECRET_ARN
                                + "\",\"Name\":\"priming\",\"SecretString\":\"{\\\"token\\\":\\\"priming-not-a-token\\\"}\","
                                + "\"VersionId\":\"00000000-0000-4000-8000-00000000c0de\",\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.7E9}"));
        new SecretsManagerGitHubToken(
                        () -> client,
                        SECRET_ARN,
                        setup.components().http(),
                        setup.config().githubApiUrl(),
                        "priming/priming",
                        Clock.systemUTC())
                .get();
    }

    /**
     * A notification through the real notifier: the last-notified state read (GetItem) and replaced (conditional
     * PutItem), the text rendered, and published (SNS Publish), all answered by canned transports.
     */
    static void notification() {
        SnsQueryClient sns = PrimingClients.sns(Map.of(
                "Publish",
                "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                        + "<MessageId>00000000-0000-4000-8000-00000000c0de</MessageId></PublishResult>"
                        + "<ResponseMetadata><RequestId>00000000-0000-4000-8000-00000000c0de</RequestId>"
                        + "</ResponseMetadata></PublishResponse>"));
        try (DynamoDbClient states = PrimingClients.dynamoDb(Map.of(
                "DynamoDB_20120810.GetItem", "{}",
                "DynamoDB_20120810.PutItem", "{}"))) {
            new Notifier(
                            new NotificationStateTable(states, "priming", "priming.invalid/priming"),
                            new SnsTopic(sns, "arn:aws:sns:us-east-1:000000000000:priming"),
                            Clock.systemUTC())
                    .send(Notification.dispatched(
                            OBSERVED, "priming", "https://github.com/priming/priming/actions/runs/1"));
        }
    }

    /** A claim (conditional PutItem), a read (GetItem) and a release (DeleteItem) of the real ledger code. */
    public static void ledger() {
        try (DynamoDbClient client = PrimingClients.dynamoDb(Map.of(
                "DynamoDB_20120810.PutItem", "{}",
                "DynamoDB_20120810.GetItem", "{}",
                "DynamoDB_20120810.DeleteItem", "{}"))) {
            DynamoDbLedger ledger = new DynamoDbLedger(client, "priming");
            LedgerKey key = LedgerKey.of(
                    "priming.invalid/priming", OBSERVED.stream(), OBSERVED.coreosVersion(), OBSERVED.zfsVersion());
            ledger.claim(key, ClaimDetails.of("priming"), Instant.now(), Duration.ofHours(3));
            ledger.find(key);
            ledger.release(key);
        }
    }
}
