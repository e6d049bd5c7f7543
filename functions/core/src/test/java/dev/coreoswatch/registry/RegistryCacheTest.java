package dev.coreoswatch.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.coreoswatch.registry.GhcrStubs.REPO;
import static dev.coreoswatch.registry.GhcrStubs.SCOPE;
import static dev.coreoswatch.registry.GhcrStubs.SERVICE;
import static dev.coreoswatch.registry.GhcrStubs.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.ImageLabels;
import dev.coreoswatch.model.Platform;
import dev.coreoswatch.pipeline.BoundedParallel;
import dev.coreoswatch.testing.RegistryExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The registry side of the request economy on ghcr-shaped stubs: a tag is confirmed by one HEAD,
 * anything short of a clear digest falls back to the GET that classifies, refusals still throw,
 * and tokens are fetched once however many lookups need one.
 */
class RegistryCacheTest {
    private static final List<Platform> BOTH = List.of(Arch.X86_64.platform(), Arch.AARCH64.platform());
    private static final String TAG_PATH = "/v2/" + REPO + "/manifests/stable";

    @RegisterExtension
    static final RegistryExtension<GhcrStubs> STUBS = RegistryExtension.of(GhcrStubs::new);

    private static final GhcrStubs stubs = STUBS.get();

    @BeforeEach
    void reset() {
        stubs.reset();
        stubs.requireBearer();
        stubs.issueToken();
    }

    private static Map<Arch, Map<String, String>> labels(String coreos) {
        return Map.of(
                Arch.X86_64,
                        Map.of(
                                ImageLabels.COREOS_VERSION,
                                coreos,
                                ImageLabels.ZFS_VERSION,
                                "2.5.2",
                                ImageLabels.KERNEL_VERSION,
                                "7.2.4-200.fc44.x86_64"),
                Arch.AARCH64,
                        Map.of(
                                ImageLabels.COREOS_VERSION,
                                coreos,
                                ImageLabels.ZFS_VERSION,
                                "2.5.2",
                                ImageLabels.KERNEL_VERSION,
                                "7.2.4-200.fc44.aarch64"));
    }

    private static long registryRequests(String method) {
        return stubs.registry.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getMethod().getName().equals(method))
                .count();
    }

    /** The tag's HEAD answers {@code status} with these headers, whatever GET says. */
    private static void headAnswers(int status, String... headers) {
        var response = aResponse().withStatus(status);
        for (int i = 0; i < headers.length; i += 2) {
            response = response.withHeader(headers[i], headers[i + 1]);
        }
        stubs.registry.stubFor(head(urlPathEqualTo(TAG_PATH))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .atPriority(1)
                .willReturn(response));
    }

    @Test
    void aHeadWithoutADigestFallsBackToTheManifestGet() {
        stubs.serve("stable", labels("44.20260818.2.0"), false);
        RegistryClient client = stubs.client();
        client.lookup(stubs.image("stable"), BOTH);
        headAnswers(200, "Content-Type", MediaTypes.OCI_INDEX); // a registry that leaves Docker-Content-Digest out
        stubs.registry.resetRequests();

        ImageLookup lookup = client.lookup(stubs.image("stable"), BOTH);

        assertEquals(
                "44.20260818.2.0",
                lookup.platform(Arch.AARCH64.platform()).orElseThrow().labels().get(ImageLabels.COREOS_VERSION));
        assertEquals(1, registryRequests("HEAD"));
        assertEquals(1, registryRequests("GET")); // the tag; its children and configs are known by digest
        stubs.registry.verify(1, getRequestedFor(urlPathEqualTo(TAG_PATH)));
    }

    @Test
    void aRegistryThatDoesNotAllowHeadIsReadWithGet() {
        stubs.serve("stable", labels("44.20260818.2.0"), false);
        RegistryClient client = stubs.client();
        client.lookup(stubs.image("stable"), BOTH);
        headAnswers(405);
        stubs.registry.resetRequests();

        ImageLookup lookup = client.lookup(stubs.image("stable"), BOTH);

        assertEquals(2, lookup.platforms().size());
        stubs.registry.verify(1, getRequestedFor(urlPathEqualTo(TAG_PATH)));
    }

    @Test
    void aTagThatIsGoneIsAbsentAndForgotten() {
        stubs.serve("stable", labels("44.20260818.2.0"), false);
        RegistryClient client = stubs.client();
        client.lookup(stubs.image("stable"), BOTH);
        stubs.onRegistry(
                TAG_PATH,
                aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}"));
        stubs.registry.resetRequests();

        ImageLookup gone = client.lookup(stubs.image("stable"), BOTH);
        ImageLookup stillGone = client.lookup(stubs.image("stable"), BOTH);

        assertTrue(
                gone.absence().orElseThrow().contains("manifest unknown"),
                gone.absence().toString());
        assertTrue(stillGone.absence().isPresent());
        // HEAD (404: cannot tell) and GET (MANIFEST_UNKNOWN) once; then the tag is no longer known, so just the GET
        assertEquals(1, registryRequests("HEAD"));
        assertEquals(2, registryRequests("GET"));
    }

    @Test
    void aRefusedHeadIsAnAuthenticationErrorNotARetryWithGet() {
        stubs.serve("stable", labels("44.20260818.2.0"), false);
        RegistryClient client = stubs.client();
        client.lookup(stubs.image("stable"), BOTH);
        headAnswers(403, "Content-Type", "application/json");
        stubs.registry.resetRequests();

        RegistryAuthenticationException e =
                assertThrows(RegistryAuthenticationException.class, () -> client.lookup(stubs.image("stable"), BOTH));

        assertTrue(e.getMessage().contains("403"), e.getMessage());
        assertEquals(0, registryRequests("GET"));
    }

    @Test
    void aTokenTheRegistryStopsAcceptingIsReplacedOnce() {
        stubs.serve("stable", labels("44.20260818.2.0"), false);
        RegistryClient client = stubs.client();
        String digest = client.lookup(stubs.image("stable"), BOTH).digest().orElseThrow();
        // The registry revokes the token long before its assumed 5 minutes: our cached one now earns a 401.
        String renewed = "djE6b3duZXIvY3VzdG9tLWNvcmVvczoxNzY0MjA5OTk5";
        stubs.reset();
        stubs.requireBearer();
        stubs.realmAnswers("{\"token\":\"" + renewed + "\"}");
        stubs.registry.stubFor(head(urlPathEqualTo(TAG_PATH))
                .withHeader("Authorization", equalTo("Bearer " + renewed))
                .atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Docker-Content-Digest", digest)));

        ImageLookup lookup = client.lookup(stubs.image("stable"), BOTH);

        assertEquals(2, lookup.platforms().size());
        assertEquals(
                1,
                stubs.realm.findAll(getRequestedFor(urlPathEqualTo("/token"))).size());
        assertEquals(2, registryRequests("HEAD")); // the refused one and the one with the new token
        assertEquals(0, registryRequests("GET"));
    }

    @Test
    void lookupsSideBySideShareOneTokenFetch() {
        List<String> tags = List.of("stable", "testing", "next", "candidate");
        tags.forEach(tag -> stubs.serve(tag, labels("45.20260820.1.0"), false));
        // A slow realm, so that every lookup is waiting for a token at the same time.
        stubs.realm.stubFor(get(urlPathEqualTo("/token"))
                .withQueryParam("service", equalTo(SERVICE))
                .withQueryParam("scope", equalTo(SCOPE))
                .willReturn(okJson("{\"token\":\"" + TOKEN + "\"}").withFixedDelay(300)));
        RegistryClient client = stubs.client();

        List<ImageLookup> lookups = new BoundedParallel(4).map(tags, tag -> client.lookup(stubs.image(tag), BOTH));

        assertEquals(4, lookups.stream().filter(l -> l.platforms().size() == 2).count());
        assertEquals(
                1,
                stubs.realm.findAll(getRequestedFor(urlPathEqualTo("/token"))).size());
        assertTrue(stubs.registry.findAll(headRequestedFor(anyUrl())).isEmpty(), "nothing cached yet, so no HEAD");
    }
}
