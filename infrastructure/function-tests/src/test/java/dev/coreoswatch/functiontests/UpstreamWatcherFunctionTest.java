package dev.coreoswatch.functiontests;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.coreoswatch.functiontests.AwsJsonService.PUT_EVENTS;
import static dev.coreoswatch.functiontests.AwsJsonService.answer;
import static dev.coreoswatch.functiontests.AwsJsonService.eventId;
import static dev.coreoswatch.functiontests.AwsJsonService.operation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.coreoswatch.events.BusEvent;
import dev.coreoswatch.events.EventJson;
import dev.coreoswatch.events.EventType;
import dev.coreoswatch.events.ObservedArch;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.testing.LocalRegistry;
import dev.coreoswatch.testing.RegistryExtension;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The upstream watcher's jar under the real runtime: scheduled runs publish, manual runs report. */
class UpstreamWatcherFunctionTest {
    private static final String BUS = "coreos-watch-e2e-events";

    private static WireMockServer fcos;
    private static WireMockServer github;
    private static WireMockServer eventBridge;

    @RegisterExtension
    static final RegistryExtension<LocalRegistry> REGISTRY = RegistryExtension.of(LocalRegistry::anonymous);

    private static final LocalRegistry registry = REGISTRY.get();

    @BeforeAll
    static void start() {
        fcos = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        github = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        eventBridge = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        fcos.start();
        github.start();
        eventBridge.start();
        // The manual check inspects the target: stable's x86_64 is built, its aarch64 is not.
        registry.push(
                "acme/custom-coreos",
                "stable",
                LocalRegistry.Layout.OCI_INDEX,
                Map.of(Arch.X86_64, Labels.of(Upstream.STABLE, Upstream.ZFS, Upstream.STABLE_KERNEL + ".x86_64")));
    }

    @AfterAll
    static void stop() {
        for (WireMockServer server : new WireMockServer[] {fcos, github, eventBridge}) {
            if (server != null) {
                server.stop();
            }
        }
    }

    @BeforeEach
    void stubs() {
        fcos.resetAll();
        github.resetAll();
        eventBridge.resetAll();
        Upstream.serveFcos(fcos);
        Upstream.serveOpenZfs(github);
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("COREOS_STREAMS", "stable,testing");
        env.put("COREOS_ARCHITECTURES", "x86_64,aarch64");
        env.put("COREOS_METADATA_URL", fcos.baseUrl());
        // The kernel chain's fallback would read the base image: keep it on loopback too (it holds none).
        env.put("COREOS_IMAGE", registry.hostPort() + "/fedora/fedora-coreos");
        env.put("GITHUB_API_URL", github.baseUrl());
        env.put("TARGET_IMAGE", registry.hostPort() + "/acme/custom-coreos");
        env.put("REGISTRY_PLAIN_HTTP", registry.hostPort());
        env.put("EVENT_BUS_NAME", BUS);
        env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", eventBridge.baseUrl());
        return env;
    }

    @Test
    void aScheduledRunPublishesOneEventPerStreamAndHoldsTheStreamWhoseKernelZfsDoesNotSupport() {
        AwsJsonService.acceptPutEvents(eventBridge);

        FunctionRun run = LambdaFunctions.invoke(
                LambdaFunctions.WATCHER, LambdaFunctions.sampleEvent("scheduled-run.json"), environment());

        JsonNode response = run.response();
        String correlationId = response.get("correlationId").textValue();
        UUID.fromString(correlationId);
        assertEquals(0, response.get("errors").size(), run.describe());
        assertEquals(
                List.of(
                        "stable/UpstreamObserved/" + Upstream.STABLE + "/" + Upstream.ZFS,
                        "testing/BuildHeld/" + Upstream.TESTING + "/" + Upstream.ZFS),
                summary(response.get("published")),
                run.describe());

        List<LoggedRequest> puts = AwsJsonService.requests(eventBridge, PUT_EVENTS);
        assertEquals(1, puts.size(), "both events go in one PutEvents batch");
        String authorization = puts.get(0).getHeader("Authorization");
        assertTrue(
                authorization.startsWith("AWS4-HMAC-SHA256 Credential=" + LambdaFunctions.ACCESS_KEY_ID + "/")
                        && authorization.contains("/" + LambdaFunctions.REGION + "/events/aws4_request"),
                "signed with the environment's credentials and region: " + authorization);
        List<JsonNode> entries = AwsJsonService.putEventsEntries(eventBridge);
        assertEquals(2, entries.size());
        for (JsonNode entry : entries) {
            assertEquals("coreos-watch", entry.get("Source").textValue());
            assertEquals(BUS, entry.get("EventBusName").textValue());
            ContractShapes.assertEventDetail(entry.get("DetailType").textValue(), AwsJsonService.detail(entry));
        }

        assertEquals("UpstreamObserved", entries.get(0).get("DetailType").textValue());
        BusEvent observed = EventJson.read(EventType.UpstreamObserved, AwsJsonService.detail(entries.get(0)));
        assertEquals("stable", observed.observed().stream());
        assertEquals(Upstream.STABLE, observed.observed().coreosVersion());
        assertEquals(Upstream.ZFS, observed.observed().zfsVersion());
        assertEquals(
                List.of(
                        new ObservedArch(
                                "x86_64", Upstream.STABLE_KERNEL + ".x86_64", "COMPATIBLE", Upstream.LINUX_RANGE),
                        new ObservedArch(
                                "aarch64", Upstream.STABLE_KERNEL + ".aarch64", "COMPATIBLE", Upstream.LINUX_RANGE)),
                observed.observed().architectures());
        assertFalse(observed.observed().force());
        assertEquals(correlationId, observed.observed().correlationId());
        assertTrue(observed.observed().observedAt().isAfter(Instant.now().minusSeconds(300)));

        assertEquals("BuildHeld", entries.get(1).get("DetailType").textValue());
        BusEvent.BuildHeld held =
                (BusEvent.BuildHeld) EventJson.read(EventType.BuildHeld, AwsJsonService.detail(entries.get(1)));
        assertEquals("testing", held.observed().stream());
        assertEquals(Upstream.TESTING, held.observed().coreosVersion());
        assertEquals(
                List.of(
                        new ObservedArch(
                                "x86_64", Upstream.TESTING_KERNEL + ".x86_64", "INCOMPATIBLE", Upstream.LINUX_RANGE),
                        new ObservedArch(
                                "aarch64", Upstream.TESTING_KERNEL + ".aarch64", "INCOMPATIBLE", Upstream.LINUX_RANGE)),
                held.observed().architectures());
        assertTrue(
                held.reason().contains(Upstream.TESTING_KERNEL)
                        && held.reason().contains(Upstream.LINUX_RANGE)
                        && held.reason().contains("zfs " + Upstream.ZFS),
                held.reason());
        assertEquals(correlationId, held.observed().correlationId());

        // zfs-2.5.0 opens a new line at .0 and is passed over: only the chosen release's META is read.
        github.verify(1, getRequestedFor(urlPathEqualTo("/repos/openzfs/zfs/contents/META")));
        github.verify(getRequestedFor(urlPathEqualTo("/repos/openzfs/zfs/contents/META"))
                .withQueryParam("ref", equalTo("zfs-2.4.7")));
    }

    @Test
    void anEntryEventBridgeKeepsRefusingFailsTheInvocationAfterRetryingOnlyThatEntry() {
        // Two entries: the first is taken, the second refused; alone, it is refused every time.
        eventBridge.stubFor(operation(PUT_EVENTS)
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.Entries[1]"))
                .willReturn(answer(
                        "{\"FailedEntryCount\":1,\"Entries\":[" + eventId() + ",{\"ErrorCode\":\"InternalFailure\","
                                + "\"ErrorMessage\":\"Internal service error, please retry\"}]}")));
        eventBridge.stubFor(operation(PUT_EVENTS)
                .atPriority(2)
                .willReturn(answer("{\"FailedEntryCount\":1,\"Entries\":[{\"ErrorCode\":\"InternalFailure\","
                        + "\"ErrorMessage\":\"Internal service error, please retry\"}]}")));

        FunctionRun run = LambdaFunctions.invoke(
                LambdaFunctions.WATCHER, LambdaFunctions.sampleEvent("scheduled-run.json"), environment());

        JsonNode thrown = run.thrown();
        assertEquals(
                "dev.coreoswatch.events.EventPublishException",
                thrown.get("errorType").textValue(),
                run.describe());
        String message = thrown.get("errorMessage").textValue();
        assertTrue(message.startsWith("1 of 2 event(s) not published to " + BUS), message);
        assertTrue(message.contains("BuildHeld: InternalFailure"), message);
        List<LoggedRequest> puts = AwsJsonService.requests(eventBridge, PUT_EVENTS);
        assertTrue(puts.size() > 1, "the refused entry is sent again: " + puts.size() + " request(s)");
        assertEquals(2, AwsJsonService.body(puts.get(0)).get("Entries").size());
        for (LoggedRequest retry : puts.subList(1, puts.size())) {
            JsonNode retried = AwsJsonService.body(retry).get("Entries");
            assertEquals(1, retried.size(), "only the refused entry is retried");
            assertEquals("BuildHeld", retried.get(0).get("DetailType").textValue());
        }
    }

    @Test
    void aManualDryRunReturnsTheReportAndPublishesNothing() {
        AwsJsonService.acceptPutEvents(eventBridge);

        FunctionRun run = LambdaFunctions.invoke(
                LambdaFunctions.WATCHER, LambdaFunctions.sampleEvent("manual-check.json"), environment());

        JsonNode report = run.response();
        ContractShapes.assertReport(report);
        Instant.parse(report.get("checkedAt").textValue());
        assertTrue(report.get("dryRun").booleanValue());
        assertEquals(
                registry.hostPort() + "/acme/custom-coreos",
                report.get("targetImage").textValue());
        assertEquals(0, report.get("errors").size(), run.describe());
        assertEquals(1, report.get("decisions").size(), "only the stream the payload names: " + report);
        JsonNode stable = report.get("decisions").get(0);
        assertEquals("stable", stable.get("stream").textValue());
        assertEquals(Upstream.STABLE, stable.get("coreosVersion").textValue());
        assertEquals(Upstream.ZFS, stable.get("zfsVersion").textValue());
        assertEquals("BUILD", stable.get("action").textValue(), stable.toString());
        assertTrue(
                stable.get("reason").textValue().contains("linux/arm64"),
                stable.get("reason").textValue());

        JsonNode x86 = stable.get("architectures").get(0);
        assertEquals("x86_64", x86.get("arch").textValue());
        assertEquals(
                Upstream.STABLE_KERNEL + ".x86_64", x86.get("kernelVersion").textValue());
        assertEquals("COMPATIBLE", x86.get("compatibility").textValue());
        assertEquals(Upstream.LINUX_RANGE, x86.get("linuxRange").textValue());
        assertEquals(Upstream.STABLE, x86.get("existing").get("coreosVersion").textValue());
        assertEquals(Upstream.ZFS, x86.get("existing").get("zfsVersion").textValue());
        assertEquals(
                Upstream.STABLE_KERNEL + ".x86_64",
                x86.get("existing").get("kernelVersion").textValue());
        assertTrue(x86.get("built").booleanValue());
        JsonNode arm = stable.get("architectures").get(1);
        assertEquals("aarch64", arm.get("arch").textValue());
        assertEquals(
                Upstream.STABLE_KERNEL + ".aarch64", arm.get("kernelVersion").textValue());
        assertTrue(arm.get("existing").isNull());
        assertFalse(arm.get("built").booleanValue());

        JsonNode dispatch = stable.get("dispatch");
        assertEquals("DRY_RUN", dispatch.get("status").textValue());
        assertTrue(dispatch.get("runId").isNull() && dispatch.get("runUrl").isNull(), dispatch.toString());

        eventBridge.verify(0, anyRequestedFor(anyUrl()));
        fcos.verify(0, getRequestedFor(urlPathEqualTo("/streams/testing.json")));
    }

    private static List<String> summary(JsonNode published) {
        return StreamSupport.stream(published.spliterator(), false)
                .map(p ->
                        p.get("stream").textValue() + "/" + p.get("detailType").textValue() + "/"
                                + p.get("coreosVersion").textValue() + "/"
                                + p.get("zfsVersion").textValue())
                .toList();
    }
}
