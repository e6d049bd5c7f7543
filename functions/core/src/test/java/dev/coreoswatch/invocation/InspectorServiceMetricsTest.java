package dev.coreoswatch.invocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.config.ConfigSource;
import dev.coreoswatch.config.WatchConfig;
import dev.coreoswatch.events.BusEvent;
import dev.coreoswatch.events.EventJson;
import dev.coreoswatch.events.Observed;
import dev.coreoswatch.events.ObservedArch;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.ImageLabels;
import dev.coreoswatch.registry.RegistryException;
import dev.coreoswatch.testing.LocalRegistry;
import dev.coreoswatch.testing.LocalRegistry.Layout;
import dev.coreoswatch.testing.RegistryExtension;
import dev.coreoswatch.testing.SampleEvents;
import dev.coreoswatch.testing.TestClock;
import dev.coreoswatch.upstream.LoopbackHttp;
import dev.coreoswatch.wiring.Components;
import dev.coreoswatch.wiring.FunctionSetup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The inspector's metrics document per invocation, against a real registry seeded by umoci and skopeo. */
class InspectorServiceMetricsTest {
    private static final String REPO = "acme/custom-coreos";
    private static final String COREOS = "45.20260901.1.0";

    @RegisterExtension
    static final RegistryExtension<LocalRegistry> REGISTRY = RegistryExtension.of(LocalRegistry::anonymous);

    private static final LocalRegistry registry = REGISTRY.get();

    private final TestClock clock = new TestClock(Instant.parse("2026-09-03T12:30:00Z"));
    private final List<String> documents = new ArrayList<>();
    private final List<BusEvent> published = new ArrayList<>();

    @BeforeAll
    static void start() {
        registry.seed()
                .image(
                        REPO,
                        "next",
                        Layout.OCI_INDEX,
                        Map.of(
                                Arch.X86_64, labels(COREOS, "2.4.5", "7.2.3-100.fc45.x86_64"),
                                Arch.AARCH64, labels(COREOS, "2.4.5", "7.2.3-100.fc45.aarch64")))
                .image(
                        REPO,
                        "testing",
                        Layout.OCI_INDEX,
                        Map.of(
                                Arch.X86_64, labels("45.20260820.2.0", "2.4.5", "7.2.1-100.fc45.x86_64"),
                                Arch.AARCH64, labels("45.20260820.2.0", "2.4.5", "7.2.1-100.fc45.aarch64")))
                .push();
    }

    private static Map<String, String> labels(String coreos, String zfs, String kernel) {
        return Map.of(
                ImageLabels.COREOS_VERSION, coreos, ImageLabels.ZFS_VERSION, zfs, ImageLabels.KERNEL_VERSION, kernel);
    }

    private InspectorService service(String registryHost, Map<String, String> extra) {
        Map<String, String> keys = new HashMap<>(Map.of(
                "target.image",
                registryHost + "/" + REPO,
                "registry.plain-http",
                registryHost,
                "events.bus-name",
                "coreos-watch-events"));
        keys.putAll(extra);
        WatchConfig config = WatchConfig.load(ConfigSource.of(keys));
        FunctionSetup setup = new FunctionSetup(
                        config, new Components(config, new LoopbackHttp().http, clock), () -> published::addAll)
                .withMetricsOutput(documents::add);
        return new InspectorService(setup);
    }

    private InspectorService service() {
        return service(registry.hostPort(), Map.of());
    }

    /** An UpstreamObserved event for a stream released by FCOS 50.5 hours before the clock. */
    private static byte[] observed(String stream) {
        Observed o = new Observed(
                stream,
                COREOS,
                "2.4.5",
                List.of(
                        new ObservedArch("x86_64", "7.2.3-100.fc45.x86_64", "COMPATIBLE", "4.18-7.3"),
                        new ObservedArch("aarch64", "7.2.3-100.fc45.aarch64", "COMPATIBLE", "4.18-7.3")),
                false,
                Instant.parse("2026-09-03T12:29:58Z"),
                "0b6f3c1e-7d2a-4e59-b8a4-5c9d1e2f3a4b",
                Instant.parse("2026-09-01T10:00:00Z"));
        return SampleEvents.envelope("UpstreamObserved", EventJson.write(new BusEvent.UpstreamObserved(o)));
    }

    private JsonNode document() {
        assertEquals(1, documents.size());
        return Json.parse(documents.get(0).getBytes(StandardCharsets.UTF_8), "EMF document");
    }

    private static void assertCounts(JsonNode doc, int checked, int required, int skipped, int held, int errors) {
        assertEquals(
                List.of(checked, required, skipped, held, errors),
                List.of(
                        doc.get("StreamsChecked").intValue(),
                        doc.get("BuildsRequired").intValue(),
                        doc.get("Skipped").intValue(),
                        doc.get("Held").intValue(),
                        doc.get("RegistryErrors").intValue()),
                "StreamsChecked, BuildsRequired, Skipped, Held, RegistryErrors in " + doc);
    }

    @Test
    void aBuiltReleaseIsASkipAndNothingIsWaiting() {
        service().handle(observed("next"));

        JsonNode doc = document();
        assertEquals("registry-inspector", doc.get("Function").textValue());
        assertEquals(
                "0b6f3c1e-7d2a-4e59-b8a4-5c9d1e2f3a4b", doc.get("correlationId").textValue());
        assertCounts(doc, 1, 0, 1, 0, 0);
        assertEquals(0.0, doc.get("UnbuiltReleaseAgeHours").doubleValue());
    }

    @Test
    void anImageBehindUpstreamRequiresABuildAndReportsHowLongTheReleaseWaits() {
        service().handle(observed("testing"));

        JsonNode doc = document();
        assertCounts(doc, 1, 1, 0, 0, 0);
        assertEquals(
                50.5,
                doc.get("UnbuiltReleaseAgeHours").doubleValue(),
                0.0001,
                "2026-09-01T10:00Z to 2026-09-03T12:30Z");
        assertEquals("BuildRequired", published.get(0).type().name());
    }

    @Test
    void aBlockedVersionIsHeldAndItsReleaseKeepsAging() {
        service(registry.hostPort(), Map.of("coreos.blocked-versions", COREOS)).handle(observed("testing"));

        JsonNode doc = document();
        assertCounts(doc, 1, 0, 0, 1, 0);
        assertEquals(50.5, doc.get("UnbuiltReleaseAgeHours").doubleValue(), 0.0001);
    }

    @Test
    void anUnreachableRegistryIsARegistryErrorAndNoAge() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        assertThrows(
                RegistryException.class,
                () -> service("127.0.0.1:" + closed, Map.of()).handle(observed("testing")));

        JsonNode doc = document();
        assertCounts(doc, 1, 0, 0, 0, 1);
        assertFalse(doc.has("UnbuiltReleaseAgeHours"));
        assertEquals(List.of(), published);
    }
}
