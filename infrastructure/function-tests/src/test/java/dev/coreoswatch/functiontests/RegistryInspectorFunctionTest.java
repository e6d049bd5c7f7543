package dev.coreoswatch.functiontests;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.coreoswatch.events.BusEvent;
import dev.coreoswatch.events.EventJson;
import dev.coreoswatch.events.EventType;
import dev.coreoswatch.events.Observed;
import dev.coreoswatch.events.ObservedArch;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.ImageLabels;
import dev.coreoswatch.testing.LocalRegistry;
import dev.coreoswatch.testing.RegistryExtension;
import dev.coreoswatch.testing.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The registry inspector's jar under the real runtime, against a real registry holding the target image. */
class RegistryInspectorFunctionTest {
    private static final String BUS = "coreos-watch-e2e-events";
    private static final String REPOSITORY = "acme/custom-coreos";
    private static final String RANGE = "4.18-7.1";

    /** stable: both arches already carry this combination. */
    private static final Observed STABLE =
            observed("stable", "44.20261117.3.2", "2.4.9", "6.19.14-200.fc44", "a3c5e2d0-7b1f-4c6e-9d2a-5f8e1b3c7d90");
    /** testing: x86_64 carries an older build, aarch64 was never built. */
    private static final Observed TESTING =
            observed("testing", "45.20261124.2.0", "2.4.9", "7.1.2-100.fc45", "e91f0c37-2d4b-4a85-b6c1-08d7f3a2e5b4");

    private static final ImageLabels TESTING_X86_BEFORE =
            new ImageLabels("45.20261110.2.1", "2.4.8", "7.0.9-100.fc45.x86_64");

    private static WireMockServer eventBridge;

    @RegisterExtension
    static final RegistryExtension<LocalRegistry> REGISTRY = RegistryExtension.of(LocalRegistry::anonymous);

    private static final LocalRegistry registry = REGISTRY.get();

    @BeforeAll
    static void start() {
        eventBridge = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        eventBridge.start();
        registry.seed()
                .image(
                        REPOSITORY,
                        "stable",
                        LocalRegistry.Layout.OCI_INDEX,
                        Map.of(
                                Arch.X86_64,
                                        Labels.of(
                                                STABLE.coreosVersion(),
                                                STABLE.zfsVersion(),
                                                STABLE.architectures().get(0).kernelVersion()),
                                Arch.AARCH64,
                                        Labels.of(
                                                STABLE.coreosVersion(),
                                                STABLE.zfsVersion(),
                                                STABLE.architectures().get(1).kernelVersion())))
                .image(
                        REPOSITORY,
                        "testing",
                        LocalRegistry.Layout.DOCKER_MANIFEST_LIST,
                        Map.of(
                                Arch.X86_64,
                                Labels.of(
                                        TESTING_X86_BEFORE.coreosVersion(),
                                        TESTING_X86_BEFORE.zfsVersion(),
                                        TESTING_X86_BEFORE.kernelVersion())))
                .push();
    }

    @AfterAll
    static void stop() {
        if (eventBridge != null) {
            eventBridge.stop();
        }
    }

    @BeforeEach
    void stubs() {
        eventBridge.resetAll();
        AwsJsonService.acceptPutEvents(eventBridge);
    }

    private static Observed observed(String stream, String coreos, String zfs, String kernel, String correlationId) {
        return new Observed(
                stream,
                coreos,
                zfs,
                List.of(
                        new ObservedArch("x86_64", kernel + ".x86_64", "COMPATIBLE", RANGE),
                        new ObservedArch("aarch64", kernel + ".aarch64", "COMPATIBLE", RANGE)),
                false,
                Instant.parse("2026-11-24T06:30:02Z"),
                correlationId);
    }

    private static byte[] upstreamObserved(Observed observed) {
        return SampleEvents.envelope("UpstreamObserved", EventJson.write(new BusEvent.UpstreamObserved(observed)));
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("TARGET_IMAGE", registry.hostPort() + "/" + REPOSITORY);
        env.put("REGISTRY_PLAIN_HTTP", registry.hostPort());
        env.put("EVENT_BUS_NAME", BUS);
        env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", eventBridge.baseUrl());
        return env;
    }

    /** The one event the inspector put on the bus, checked for source, bus and schema version. */
    private static JsonNode onlyPublishedEntry(FunctionRun run) {
        List<JsonNode> entries = AwsJsonService.putEventsEntries(eventBridge);
        assertEquals(1, entries.size(), run.describe());
        JsonNode entry = entries.get(0);
        assertEquals("coreos-watch", entry.get("Source").textValue());
        assertEquals(BUS, entry.get("EventBusName").textValue());
        ContractShapes.assertEventDetail(entry.get("DetailType").textValue(), AwsJsonService.detail(entry));
        return entry;
    }

    @Test
    void aTargetLackingTheCombinationIsABuildRequiredNamingWhatIsMissing() {
        FunctionRun run = LambdaFunctions.invoke(LambdaFunctions.INSPECTOR, upstreamObserved(TESTING), environment());

        JsonNode response = run.response();
        assertEquals("BUILD", response.get("action").textValue(), run.describe());
        assertEquals("BuildRequired", response.get("published").textValue());
        assertEquals(TESTING.correlationId(), response.get("correlationId").textValue());

        JsonNode entry = onlyPublishedEntry(run);
        assertEquals("BuildRequired", entry.get("DetailType").textValue());
        BusEvent.BuildRequired required =
                (BusEvent.BuildRequired) EventJson.read(EventType.BuildRequired, AwsJsonService.detail(entry));
        assertEquals(
                TESTING.forTarget("default", registry.hostPort() + "/" + REPOSITORY),
                required.observed(),
                "the observation travels on, naming the image the inspector read");
        assertEquals(List.of("x86_64", "aarch64"), required.missing());
        Map<String, ImageLabels> existing = new LinkedHashMap<>();
        existing.put("x86_64", TESTING_X86_BEFORE);
        existing.put("aarch64", null);
        assertEquals(existing, required.existing());
        assertTrue(required.reason().contains(TESTING_X86_BEFORE.coreosVersion()), required.reason());
        assertEquals(response.get("reason").textValue(), required.reason());
    }

    @Test
    void aTargetCarryingTheCombinationIsABuildSkipped() {
        FunctionRun run = LambdaFunctions.invoke(LambdaFunctions.INSPECTOR, upstreamObserved(STABLE), environment());

        JsonNode response = run.response();
        assertEquals("SKIP", response.get("action").textValue(), run.describe());
        assertEquals("BuildSkipped", response.get("published").textValue());

        JsonNode entry = onlyPublishedEntry(run);
        assertEquals("BuildSkipped", entry.get("DetailType").textValue());
        BusEvent.BuildSkipped skipped =
                (BusEvent.BuildSkipped) EventJson.read(EventType.BuildSkipped, AwsJsonService.detail(entry));
        assertEquals(STABLE.forTarget("default", registry.hostPort() + "/" + REPOSITORY), skipped.observed());
        assertTrue(
                skipped.reason().contains(STABLE.coreosVersion())
                        && skipped.reason().contains(STABLE.zfsVersion()),
                skipped.reason());
    }

    @Test
    void anEventOfAnotherSchemaVersionFailsTheInvocationAndPublishesNothing() {
        byte[] event = new String(upstreamObserved(TESTING), StandardCharsets.UTF_8)
                .replace("\"schemaVersion\":2", "\"schemaVersion\":1")
                .getBytes(StandardCharsets.UTF_8);

        FunctionRun run = LambdaFunctions.invoke(LambdaFunctions.INSPECTOR, event, environment());

        JsonNode thrown = run.thrown();
        assertEquals(
                "dev.coreoswatch.events.EventFormatException",
                thrown.get("errorType").textValue(),
                run.describe());
        String message = thrown.get("errorMessage").textValue();
        assertTrue(message.contains("schemaVersion \"1\"") && message.contains("schemaVersion 2 only"), message);
        eventBridge.verify(0, anyRequestedFor(anyUrl()));
    }
}
