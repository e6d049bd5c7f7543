package dev.coreoswatch.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.RetryPolicy;
import dev.coreoswatch.http.RetryingHttp;
import dev.coreoswatch.http.UrlConnectionHttp;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.KernelVersion;
import dev.coreoswatch.model.Version;
import dev.coreoswatch.registry.ImageReference;
import dev.coreoswatch.registry.RegistryClient;
import dev.coreoswatch.testing.LocalRegistry;
import dev.coreoswatch.testing.LocalRegistry.Layout;
import dev.coreoswatch.testing.RegistryExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The base image's {@code ostree.linux} label, read from a real registry seeded with the two
 * label sets FCOS has shipped: the legacy (coreos-assembler, up to F42) set that carries the
 * label, and the F43+ (Containerfile) set that does not. The kernel numbers differ from the
 * shared samples so that nothing here can pass by echoing a sample.
 */
class BaseImageKernelSourceTest {
    private static final String REPO = "fedora/fedora-coreos";
    private static final String LEGACY = "41.20250105.3.0";
    private static final String F43 = "43.20251110.3.1";
    private static final String MALFORMED = "42.20250803.3.0";
    private static final String AMD64_ONLY = "42.20250901.3.0";

    @RegisterExtension
    static final RegistryExtension<LocalRegistry> REGISTRY = RegistryExtension.of(LocalRegistry::anonymous);

    private static final LocalRegistry registry = REGISTRY.get();
    private static BaseImageKernelSource source;

    @BeforeAll
    static void start() throws IOException {
        Map<String, String> legacy = legacyLabels();
        Map<String, String> f43 = f43Labels();
        registry.seed()
                .image(
                        REPO,
                        LEGACY,
                        Layout.OCI_INDEX,
                        Map.of(
                                Arch.X86_64, with(legacy, "ostree.linux", "6.12.7-200.fc41.x86_64"),
                                Arch.AARCH64, with(legacy, "ostree.linux", "6.12.7-200.fc41.aarch64")))
                .image(REPO, F43, Layout.OCI_INDEX, Map.of(Arch.X86_64, f43, Arch.AARCH64, f43))
                .image(
                        REPO,
                        MALFORMED,
                        Layout.OCI_INDEX,
                        Map.of(
                                Arch.X86_64, with(legacy, "ostree.linux", "$(reboot)\n6.15"),
                                Arch.AARCH64, with(legacy, "ostree.linux", "6.15.9-201.fc42.aarch64")))
                .image(
                        REPO,
                        AMD64_ONLY,
                        Layout.OCI_MANIFEST,
                        Map.of(Arch.X86_64, with(legacy, "ostree.linux", "6.15.10-200.fc42.x86_64")))
                .push();
        RegistryClient client =
                new RegistryClient(new UrlConnectionHttp(Http.Limits.DEFAULT), registry.plainHttpHosts(), Map.of());
        source = new BaseImageKernelSource(client, ImageReference.parse(registry.hostPort() + "/" + REPO));
    }

    private static Map<String, String> legacyLabels() throws IOException {
        return strings(read("/upstream/fcos-image-labels-legacy-f37-okd.json"));
    }

    private static Map<String, String> f43Labels() throws IOException {
        return strings(read("/upstream/fcos-image-config-f43-reconstructed.json")
                .get("config")
                .get("Labels"));
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = BaseImageKernelSourceTest.class.getResourceAsStream(resource)) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new TreeMap<>();
        object.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> out = new TreeMap<>(labels);
        out.put(key, value);
        return out;
    }

    @Test
    void readsTheKernelOfEachArchFromALegacyImage() {
        assertEquals(
                Optional.of(KernelVersion.parse("6.12.7-200.fc41.x86_64")),
                source.kernel("stable", Version.parse(LEGACY), Arch.X86_64));
        assertEquals(
                Optional.of(KernelVersion.parse("6.12.7-200.fc41.aarch64")),
                source.kernel("stable", Version.parse(LEGACY), Arch.AARCH64));
    }

    @Test
    void anImageWithoutTheLabelIsAbsent() {
        assertFalse(f43LabelsHaveKernel());
        assertEquals(Optional.empty(), source.kernel("stable", Version.parse(F43), Arch.X86_64));
    }

    private static boolean f43LabelsHaveKernel() {
        try {
            return f43Labels().containsKey("ostree.linux");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aReleaseWithoutAnImageIsAbsent() {
        assertEquals(Optional.empty(), source.kernel("stable", Version.parse("40.20240906.3.0"), Arch.X86_64));
    }

    @Test
    void aPlatformTheImageLacksIsAbsent() {
        assertEquals(
                Optional.of(KernelVersion.parse("6.15.10-200.fc42.x86_64")),
                source.kernel("stable", Version.parse(AMD64_ONLY), Arch.X86_64));
        assertEquals(Optional.empty(), source.kernel("stable", Version.parse(AMD64_ONLY), Arch.AARCH64));
    }

    @Test
    void aMalformedLabelIsAFormatErrorThatQuotesItSafely() {
        UpstreamFormatException e = assertThrows(
                UpstreamFormatException.class, () -> source.kernel("stable", Version.parse(MALFORMED), Arch.X86_64));

        assertTrue(e.getMessage().contains("ostree.linux"), e.getMessage());
        assertTrue(e.getMessage().contains(MALFORMED), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        // the other arch of the same image is fine
        assertEquals(
                Optional.of(KernelVersion.parse("6.15.9-201.fc42.aarch64")),
                source.kernel("stable", Version.parse(MALFORMED), Arch.AARCH64));
    }

    @Test
    void anUnreachableRegistryIsAFaultNotAbsence() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String host = "127.0.0.1:" + closedPort;
        Http http = new RetryingHttp(
                new UrlConnectionHttp(Http.Limits.DEFAULT),
                new RetryPolicy(
                        2, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(10), Duration.ofSeconds(5)),
                Clock.systemUTC(),
                d -> {});
        BaseImageKernelSource unreachable = new BaseImageKernelSource(
                new RegistryClient(http, Set.of(host), Map.of()), ImageReference.parse(host + "/" + REPO));

        UpstreamUnavailableException e = assertThrows(
                UpstreamUnavailableException.class,
                () -> unreachable.kernel("stable", Version.parse(LEGACY), Arch.X86_64));

        assertTrue(e.getMessage().contains(host + "/" + REPO + ":" + LEGACY), e.getMessage());
        assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
    }

    @Test
    void isNamedForTheReport() {
        assertEquals("base image label ostree.linux", source.name());
    }
}
