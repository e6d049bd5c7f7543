package dev.coreoswatch.invocation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.coreoswatch.config.ConfigSource;
import dev.coreoswatch.config.WatchConfig;
import dev.coreoswatch.events.BusEvent;
import dev.coreoswatch.events.EventJson;
import dev.coreoswatch.events.Observed;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.ledger.ClaimDetails;
import dev.coreoswatch.ledger.DynamoDbLedger;
import dev.coreoswatch.ledger.LedgerKey;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.ImageLabels;
import dev.coreoswatch.notify.NotificationStateTable;
import dev.coreoswatch.notify.Notifier;
import dev.coreoswatch.notify.SnsTopic;
import dev.coreoswatch.registry.GhcrStubs;
import dev.coreoswatch.testing.Dynalite;
import dev.coreoswatch.testing.SampleEvents;
import dev.coreoswatch.testing.SnsStub;
import dev.coreoswatch.testing.TestClock;
import dev.coreoswatch.upstream.LoopbackHttp;
import dev.coreoswatch.wiring.Components;
import dev.coreoswatch.wiring.FunctionSetup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dispatcher's metrics document and notifications, per invocation, with the real ledger and a WireMock SNS. */
class DispatcherServiceObservabilityTest {
    private static final String TOKEN = "ghs_CANARY0dispatcher0observability0token";
    private static final String DISPATCHES = "/repos/acme/fcos-builds/actions/workflows/build.yaml/dispatches";
    private static final String CORRELATION = SampleEvents.OBSERVED.correlationId();
    private static Dynalite dynalite;
    private static WireMockServer github;
    private static SnsStub sns;

    private String table;
    private final TestClock clock = new TestClock(Instant.parse("2026-09-03T12:30:05Z"));
    private final List<String> documents = Collections.synchronizedList(new ArrayList<>());
    private final List<BusEvent> published = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        dynalite = Dynalite.start();
        github = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        github.start();
        sns = new SnsStub();
    }

    @AfterAll
    static void stop() {
        sns.close();
        github.stop();
        dynalite.close();
    }

    @BeforeEach
    void fresh() {
        github.resetAll();
        sns.reset();
        github.stubFor(get(urlPathEqualTo("/repos/acme/fcos-builds/actions/workflows/build.yaml/runs"))
                .willReturn(okJson("{\"total_count\":0,\"workflow_runs\":[]}")));
        table = "ledger-" + UUID.randomUUID();
        dynalite.createTable(DynamoDbLedger.tableDefinition(table));
    }

    private DispatcherService service(Map<String, String> extra) {
        Map<String, String> keys = new HashMap<>(Map.of(
                "target.image",
                "ghcr.io/acme/custom-coreos",
                "github.api-url",
                github.baseUrl(),
                "github.token",
                TOKEN,
                "github.workflow.repository",
                "acme/fcos-builds",
                "ledger.table",
                table,
                "events.bus-name",
                "coreos-watch-events",
                "notify.topic-arn",
                SnsStub.TOPIC_ARN));
        keys.putAll(extra);
        WatchConfig config = WatchConfig.load(ConfigSource.of(keys));
        Notifier notifier = new Notifier(
                new NotificationStateTable(dynalite.client(), table, "ghcr.io/acme/custom-coreos"),
                new SnsTopic(sns.client(), SnsStub.TOPIC_ARN),
                clock);
        FunctionSetup setup = new FunctionSetup(
                        config, new Components(config, new LoopbackHttp().http, clock), () -> published::addAll)
                .withNotifier(notifier)
                .withMetricsOutput(documents::add);
        return new DispatcherService(setup, () -> new DynamoDbLedger(dynalite.client(), table));
    }

    private DispatcherService service() {
        return service(Map.of());
    }

    private static byte[] buildRequired() {
        return SampleEvents.envelope("BuildRequired", EventJson.write(SampleEvents.required()));
    }

    private JsonNode document(int index) {
        return Json.parse(documents.get(index).getBytes(StandardCharsets.UTF_8), "EMF document");
    }

    private static void assertCounts(
            JsonNode doc, int dispatched, int inFlight, int held, int errors, int sent, int notifyErrors) {
        assertEquals(
                List.of(dispatched, inFlight, held, errors, sent, notifyErrors),
                List.of(
                        doc.get("Dispatched").intValue(),
                        doc.get("InFlight").intValue(),
                        doc.get("Held").intValue(),
                        doc.get("DispatchErrors").intValue(),
                        doc.get("NotificationsSent").intValue(),
                        doc.get("NotifyErrors").intValue()),
                "Dispatched, InFlight, Held, DispatchErrors, NotificationsSent, NotifyErrors in " + doc);
    }

    private void dispatchAnswers(String json) {
        github.stubFor(post(urlPathEqualTo(DISPATCHES)).willReturn(okJson(json)));
    }

    @Test
    void aDispatchIsCountedAndAnnouncedWithItsRunUrl() {
        dispatchAnswers(
                "{\"workflow_run_id\":81234567,\"run_url\":\"https://api.github.com/repos/acme/fcos-builds/actions/runs/81234567\","
                        + "\"html_url\":\"" + runUrl() + "\"}");

        service().handle(buildRequired());

        assertEquals(1, documents.size());
        JsonNode doc = document(0);
        assertEquals("workflow-dispatcher", doc.get("Function").textValue());
        assertEquals(CORRELATION, doc.get("correlationId").textValue());
        assertEquals(
                clock.instant().toEpochMilli(), doc.get("_aws").get("Timestamp").longValue());
        assertCounts(doc, 1, 0, 0, 0, 1, 0);
        List<SnsStub.Published> messages = sns.published();
        assertEquals(1, messages.size());
        assertEquals(
                "coreos-watch: next build dispatched (coreos 45.20260901.1.0, zfs 2.4.5)",
                messages.get(0).subject());
        assertEquals("""
                A build of the next stream of ghcr.io/acme/custom-coreos was dispatched: coreos 45.20260901.1.0 with zfs 2.4.5.

                Run: %s
                Why: linux/arm64 of ghcr.io/acme/custom-coreos:next is missing
                Kernels: x86_64 7.2.3-100.fc45.x86_64, aarch64 unknown

                Correlation id: c0ffee00-0000-4000-8000-000000000001 (in every log line of this run)
                """.formatted(runUrl()), messages.get(0).message());
    }

    @Test
    void aSecondDeliveryIsInFlightAndNotAnnouncedAgain() {
        dispatchAnswers("{\"workflow_run_id\":81234567,\"html_url\":\"" + runUrl() + "\"}");

        service().handle(buildRequired());
        service().handle(buildRequired());

        assertCounts(document(1), 0, 1, 0, 0, 0, 0);
        assertEquals(1, sns.published().size());
    }

    @Test
    void aRejectedDispatchIsAnErrorAnnouncedOnceThenTheDispatchIsAnnounced() {
        github.stubFor(
                post(urlPathEqualTo(DISPATCHES))
                        .willReturn(
                                aResponse()
                                        .withStatus(422)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"message\":\"Workflow does not have 'workflow_dispatch' trigger\",\"status\":\"422\"}")));

        assertThrows(DispatchFailedException.class, () -> service().handle(buildRequired()));
        assertThrows(DispatchFailedException.class, () -> service().handle(buildRequired())); // EventBridge's retry

        assertCounts(document(0), 0, 0, 0, 1, 1, 0);
        assertCounts(document(1), 0, 0, 0, 1, 0, 0);
        List<SnsStub.Published> messages = sns.published();
        assertEquals(1, messages.size());
        assertEquals(
                "coreos-watch: next failed (coreos 45.20260901.1.0, zfs 2.4.5)",
                messages.get(0).subject());
        assertTrue(
                messages.get(0).message().contains("What failed: ")
                        && messages.get(0).message().contains("workflow_dispatch"),
                messages.get(0).message());

        github.resetMappings();
        github.stubFor(get(urlPathEqualTo("/repos/acme/fcos-builds/actions/workflows/build.yaml/runs"))
                .willReturn(okJson("{\"total_count\":0,\"workflow_runs\":[]}")));
        dispatchAnswers("{\"workflow_run_id\":81234567,\"html_url\":\"" + runUrl() + "\"}");
        service().handle(buildRequired());

        assertEquals(2, sns.published().size());
        assertTrue(sns.published().get(1).subject().contains("build dispatched"));
    }

    @Test
    void aRotatedTokenIsAnnouncedWithoutTheToken() {
        github.stubFor(
                post(urlPathEqualTo(DISPATCHES))
                        .willReturn(
                                aResponse()
                                        .withStatus(401)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}")));

        assertThrows(DispatchFailedException.class, () -> service().handle(buildRequired()));

        SnsStub.Published failed = sns.published().get(0);
        assertTrue(failed.message().contains("401"), failed.message());
        for (String text : List.of(failed.subject(), failed.message(), String.join("\n", documents))) {
            assertFalse(text.contains(TOKEN), "the token leaked into " + text);
        }
    }

    @Test
    void aFailedRunIsOneBuildCompletedAndOneFailedMessageThenTheNextAttemptIsDispatched() {
        LedgerKey key = LedgerKey.of("ghcr.io/acme/custom-coreos", "next", "45.20260901.1.0", "2.4.5");
        DynamoDbLedger ledger = new DynamoDbLedger(dynalite.client(), table);
        Instant claimed = clock.instant().minus(Duration.ofMinutes(50));
        ledger.claim(key, new ClaimDetails("missing", CORRELATION), claimed, Duration.ofHours(3));
        ledger.recordDispatched(key, 81230001L, github.baseUrl() + "/acme/fcos-builds/actions/runs/81230001", claimed);
        github.stubFor(get(urlPathEqualTo("/repos/acme/fcos-builds/actions/runs/81230001"))
                .willReturn(okJson(
                        "{\"id\":81230001,\"name\":\"build\",\"event\":\"workflow_dispatch\",\"display_title\":\"build next 45.20260901.1.0 zfs 2.4.5\","
                                + "\"status\":\"completed\",\"conclusion\":\"failure\",\"html_url\":\""
                                + github.baseUrl() + "/acme/fcos-builds/actions/runs/81230001\","
                                + "\"created_at\":\"" + claimed + "\",\"updated_at\":\""
                                + claimed.plus(Duration.ofMinutes(12)) + "\"}")));
        github.stubFor(get(urlPathEqualTo("/repos/acme/fcos-builds/actions/runs/81230001/jobs"))
                .willReturn(okJson(
                        "{\"total_count\":1,\"jobs\":[{\"id\":9,\"run_id\":81230001,\"name\":\"build (linux/arm64)\",\"status\":\"completed\","
                                + "\"conclusion\":\"failure\"}]}")));
        dispatchAnswers("{\"workflow_run_id\":81234567,\"html_url\":\"" + runUrl() + "\"}");

        JsonNode result = Json.parse(service().handle(buildRequired()), "result");
        service().handle(buildRequired()); // a second delivery tells nothing again

        assertEquals("DISPATCHED", result.get("dispatch").textValue());
        List<BusEvent.BuildCompleted> completed = published.stream()
                .filter(e -> e instanceof BusEvent.BuildCompleted)
                .map(e -> (BusEvent.BuildCompleted) e)
                .toList();
        assertEquals(1, completed.size(), published.toString());
        assertFalse(completed.get(0).verified());
        assertEquals(1, completed.get(0).attempt());
        assertEquals("failure", completed.get(0).conclusion());
        assertEquals("build (linux/arm64) (failure)", completed.get(0).failedJob());
        assertEquals(1, document(0).get("BuildsFailed").intValue());
        SnsStub.Published failed = sns.published().get(0);
        assertEquals("coreos-watch: next failed (coreos 45.20260901.1.0, zfs 2.4.5)", failed.subject());
        assertTrue(
                failed.message().contains("Run: " + github.baseUrl() + "/acme/fcos-builds/actions/runs/81230001")
                        && failed.message().contains("first failed job build (linux/arm64) (failure)"),
                failed.message());
        assertEquals(
                "coreos-watch: next build dispatched (coreos 45.20260901.1.0, zfs 2.4.5)",
                sns.published().get(1).subject());
        assertEquals(2, sns.published().size());
    }

    @Test
    void aSkipOfAFollowedBuildIsItsVerificationToldOnceWithTheDigestsAndTheTimeFromTheRelease() {
        try (GhcrStubs ghcr = new GhcrStubs()) {
            ghcr.requireBearer();
            ghcr.issueToken();
            ghcr.serve(
                    "next",
                    Map.of(
                            Arch.X86_64,
                                    Map.of(
                                            ImageLabels.COREOS_VERSION,
                                            "45.20260901.1.0",
                                            ImageLabels.ZFS_VERSION,
                                            "2.4.5",
                                            ImageLabels.KERNEL_VERSION,
                                            "7.2.3-100.fc45.x86_64"),
                            Arch.AARCH64,
                                    Map.of(
                                            ImageLabels.COREOS_VERSION,
                                            "45.20260901.1.0",
                                            ImageLabels.ZFS_VERSION,
                                            "2.4.5",
                                            ImageLabels.KERNEL_VERSION,
                                            "7.2.3-100.fc45.aarch64")),
                    false);
            String image = ghcr.registryHost() + "/" + GhcrStubs.REPO;
            LedgerKey key = LedgerKey.of(image, "next", "45.20260901.1.0", "2.4.5");
            DynamoDbLedger ledger = new DynamoDbLedger(dynalite.client(), table);
            Instant claimed = clock.instant().minus(Duration.ofMinutes(50));
            ledger.claim(key, new ClaimDetails("missing", CORRELATION), claimed, Duration.ofHours(3));
            ledger.recordDispatched(
                    key, 81230002L, github.baseUrl() + "/acme/fcos-builds/actions/runs/81230002", claimed);
            github.stubFor(get(urlPathEqualTo("/repos/acme/fcos-builds/actions/runs/81230002"))
                    .willReturn(okJson(
                            "{\"id\":81230002,\"name\":\"build\",\"display_title\":\"build next 45.20260901.1.0 zfs 2.4.5\",\"status\":\"completed\","
                                    + "\"conclusion\":\"success\",\"html_url\":\"" + github.baseUrl()
                                    + "/acme/fcos-builds/actions/runs/81230002\","
                                    + "\"created_at\":\"" + claimed + "\",\"updated_at\":\"2026-09-03T12:20:00Z\"}")));
            Observed released = new Observed(
                    SampleEvents.OBSERVED.stream(),
                    SampleEvents.OBSERVED.coreosVersion(),
                    SampleEvents.OBSERVED.zfsVersion(),
                    SampleEvents.OBSERVED.architectures(),
                    false,
                    SampleEvents.OBSERVED.observedAt(),
                    CORRELATION,
                    Instant.parse("2026-09-03T10:00:00Z"));
            byte[] skipped = SampleEvents.envelope(
                    "BuildSkipped", EventJson.write(new BusEvent.BuildSkipped(released, "already carries")));
            Map<String, String> keys =
                    Map.of("target.image", image, "registry.plain-http", String.join(",", ghcr.plainHttpHosts()));

            service(keys).handle(skipped);
            service(keys).handle(skipped);

            List<BusEvent.BuildCompleted> completed = published.stream()
                    .filter(e -> e instanceof BusEvent.BuildCompleted)
                    .map(e -> (BusEvent.BuildCompleted) e)
                    .toList();
            assertEquals(1, completed.size(), "told once: " + published);
            BusEvent.BuildCompleted built = completed.get(0);
            assertTrue(built.verified());
            assertEquals(1, built.attempt());
            assertEquals("success", built.conclusion());
            assertEquals(Set.of("x86_64", "aarch64"), built.digests().keySet());
            assertTrue(
                    built.digests().values().stream().allMatch(d -> d.matches("sha256:[0-9a-f]{64}")),
                    built.digests().toString());
            assertFalse(
                    built.digests().get("x86_64").equals(built.digests().get("aarch64")),
                    "one platform manifest per arch");
            assertEquals(Instant.parse("2026-09-03T12:20:00Z"), built.completedAt());
            assertEquals(1, document(0).get("BuildsVerified").intValue());
            assertEquals(140, document(0).get("ReleaseToImageMinutes").intValue(), "10:00 to 12:20");
            assertEquals(0, document(1).get("BuildsVerified").intValue());
            SnsStub.Published message = sns.published().get(0);
            assertEquals("coreos-watch: next built (coreos 45.20260901.1.0, zfs 2.4.5)", message.subject());
            assertTrue(
                    message.message().contains("Run: " + github.baseUrl() + "/acme/fcos-builds/actions/runs/81230002")
                            && message.message().contains(built.digests().get("x86_64"))
                            && message.message().contains("From the FCOS release to the image: 140 minutes"),
                    message.message());
            assertEquals(1, sns.published().size());
        }
    }

    @Test
    void aTopicThatRefusesCostsTheNotificationNotTheDispatch() {
        sns.refuse();
        dispatchAnswers("{\"workflow_run_id\":81234567,\"html_url\":\"" + runUrl() + "\"}");

        JsonNode result = Json.parse(service().handle(buildRequired()), "result");

        assertEquals("DISPATCHED", result.get("dispatch").textValue());
        assertEquals(
                1,
                published.stream()
                        .filter(e -> e instanceof BusEvent.BuildDispatched)
                        .count());
        assertCounts(document(0), 1, 0, 0, 0, 0, 1);
    }

    @Test
    void aDryRunIsCountedAsNothingAndAnnouncesNothing() {
        service(Map.of("dispatch.dry-run", "true")).handle(buildRequired());

        assertCounts(document(0), 0, 0, 0, 0, 0, 0);
        assertEquals(List.of(), sns.published());
    }

    @Test
    void aMalformedEventStillWritesItsDocument() {
        byte[] wrong = "{\"source\":\"coreos-watch\",\"detail-type\":\"BuildRequired\",\"detail\":[]}"
                .getBytes(StandardCharsets.UTF_8);

        assertThrows(RuntimeException.class, () -> service().handle(wrong));

        assertEquals(1, documents.size());
        assertCounts(document(0), 0, 0, 0, 0, 0, 0);
        assertFalse(document(0).has("correlationId"));
    }

    /** The API here is GitHub at the stub's root, so its runs live at {@code <root>/<owner>/<repo>/actions/runs/<id>}. */
    private static String runUrl() {
        return github.baseUrl() + "/acme/fcos-builds/actions/runs/81234567";
    }
}
