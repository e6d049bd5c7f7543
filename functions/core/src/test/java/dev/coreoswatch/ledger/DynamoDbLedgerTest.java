package dev.coreoswatch.ledger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.coreoswatch.testing.Dynalite;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The DynamoDB ledger through the real SDK v2 client against dynalite. */
class DynamoDbLedgerTest extends LedgerContractTest {
    private static Dynalite dynalite;
    private static DynamoDbClient client;

    private String table;

    @BeforeAll
    static void startDynalite() throws IOException {
        dynalite = Dynalite.start();
        client = dynalite.client();
    }

    @AfterAll
    static void stopDynalite() {
        if (client != null) {
            client.close();
        }
        if (dynalite != null) {
            dynalite.close();
        }
    }

    @BeforeEach
    void createTable() {
        table = "ledger-" + UUID.randomUUID();
        dynalite.createTable(DynamoDbLedger.tableDefinition(table));
    }

    @Override
    Ledger ledger() {
        return new DynamoDbLedger(client, table);
    }

    @Override
    Ledger anotherInstance() {
        return new DynamoDbLedger(client, table);
    }

    @Test
    void theItemCarriesTheAttributesTheTableAndOperatorsRelyOn() {
        ledger().claim(KEY, new ClaimDetails("missing", "corr-1"), T0, WINDOW);
        ledger().recordDispatched(KEY, 42L, "https://github.com/o/r/actions/runs/42", T0.plusSeconds(3));

        Map<String, AttributeValue> item = client.getItem(b ->
                        b.tableName(table).consistentRead(true).key(Map.of("pk", AttributeValue.fromS(KEY.toString()))))
                .item();

        assertEquals(KEY.toString(), item.get("pk").s());
        assertEquals("DISPATCHED", item.get("status").s());
        assertEquals("stable", item.get("stream").s());
        assertEquals("43.20251110.3.1", item.get("coreosVersion").s());
        assertEquals("2.3.5", item.get("zfsVersion").s());
        assertEquals("ghcr.io/owner/custom-coreos", item.get("targetImage").s());
        assertEquals(
                Long.toString(T0_SECONDS.getEpochSecond()),
                item.get("claimedAt").n());
        assertEquals(
                Long.toString(T0_SECONDS.getEpochSecond() + 3),
                item.get("updatedAt").n());
        long expires = T0_SECONDS.plus(WINDOW).getEpochSecond();
        assertEquals(Long.toString(expires), item.get("expiresAt").n());
        assertEquals(
                Long.toString(expires + Ledger.TRAIL.toSeconds()),
                item.get("ttl").n());
        assertEquals("42", item.get("runId").n());
        assertEquals(
                "https://github.com/o/r/actions/runs/42", item.get("runUrl").s());
        assertEquals("missing", item.get("reason").s());
        assertEquals("corr-1", item.get("correlationId").s());
    }

    @Test
    void aRunRecordedBeforeIsRemovedWhenADispatchWithoutRunIsRecorded() {
        ledger().claim(KEY, ClaimDetails.of("missing"), T0, WINDOW);
        ledger().recordDispatched(KEY, 42L, "https://github.com/o/r/actions/runs/42", T0);

        LedgerEntry again = ledger().recordDispatched(KEY, null, null, T0.plusSeconds(1));

        assertEquals(null, again.runId());
        assertEquals(null, again.runUrl());
    }

    @Test
    void aMalformedItemIsAnErrorNamingTableAndKey() {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS(KEY.toString()));
        item.put("status", AttributeValue.fromS("CLAIMED"));
        item.put("claimedAt", AttributeValue.fromS("yesterday"));
        client.putItem(b -> b.tableName(table).item(item));

        LedgerException e = assertThrows(LedgerException.class, () -> ledger().find(KEY));

        assertTrue(e.getMessage().contains(table), e.getMessage());
        assertTrue(e.getMessage().contains(KEY.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("claimedAt is not a number"), e.getMessage());
        assertThrows(LedgerException.class, () -> ledger().list());
    }

    /** The bounds of the file ledger: a time a window cannot be added to is corrupt, not a crash later. */
    @ParameterizedTest
    @ValueSource(strings = {"-1", "253402300800", "31556889864403199", "9223372036854775807"})
    void aTimeOutsideTheYears1970To9999IsAMalformedItem(String seconds) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS(KEY.toString()));
        item.put("status", AttributeValue.fromS("CLAIMED"));
        item.put("claimedAt", AttributeValue.fromN(Long.toString(T0.getEpochSecond())));
        item.put("updatedAt", AttributeValue.fromN(Long.toString(T0.getEpochSecond())));
        item.put("expiresAt", AttributeValue.fromN(seconds));
        client.putItem(b -> b.tableName(table).item(item));

        LedgerException e = assertThrows(LedgerException.class, () -> ledger().find(KEY));

        assertTrue(
                e.getMessage().endsWith("is malformed: expiresAt " + seconds + " is outside the years 1970 to 9999"),
                e.getMessage());
    }

    @Test
    void theLastSecondOfTheYear9999IsStillATime() {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS(KEY.toString()));
        item.put("status", AttributeValue.fromS("CLAIMED"));
        item.put("claimedAt", AttributeValue.fromN("0"));
        item.put("updatedAt", AttributeValue.fromN("0"));
        item.put("expiresAt", AttributeValue.fromN("253402300799"));
        client.putItem(b -> b.tableName(table).item(item));

        assertEquals(
                Instant.parse("9999-12-31T23:59:59Z"),
                ledger().find(KEY).orElseThrow().expiresAt());
    }

    @Test
    void aMissingTableIsAClearError() {
        Ledger missing = new DynamoDbLedger(client, "no-such-table");

        LedgerException e =
                assertThrows(LedgerException.class, () -> missing.claim(KEY, ClaimDetails.of("x"), T0, WINDOW));

        assertTrue(e.getMessage().contains("DynamoDB table no-such-table does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("claim"), e.getMessage());
    }

    @Test
    void anUnreachableEndpointIsAClearError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (DynamoDbClient unreachable = Dynalite.clientBuilder(URI.create("http://127.0.0.1:" + closedPort))
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build()) {
            LedgerException e =
                    assertThrows(LedgerException.class, () -> new DynamoDbLedger(unreachable, table).find(KEY));
            assertTrue(e.getMessage().startsWith("cannot reach DynamoDB to read " + KEY), e.getMessage());
        }
    }

    /** dynalite cannot throttle; a stub answers with DynamoDB's own error body so the real SDK parses it. */
    @Test
    void throttlingIsATypedErrorThatSaysSo() {
        WireMockServer server =
                new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        try {
            server.stubFor(
                    any(anyUrl())
                            .willReturn(
                                    aResponse()
                                            .withStatus(400)
                                            .withHeader("Content-Type", "application/x-amz-json-1.0")
                                            .withHeader("x-amzn-RequestId", "REQ1")
                                            .withBody(
                                                    "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
                                                            + "\"message\":\"The level of configured provisioned throughput for the table was exceeded.\"}")));
            try (DynamoDbClient stubbed = Dynalite.clientBuilder(URI.create(server.baseUrl()))
                    .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                    .build()) {
                LedgerException e = assertThrows(
                        LedgerException.class,
                        () -> new DynamoDbLedger(stubbed, "ledger").claim(KEY, ClaimDetails.of("x"), T0, WINDOW));

                assertTrue(e.getMessage().contains("throttled"), e.getMessage());
                assertTrue(e.getMessage().contains("ProvisionedThroughputExceededException"), e.getMessage());
                assertTrue(e.getMessage().contains("table ledger"), e.getMessage());
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void anotherServiceErrorNamesCodeAndStatus() {
        WireMockServer server =
                new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        try {
            server.stubFor(any(anyUrl())
                    .willReturn(aResponse()
                            .withStatus(400)
                            .withHeader("Content-Type", "application/x-amz-json-1.0")
                            .withBody("{\"__type\":\"com.amazon.coral.service#AccessDeniedException\","
                                    + "\"Message\":\"User is not authorized to perform: dynamodb:PutItem\"}")));
            try (DynamoDbClient stubbed = Dynalite.clientBuilder(URI.create(server.baseUrl()))
                    .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                    .build()) {
                LedgerException e = assertThrows(
                        LedgerException.class,
                        () -> new DynamoDbLedger(stubbed, "ledger").claim(KEY, ClaimDetails.of("x"), T0, WINDOW));

                assertTrue(e.getMessage().contains("AccessDeniedException"), e.getMessage());
                assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
                assertTrue(e.getMessage().contains("not authorized"), e.getMessage());
            }
        } finally {
            server.stop();
        }
    }
}
