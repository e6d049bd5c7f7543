package dev.coreoswatch.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.coreoswatch.registry.GhcrStubs.REPO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.RetryPolicy;
import dev.coreoswatch.http.RetryingHttp;
import dev.coreoswatch.http.UrlConnectionHttp;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.ImageLabels;
import dev.coreoswatch.model.Platform;
import dev.coreoswatch.testing.RegistryExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the registry can do wrong, and the typed answer each one gets. The registry here needs no auth. */
class RegistryClientFailureTest {
    private static final Platform AMD64 = Arch.X86_64.platform();
    private static final List<Platform> BOTH = List.of(AMD64, Arch.AARCH64.platform());
    private static final String TAG_PATH = "/v2/" + REPO + "/manifests/stable";
    private static final Map<String, String> LABELS = Map.of(
            ImageLabels.COREOS_VERSION,
            "43.20260202.3.0",
            ImageLabels.ZFS_VERSION,
            "2.3.7",
            ImageLabels.KERNEL_VERSION,
            "6.18.8-200.fc43.x86_64");

    @RegisterExtension
    static final RegistryExtension<GhcrStubs> STUBS = RegistryExtension.of(GhcrStubs::new);

    private static final GhcrStubs stubs = STUBS.get();

    @BeforeEach
    void reset() {
        stubs.reset();
    }

    private static void onRegistry(String path, ResponseDefinitionBuilder response) {
        stubs.registry.stubFor(get(urlPathEqualTo(path)).willReturn(response));
    }

    private static ImageLookup lookup() {
        return stubs.client().lookup(stubs.image("stable"), BOTH);
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body);
    }

    /** A single-arch image whose config blob is served as {@code configBody}. */
    private static void singleImage(StubImages.Doc config, byte[] configBody) {
        StubImages.Doc manifest = StubImages.manifest(config);
        onRegistry(TAG_PATH, GhcrStubs.manifestResponse(manifest, MediaTypes.OCI_MANIFEST));
        onRegistry(
                "/v2/" + REPO + "/blobs/" + config.digest(),
                aResponse().withStatus(200).withBody(configBody));
    }

    @Test
    void nameUnknownIsAbsent() {
        onRegistry(
                TAG_PATH,
                json(
                        404,
                        "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known to registry\"}]}"));

        ImageLookup lookup = lookup();

        assertTrue(
                lookup.absence().orElseThrow().contains("repository unknown"),
                lookup.absence().get());
        assertTrue(lookup.platforms().isEmpty());
    }

    @Test
    void manifestUnknownIsAbsent() {
        onRegistry(
                TAG_PATH, json(404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}"));

        assertTrue(lookup().absence().orElseThrow().contains("manifest unknown"));
    }

    @Test
    void aBare404OnTheTagIsAbsent() {
        onRegistry(TAG_PATH, aResponse().withStatus(404));

        assertTrue(lookup().absence().isPresent());
    }

    @Test
    void notFoundIsAbsent() {
        onRegistry(TAG_PATH, json(404, "{\"errors\":[{\"code\":\"NOT_FOUND\",\"message\":\"not found\"}]}"));

        assertTrue(lookup().absence().orElseThrow().contains("not found"));
    }

    @Test
    void a404PageFromAProxyIsNotTakenForAbsence() {
        onRegistry(
                TAG_PATH,
                aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "text/html")
                        .withBody(
                                "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n"
                                        + "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"));

        RegistryProtocolException e = assertThrows(RegistryProtocolException.class, RegistryClientFailureTest::lookup);

        assertTrue(e.getMessage().contains("404 Not Found"), e.getMessage());
        assertTrue(e.getMessage().contains("not a registry's error"), e.getMessage());
    }

    @Test
    void a404WithOtherJsonIsNotTakenForAbsence() {
        onRegistry(
                TAG_PATH,
                json(404, "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\"}"));

        assertThrows(RegistryProtocolException.class, RegistryClientFailureTest::lookup);
    }

    @Test
    void a404WithAnotherCodeIsNotTakenForAbsence() {
        onRegistry(
                TAG_PATH,
                json(404, "{\"errors\":[{\"code\":\"UNSUPPORTED\",\"message\":\"the operation is unsupported\"}]}"));

        RegistryProtocolException e = assertThrows(RegistryProtocolException.class, RegistryClientFailureTest::lookup);
        assertTrue(e.getMessage().contains("UNSUPPORTED"), e.getMessage());
    }

    @Test
    void serverErrorsAreUnavailableAfterTheRetries() {
        onRegistry(TAG_PATH, json(500, "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"unknown error\"}]}"));

        RegistryUnavailableException e =
                assertThrows(RegistryUnavailableException.class, RegistryClientFailureTest::lookup);

        assertTrue(e.getMessage().contains("500"), e.getMessage());
        assertTrue(e.getMessage().contains(REPO), e.getMessage());
        assertEquals(
                3,
                stubs.registry
                        .findAll(getRequestedFor(urlPathEqualTo(TAG_PATH)))
                        .size());
        assertEquals(2, stubs.waits.size());
    }

    @Test
    void rateLimitingIsUnavailableAndRetryAfterIsHonoured() {
        onRegistry(
                TAG_PATH,
                json(
                                429,
                                "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"retry-after: 1.16676ms, allowed: 44000/minute\"}]}")
                        .withHeader("Retry-After", "0"));

        RegistryUnavailableException e =
                assertThrows(RegistryUnavailableException.class, RegistryClientFailureTest::lookup);

        assertTrue(e.getMessage().contains("429"), e.getMessage());
        assertTrue(e.getMessage().contains("TOOMANYREQUESTS"), e.getMessage());
        assertEquals(List.of(Duration.ZERO, Duration.ZERO), stubs.waits);
    }

    @Test
    void aTimeoutIsUnavailable() {
        onRegistry(TAG_PATH, json(200, "{}").withFixedDelay(2_000));
        Http http = new RetryingHttp(
                new UrlConnectionHttp(new Http.Limits(Duration.ofSeconds(1), Duration.ofMillis(200), 1 << 20)),
                new RetryPolicy(
                        2, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(10)),
                Clock.systemUTC(),
                d -> {});
        RegistryClient client = new RegistryClient(http, stubs.plainHttpHosts(), Map.of());

        RegistryUnavailableException e =
                assertThrows(RegistryUnavailableException.class, () -> client.lookup(stubs.image("stable"), BOTH));

        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    }

    @Test
    void aConfigBlobThatDoesNotMatchItsDigestIsAProtocolError() {
        StubImages.Doc config = StubImages.config(Arch.X86_64, LABELS);
        StubImages.Doc forged = StubImages.config(Arch.X86_64, Map.of(ImageLabels.COREOS_VERSION, "99.0.0"));
        singleImage(config, forged.bytes());

        RegistryProtocolException e = assertThrows(RegistryProtocolException.class, RegistryClientFailureTest::lookup);

        assertTrue(e.getMessage().contains(config.digest()), e.getMessage());
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    @Test
    void aChildManifestThatDoesNotMatchItsDigestIsAProtocolError() {
        StubImages.Doc config = StubImages.config(Arch.X86_64, LABELS);
        StubImages.Doc manifest = StubImages.manifest(config);
        StubImages.Doc index = StubImages.index(Map.of(Arch.X86_64, manifest), false);
        onRegistry(TAG_PATH, GhcrStubs.manifestResponse(index, MediaTypes.OCI_INDEX));
        StubImages.Doc other = StubImages.manifest(StubImages.config(Arch.X86_64, Map.of()));
        onRegistry(
                "/v2/" + REPO + "/manifests/" + manifest.digest(),
                GhcrStubs.manifestResponse(other, MediaTypes.OCI_MANIFEST));

        assertThrows(RegistryProtocolException.class, RegistryClientFailureTest::lookup);
    }

    @Test
    void anIndexNamingAManifestTheRegistryLacksIsAProtocolError() {
        StubImages.Doc manifest = StubImages.manifest(StubImages.config(Arch.X86_64, LABELS));
        onRegistry(
                TAG_PATH,
                GhcrStubs.manifestResponse(
                        StubImages.index(Map.of(Arch.X86_64, manifest), false), MediaTypes.OCI_INDEX));
        onRegistry(
                "/v2/" + REPO + "/manifests/" + manifest.digest(),
                json(404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}"));

        RegistryProtocolException e = assertThrows(RegistryProtocolException.class, RegistryClientFailureTest::lookup);
        assertTrue(e.getMessage().contains("linux/amd64"), e.getMessage());
    }

    @Test
    void aMissingConfigBlobIsAProtocolError() {
        StubImages.Doc config = StubImages.config(Arch.X86_64, LABELS);
        onRegistry(TAG_PATH, GhcrStubs.manifestResponse(StubImages.manifest(config), MediaTypes.OCI_MANIFEST));
        onRegistry(
                "/v2/" + REPO + "/blobs/" + config.digest(),
                json(404, "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\"}]}"));

        assertThrows(RegistryProtocolException.class, RegistryClientFailureTest::lookup);
    }

    @Test
    void malformedManifestJsonIsAProtocolError() {
        onRegistry(
                TAG_PATH,
                aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", MediaTypes.OCI_INDEX)
                        .withBody("{\"schemaVersion\":2,\"manifests\":[{\"digest\":"));

        RegistryProtocolException e = assertThrows(RegistryProtocolException.class, RegistryClientFailureTest::lookup);
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void aSchema1ManifestIsAnUnknownMediaType() {
        onRegistry(
                TAG_PATH,
                aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/vnd.docker.distribution.manifest.v1+prettyjws")
                        .withBody(
                                "{\"schemaVersion\":1,\"name\":\"owner/custom-coreos\",\"tag\":\"stable\",\"fsLayers\":[]}"));

        RegistryProtocolException e = assertThrows(RegistryProtocolException.class, RegistryClientFailureTest::lookup);
        assertTrue(e.getMessage().contains("manifest.v1+prettyjws"), e.getMessage());
    }

    @Test
    void aBodyThatContradictsItsContentTypeIsAProtocolError() {
        StubImages.Doc manifest = StubImages.manifest(StubImages.config(Arch.X86_64, LABELS));
        onRegistry(TAG_PATH, GhcrStubs.manifestResponse(manifest, MediaTypes.DOCKER_MANIFEST_LIST));

        assertThrows(RegistryProtocolException.class, RegistryClientFailureTest::lookup);
    }

    @Test
    void aGenericContentTypeFallsBackToTheBodysMediaType() {
        StubImages.Doc config = StubImages.config(Arch.X86_64, LABELS);
        StubImages.Doc manifest = StubImages.manifest(config);
        onRegistry(
                TAG_PATH,
                aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(manifest.bytes()));
        onRegistry(
                "/v2/" + REPO + "/blobs/" + config.digest(),
                aResponse().withStatus(200).withBody(config.bytes()));

        assertEquals(LABELS, lookup().platform(AMD64).orElseThrow().labels());
    }

    @Test
    void nullLabelsAreAnEmptyMap() {
        StubImages.Doc config =
                StubImages.Doc.of("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":null},"
                        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}");
        singleImage(config, config.bytes());

        ImageLookup lookup = lookup();

        assertEquals(Map.of(), lookup.platform(AMD64).orElseThrow().labels());
        assertTrue(lookup.platform(Arch.AARCH64.platform()).isEmpty());
    }

    @Test
    void aLabelThatIsNotAStringIsAProtocolError() {
        StubImages.Doc config = StubImages.Doc.of("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":"
                + "{\"custom-coreos.zfs-version\":2.4}}}");
        singleImage(config, config.bytes());

        RegistryProtocolException e = assertThrows(RegistryProtocolException.class, RegistryClientFailureTest::lookup);
        assertTrue(e.getMessage().contains("custom-coreos.zfs-version"), e.getMessage());
    }

    @Test
    void aSingleManifestWithoutAPlatformIsAProtocolError() {
        StubImages.Doc config = StubImages.Doc.of("{\"config\":{\"Labels\":{}}}");
        singleImage(config, config.bytes());

        assertThrows(RegistryProtocolException.class, RegistryClientFailureTest::lookup);
    }

    @Test
    void aDigestOtherThanSha256IsAProtocolError() {
        onRegistry(
                TAG_PATH,
                aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", MediaTypes.OCI_MANIFEST)
                        .withBody("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"" + MediaTypes.OCI_CONFIG
                                + "\",\"digest\":\"sha512:abc\",\"size\":2},\"layers\":[]}"));

        RegistryProtocolException e = assertThrows(RegistryProtocolException.class, RegistryClientFailureTest::lookup);
        assertTrue(e.getMessage().contains("sha256"), e.getMessage());
    }

    @Test
    void endlessRedirectsAreAProtocolError() {
        StubImages.Doc config = StubImages.config(Arch.X86_64, LABELS);
        onRegistry(TAG_PATH, GhcrStubs.manifestResponse(StubImages.manifest(config), MediaTypes.OCI_MANIFEST));
        String blob = "/v2/" + REPO + "/blobs/" + config.digest();
        onRegistry(blob, aResponse().withStatus(302).withHeader("Location", blob));

        RegistryProtocolException e = assertThrows(RegistryProtocolException.class, RegistryClientFailureTest::lookup);
        assertTrue(e.getMessage().contains("redirected more than 5 times"), e.getMessage());
        assertEquals(
                6, stubs.registry.findAll(getRequestedFor(urlPathEqualTo(blob))).size());
    }

    @Test
    void aRedirectToAnUnlistedPlainHttpHostIsRefused() {
        StubImages.Doc config = StubImages.config(Arch.X86_64, LABELS);
        onRegistry(TAG_PATH, GhcrStubs.manifestResponse(StubImages.manifest(config), MediaTypes.OCI_MANIFEST));
        onRegistry(
                "/v2/" + REPO + "/blobs/" + config.digest(),
                aResponse()
                        .withStatus(307)
                        .withHeader(
                                "Location",
                                "http://localhost:" + stubs.storage.port() + "/ghcr1/blobs/" + config.digest()));

        RegistryProtocolException e = assertThrows(RegistryProtocolException.class, RegistryClientFailureTest::lookup);
        assertTrue(e.getMessage().contains("not https"), e.getMessage());
        assertEquals(0, stubs.storage.getAllServeEvents().size());
    }

    @Test
    void anIndexWithoutTheRequestedPlatformLeavesItOut() {
        StubImages.Doc config = StubImages.config(Arch.AARCH64, LABELS);
        StubImages.Doc manifest = StubImages.manifest(config);
        onRegistry(
                TAG_PATH,
                GhcrStubs.manifestResponse(
                        StubImages.index(Map.of(Arch.AARCH64, manifest), true), MediaTypes.OCI_INDEX));
        onRegistry(
                "/v2/" + REPO + "/manifests/" + manifest.digest(),
                GhcrStubs.manifestResponse(manifest, MediaTypes.OCI_MANIFEST));
        onRegistry(
                "/v2/" + REPO + "/blobs/" + config.digest(),
                aResponse().withStatus(200).withBody(config.bytes()));

        ImageLookup lookup = lookup();

        assertTrue(lookup.platform(AMD64).isEmpty());
        assertEquals(
                LABELS, lookup.platform(Arch.AARCH64.platform()).orElseThrow().labels());
        assertTrue(lookup.absence().isEmpty());
    }

    @Test
    void aRegistryThatCannotBeReachedIsUnavailable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String host = "127.0.0.1:" + port;
        RegistryClient client = new RegistryClient(stubs.http(), Set.of(host), Map.of());

        RegistryUnavailableException e = assertThrows(
                RegistryUnavailableException.class,
                () -> client.lookup(ImageReference.parse(host + "/" + REPO + ":stable"), BOTH));
        assertTrue(e.getMessage().contains(host), e.getMessage());
    }
}
