package dev.coreoswatch.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.UrlConnectionHttp;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.ImageLabels;
import dev.coreoswatch.model.Platform;
import dev.coreoswatch.testing.LocalRegistry;
import dev.coreoswatch.testing.LocalRegistry.Layout;
import dev.coreoswatch.testing.RegistryExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RegistryClient against a real distribution registry seeded by umoci and skopeo. */
class RegistryClientLocalRegistryTest {
    private static final String REPO = "owner/custom-coreos";
    private static final Platform AMD64 = Arch.X86_64.platform();
    private static final Platform ARM64 = Arch.AARCH64.platform();
    private static final List<Platform> BOTH = List.of(AMD64, ARM64);

    @RegisterExtension
    static final RegistryExtension<LocalRegistry> REGISTRY = RegistryExtension.of(LocalRegistry::anonymous);

    private static final LocalRegistry registry = REGISTRY.get();
    private static RegistryClient client;

    static Map<String, String> labels(String coreos, String zfs, String kernel) {
        return Map.of(
                ImageLabels.COREOS_VERSION, coreos, ImageLabels.ZFS_VERSION, zfs, ImageLabels.KERNEL_VERSION, kernel);
    }

    @BeforeAll
    static void start() {
        registry.seed()
                .image(
                        REPO,
                        "stable",
                        Layout.OCI_INDEX,
                        Map.of(
                                Arch.X86_64, labels("43.20251110.3.1", "2.3.5", "6.17.7-300.fc43.x86_64"),
                                Arch.AARCH64, labels("43.20251110.3.1", "2.3.5", "6.17.7-300.fc43.aarch64")))
                .image(
                        REPO,
                        "testing",
                        Layout.DOCKER_MANIFEST_LIST,
                        Map.of(
                                Arch.X86_64, labels("43.20251203.2.0", "2.3.6", "6.17.9-300.fc43.x86_64"),
                                Arch.AARCH64, labels("43.20251203.2.0", "2.3.6", "6.17.9-300.fc43.aarch64")))
                .image(
                        REPO,
                        "next",
                        Layout.OCI_MANIFEST,
                        Map.of(Arch.X86_64, labels("44.20260115.1.0", "2.4.1", "6.18.3-200.fc44.x86_64")))
                .image(
                        REPO,
                        "next-arm",
                        Layout.DOCKER_MANIFEST,
                        Map.of(Arch.AARCH64, labels("44.20260115.1.0", "2.4.1", "6.18.3-200.fc44.aarch64")))
                .image(
                        REPO,
                        "mixed",
                        Layout.OCI_INDEX,
                        Map.of(
                                Arch.X86_64, labels("43.20251110.3.1", "2.3.5", "6.17.7-300.fc43.x86_64"),
                                Arch.AARCH64, labels("42.20250929.3.0", "2.3.4", "6.16.8-200.fc42.aarch64")))
                .image(
                        REPO,
                        "attested",
                        Layout.OCI_INDEX_WITH_ATTESTATION,
                        Map.of(
                                Arch.X86_64, labels("43.20251024.3.0", "2.3.4", "6.17.4-300.fc43.x86_64"),
                                Arch.AARCH64, labels("43.20251024.3.0", "2.3.4", "6.17.4-300.fc43.aarch64")))
                .image(
                        REPO,
                        "buildx-attested",
                        Layout.OCI_INDEX_WITH_BUILDX_ATTESTATIONS,
                        Map.of(
                                Arch.X86_64, labels("43.20260331.3.1", "2.4.3", "6.19.10-200.fc43.x86_64"),
                                Arch.AARCH64, labels("43.20260331.3.1", "2.4.3", "6.19.10-200.fc43.aarch64")))
                .image(REPO, "unlabelled", Layout.OCI_INDEX, Map.of(Arch.X86_64, Map.of(), Arch.AARCH64, Map.of()))
                .push();
        Http http = new UrlConnectionHttp(Http.Limits.DEFAULT);
        client = new RegistryClient(http, registry.plainHttpHosts(), Map.of());
    }

    @Test
    void readsEachPlatformsLabelsFromAnOciIndex() {
        ImageLookup lookup = client.lookup(registry.image(REPO, "stable"), BOTH);

        assertTrue(lookup.absence().isEmpty());
        assertTrue(lookup.digest().orElseThrow().startsWith("sha256:"));
        assertEquals(
                labels("43.20251110.3.1", "2.3.5", "6.17.7-300.fc43.x86_64"),
                lookup.platform(AMD64).orElseThrow().labels());
        assertEquals(
                labels("43.20251110.3.1", "2.3.5", "6.17.7-300.fc43.aarch64"),
                lookup.platform(ARM64).orElseThrow().labels());
        assertNotEquals(
                lookup.platform(AMD64).orElseThrow().manifestDigest(),
                lookup.platform(ARM64).orElseThrow().manifestDigest());
        assertNotEquals(
                lookup.digest().orElseThrow(),
                lookup.platform(AMD64).orElseThrow().manifestDigest());
    }

    @Test
    void readsADockerManifestList() {
        ImageLookup lookup = client.lookup(registry.image(REPO, "testing"), BOTH);

        assertEquals(
                "6.17.9-300.fc43.x86_64",
                lookup.platform(AMD64).orElseThrow().labels().get(ImageLabels.KERNEL_VERSION));
        assertEquals(
                "6.17.9-300.fc43.aarch64",
                lookup.platform(ARM64).orElseThrow().labels().get(ImageLabels.KERNEL_VERSION));
        assertEquals("2.3.6", lookup.platform(ARM64).orElseThrow().labels().get(ImageLabels.ZFS_VERSION));
    }

    @Test
    void aSingleArchManifestCountsOnlyForItsOwnPlatform() {
        ImageLookup amd = client.lookup(registry.image(REPO, "next"), BOTH);
        assertEquals(
                labels("44.20260115.1.0", "2.4.1", "6.18.3-200.fc44.x86_64"),
                amd.platform(AMD64).orElseThrow().labels());
        assertTrue(amd.platform(ARM64).isEmpty());
        assertEquals(amd.digest(), amd.platform(AMD64).map(PlatformImage::manifestDigest));

        ImageLookup arm = client.lookup(registry.image(REPO, "next-arm"), BOTH);
        assertTrue(arm.platform(AMD64).isEmpty());
        assertEquals(
                "6.18.3-200.fc44.aarch64",
                arm.platform(ARM64).orElseThrow().labels().get(ImageLabels.KERNEL_VERSION));
    }

    @Test
    void aMissingTagIsAbsentNotAnError() {
        ImageLookup lookup = client.lookup(registry.image(REPO, "no-such-tag"), BOTH);

        assertTrue(lookup.absence().isPresent());
        assertTrue(
                lookup.absence().get().contains("no-such-tag"), lookup.absence().get());
        assertTrue(lookup.platforms().isEmpty());
        assertTrue(lookup.digest().isEmpty());
    }

    @Test
    void aMissingRepositoryIsAbsentNotAnError() {
        ImageLookup lookup = client.lookup(registry.image("owner/never-pushed", "stable"), BOTH);

        assertTrue(lookup.absence().isPresent());
        assertTrue(lookup.platforms().isEmpty());
    }

    @Test
    void platformsOfOneIndexMayCarryDifferentLabels() {
        ImageLookup lookup = client.lookup(registry.image(REPO, "mixed"), BOTH);

        assertEquals(
                "43.20251110.3.1", lookup.platform(AMD64).orElseThrow().labels().get(ImageLabels.COREOS_VERSION));
        assertEquals(
                "42.20250929.3.0", lookup.platform(ARM64).orElseThrow().labels().get(ImageLabels.COREOS_VERSION));
        assertEquals("2.3.4", lookup.platform(ARM64).orElseThrow().labels().get(ImageLabels.ZFS_VERSION));
    }

    @Test
    void skipsTheUnknownAttestationEntry() {
        ImageLookup lookup = client.lookup(registry.image(REPO, "attested"), BOTH);

        assertEquals(
                labels("43.20251024.3.0", "2.3.4", "6.17.4-300.fc43.x86_64"),
                lookup.platform(AMD64).orElseThrow().labels());
        assertEquals(
                labels("43.20251024.3.0", "2.3.4", "6.17.4-300.fc43.aarch64"),
                lookup.platform(ARM64).orElseThrow().labels());
        assertFalse(lookup.platform(AMD64).orElseThrow().labels().containsKey(LocalRegistry.ATTESTATION_LABEL));
    }

    /**
     * The index a build with attestations pushes (buildx's own, or one merged by imagetools): besides each platform's
     * manifest, an unknown/unknown attestation manifest per platform whose layers are in-toto statements. Only the
     * platform images count; the attestations' configs are never read as labels.
     */
    @Test
    void readsOnlyThePlatformImagesOfAnIndexWithBuildxAttestations() throws Exception {
        JsonNode index = rawIndex("buildx-attested");
        List<JsonNode> attestations = new ArrayList<>();
        index.get("manifests").forEach(m -> {
            if (m.path("platform").path("os").asText().equals("unknown")) {
                attestations.add(m);
            }
        });
        assertEquals(4, index.get("manifests").size(), index.toString());
        assertEquals(2, attestations.size(), "the registry holds the attestation-shaped index as pushed: " + index);

        ImageLookup lookup = client.lookup(registry.image(REPO, "buildx-attested"), BOTH);

        assertEquals(Set.of(AMD64, ARM64), lookup.platforms().keySet());
        assertEquals(
                labels("43.20260331.3.1", "2.4.3", "6.19.10-200.fc43.x86_64"),
                lookup.platform(AMD64).orElseThrow().labels());
        assertEquals(
                labels("43.20260331.3.1", "2.4.3", "6.19.10-200.fc43.aarch64"),
                lookup.platform(ARM64).orElseThrow().labels());
        Set<String> subjects = new HashSet<>();
        for (JsonNode attestation : attestations) {
            assertEquals(
                    "attestation-manifest",
                    attestation
                            .path("annotations")
                            .path("vnd.docker.reference.type")
                            .asText());
            subjects.add(attestation
                    .path("annotations")
                    .path("vnd.docker.reference.digest")
                    .asText());
        }
        assertEquals(
                Set.of(
                        lookup.platform(AMD64).orElseThrow().manifestDigest(),
                        lookup.platform(ARM64).orElseThrow().manifestDigest()),
                subjects,
                "each platform read is the subject of an attestation, never the attestation itself");
    }

    /** The index as the registry serves it. */
    private static JsonNode rawIndex(String tag) throws Exception {
        HttpRequest get = HttpRequest.newBuilder(
                        URI.create("http://" + registry.hostPort() + "/v2/" + REPO + "/manifests/" + tag))
                .header("Accept", "application/vnd.oci.image.index.v1+json")
                .timeout(Duration.ofSeconds(5))
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(get, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return new ObjectMapper().readTree(response.body());
        }
    }

    @Test
    void anImageWithoutLabelsHasAnEmptyLabelMap() {
        ImageLookup lookup = client.lookup(registry.image(REPO, "unlabelled"), BOTH);

        assertEquals(Map.of(), lookup.platform(AMD64).orElseThrow().labels());
        assertEquals(Map.of(), lookup.platform(ARM64).orElseThrow().labels());
    }

    @Test
    void aReferenceByDigestReadsTheSameImage() {
        ImageLookup byTag = client.lookup(registry.image(REPO, "mixed"), BOTH);
        ImageReference byDigest = ImageReference.parse(
                registry.hostPort() + "/" + REPO + "@" + byTag.digest().orElseThrow());

        ImageLookup lookup = client.lookup(byDigest, BOTH);

        assertEquals(byTag.platforms(), lookup.platforms());
        assertEquals(byTag.digest(), lookup.digest());
    }

    @Test
    void onlyTheRequestedPlatformsAreRead() {
        ImageLookup lookup = client.lookup(registry.image(REPO, "stable"), List.of(ARM64, Arch.S390X.platform()));

        assertEquals(Map.of(ARM64, lookup.platform(ARM64).orElseThrow()), lookup.platforms());
    }
}
