package dev.coreoswatch.invocation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.coreoswatch.config.ConfigSource;
import dev.coreoswatch.config.WatchConfig;
import dev.coreoswatch.events.BusEvent;
import dev.coreoswatch.events.EventFormatException;
import dev.coreoswatch.events.EventJson;
import dev.coreoswatch.events.EventType;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.ledger.DynamoDbLedger;
import dev.coreoswatch.ledger.LedgerKey;
import dev.coreoswatch.testing.Dynalite;
import dev.coreoswatch.testing.SampleEvents;
import dev.coreoswatch.upstream.LoopbackHttp;
import dev.coreoswatch.wiring.Components;
import dev.coreoswatch.wiring.FunctionSetup;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** At-least-once delivery meets exactly-once dispatch: the real DynamoDB ledger on dynalite. */
class DispatcherServiceTest {
    private static final String DISPATCHES = "/repos/acme/fcos-builds/actions/workflows/build.yaml/dispatches";
    private static Dynalite dynalite;
    private static WireMockServer github;

    private String table;
    private final List<BusEvent> published = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        dynalite = Dynalite.start();
        github = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        github.start();
    }

    @AfterAll
    static void stop() {
        github.stop();
        dynalite.close();
    }

    @BeforeEach
    void fresh() {
        github.resetAll();
        github.stubFor(get(urlPathEqualTo("/repos/acme/fcos-builds/actions/workflows/build.yaml/runs"))
                .willReturn(okJson("{\"total_count\":0,\"workflow_runs\":[]}")));
        table = "ledger-" + UUID.randomUUID();
        dynalite.createTable(DynamoDbLedger.tableDefinition(table));
    }

    private DispatcherService service(Map<String, String> extra) {
        Map<String, String> keys = new HashMap<>(Map.of(
                "target.image", "ghcr.io/acme/custom-coreos",
                "github.api-url", github.baseUrl(),
                "github.token", "ghs_installation_token_for_tests",
                "github.workflow.repository", "acme/fcos-builds",
                "ledger.table", table,
                "events.bus-name", "coreos-watch-events"));
        keys.putAll(extra);
        WatchConfig config = WatchConfig.load(ConfigSource.of(keys));
        FunctionSetup setup = new FunctionSetup(
                config, new Components(config, new LoopbackHttp().http, Clock.systemUTC()), () -> published::addAll);
        return new DispatcherService(setup, () -> new DynamoDbLedger(dynalite.client(), table));
    }

    private static byte[] buildRequired() {
        return SampleEvents.envelope("BuildRequired", EventJson.write(SampleEvents.required()));
    }

    @Test
    void theSameEventDeliveredTenTimesAtOnceDispatchesExactlyOnce() throws Exception {
        github.stubFor(post(urlPathEqualTo(DISPATCHES))
                .willReturn(aResponse().withStatus(204).withFixedDelay(200)));
        int deliveries = 10;
        ExecutorService pool = Executors.newFixedThreadPool(deliveries);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<JsonNode>> results = new ArrayList<>();
        try {
            for (int i = 0; i < deliveries; i++) {
                DispatcherService own = service(Map.of()); // one per Lambda environment
                results.add(pool.submit(() -> {
                    go.await();
                    return Json.parse(own.handle(buildRequired()), "result");
                }));
            }
            go.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<JsonNode> f : results) {
                JsonNode r = f.get();
                outcomes.add(
                        r.get("action").textValue() + "/" + r.get("dispatch").textValue());
            }
            assertEquals(1, outcomes.stream().filter("BUILD/DISPATCHED"::equals).count(), outcomes.toString());
            assertTrue(
                    outcomes.stream()
                            .filter(o -> !o.equals("BUILD/DISPATCHED"))
                            .allMatch(o -> o.equals("IN_FLIGHT/DUPLICATE") || o.equals("IN_FLIGHT/NONE")),
                    outcomes.toString());
        } finally {
            pool.shutdownNow();
        }
        github.verify(1, postRequestedFor(urlPathEqualTo(DISPATCHES)));
        assertEquals(
                1,
                published.stream()
                        .filter(e -> e instanceof BusEvent.BuildDispatched)
                        .count());
    }

    @Test
    void aSecondDeliveryLaterIsIgnored() {
        github.stubFor(
                post(urlPathEqualTo(DISPATCHES))
                        .willReturn(
                                okJson(
                                        "{\"workflow_run_id\":99001,\"html_url\":\"https://github.com/acme/fcos-builds/actions/runs/99001\"}")));
        JsonNode first = Json.parse(service(Map.of()).handle(buildRequired()), "r");
        JsonNode second = Json.parse(service(Map.of()).handle(buildRequired()), "r");
        assertEquals("DISPATCHED", first.get("dispatch").textValue());
        assertEquals(99001L, first.get("runId").longValue());
        assertEquals("IN_FLIGHT", second.get("action").textValue());
        github.verify(1, postRequestedFor(urlPathEqualTo(DISPATCHES)));
        var entry = new DynamoDbLedger(dynalite.client(), table)
                .find(LedgerKey.of("ghcr.io/acme/custom-coreos", "next", "45.20260901.1.0", "2.4.5"))
                .orElseThrow();
        assertEquals(99001L, entry.runId());
    }

    @Test
    void aRejectedDispatchFailsTheInvocationAndFreesTheCombination() {
        github.stubFor(
                post(urlPathEqualTo(DISPATCHES))
                        .willReturn(
                                aResponse()
                                        .withStatus(422)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"message\":\"Workflow does not have 'workflow_dispatch' trigger\",\"status\":\"422\"}")));
        DispatchFailedException e = assertThrows(
                DispatchFailedException.class, () -> service(Map.of()).handle(buildRequired()));
        assertTrue(e.getMessage().contains("workflow_dispatch"), e.getMessage());
        assertTrue(new DynamoDbLedger(dynalite.client(), table)
                .find(LedgerKey.of("ghcr.io/acme/custom-coreos", "next", "45.20260901.1.0", "2.4.5"))
                .isEmpty());
        assertTrue(published.isEmpty());
    }

    @Test
    void dryRunDispatchesNothing() {
        JsonNode result = Json.parse(service(Map.of("dispatch.dry-run", "true")).handle(buildRequired()), "r");
        assertEquals("DRY_RUN", result.get("dispatch").textValue());
        github.verify(0, postRequestedFor(urlPathEqualTo(DISPATCHES)));
    }

    @Test
    void aWrongEventIsRejectedBeforeAnythingIsClaimed() {
        byte[] wrong = new String(buildRequired(), StandardCharsets.UTF_8)
                .replace("\"schemaVersion\":" + EventType.SCHEMA_VERSION, "\"schemaVersion\":7")
                .getBytes(StandardCharsets.UTF_8);
        assertThrows(EventFormatException.class, () -> service(Map.of()).handle(wrong));
        github.verify(0, postRequestedFor(urlPathEqualTo(DISPATCHES)));
    }
}
