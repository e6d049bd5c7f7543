package dev.coreoswatch.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.coreoswatch.registry.GhcrStubs.REPO;
import static dev.coreoswatch.registry.GhcrStubs.SCOPE;
import static dev.coreoswatch.registry.GhcrStubs.SERVICE;
import static dev.coreoswatch.registry.GhcrStubs.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.ImageLabels;
import dev.coreoswatch.model.Platform;
import dev.coreoswatch.model.Secret;
import dev.coreoswatch.testing.RegistryExtension;
import dev.coreoswatch.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ghcr-style Bearer flow: challenge, token realm, token reuse, blob redirects, and where credentials go. */
class RegistryClientTokenFlowTest {
    private static final Platform AMD64 = Arch.X86_64.platform();
    private static final Platform ARM64 = Arch.AARCH64.platform();
    private static final List<Platform> BOTH = List.of(AMD64, ARM64);
    private static final RegistryCredentials CREDENTIALS =
            new RegistryCredentials("ci-bot", new Secret("ghp_R3adPackagesOnly0123456789abcdefABCD"));
    private static final String BASIC = "Basic "
            + Base64.getEncoder()
                    .encodeToString("ci-bot:ghp_R3adPackagesOnly0123456789abcdefABCD".getBytes(StandardCharsets.UTF_8));

    @RegisterExtension
    static final RegistryExtension<GhcrStubs> STUBS = RegistryExtension.of(GhcrStubs::new);

    private static final GhcrStubs stubs = STUBS.get();

    @BeforeEach
    void reset() {
        stubs.reset();
    }

    private static Map<Arch, Map<String, String>> labels() {
        return Map.of(
                Arch.X86_64,
                        Map.of(
                                ImageLabels.COREOS_VERSION,
                                "44.20260621.3.2",
                                ImageLabels.ZFS_VERSION,
                                "2.4.2",
                                ImageLabels.KERNEL_VERSION,
                                "6.19.14-300.fc44.x86_64",
                                "ostree.linux",
                                "6.19.14-300.fc44.x86_64"),
                Arch.AARCH64,
                        Map.of(
                                ImageLabels.COREOS_VERSION,
                                "44.20260621.3.2",
                                ImageLabels.ZFS_VERSION,
                                "2.4.2",
                                ImageLabels.KERNEL_VERSION,
                                "6.19.14-300.fc44.aarch64"));
    }

    private static List<LoggedRequest> tokenRequests() {
        return stubs.realm.findAll(getRequestedFor(urlPathEqualTo("/token")));
    }

    @Test
    void anonymousTokenFlowReadsTheLabelsOfEachPlatform() {
        stubs.requireBearer();
        stubs.issueToken();
        stubs.serve("stable", labels(), false);

        ImageLookup lookup = stubs.client().lookup(stubs.image("stable"), BOTH);

        assertEquals(
                labels().get(Arch.X86_64), lookup.platform(AMD64).orElseThrow().labels());
        assertEquals(
                labels().get(Arch.AARCH64), lookup.platform(ARM64).orElseThrow().labels());
        List<LoggedRequest> tokens = tokenRequests();
        assertEquals(1, tokens.size());
        assertEquals(SERVICE, tokens.get(0).queryParameter("service").firstValue());
        assertEquals(SCOPE, tokens.get(0).queryParameter("scope").firstValue());
        assertTrue(!tokens.get(0).containsHeader("Authorization"), "anonymous token request carried Authorization");
    }

    @Test
    void theTokenIsReusedForLaterRequestsAndLookups() {
        stubs.requireBearer();
        stubs.issueToken();
        stubs.serve("stable", labels(), false);
        RegistryClient client = stubs.client();

        client.lookup(stubs.image("stable"), BOTH);
        client.lookup(stubs.image("stable"), BOTH);

        assertEquals(1, tokenRequests().size());
        // Only the very first request went out without a token: later ones carried it up front.
        assertEquals(
                1,
                stubs.registry
                        .findAll(anyRequestedFor(anyUrl()).withoutHeader("Authorization"))
                        .size());
        // The challenged request, then index + 2 manifests + 2 configs; the second lookup is one HEAD
        // (the tag has not moved, and everything below it is cached by digest).
        assertEquals(7, stubs.registry.getAllServeEvents().size());
        assertEquals(
                1,
                stubs.registry
                        .findAll(headRequestedFor(urlPathEqualTo("/v2/" + REPO + "/manifests/stable"))
                                .withHeader("Authorization", equalTo("Bearer " + TOKEN)))
                        .size());
    }

    @Test
    void aTokenWithoutExpiresInIsRenewedAfterFiveMinutes() {
        stubs.requireBearer();
        stubs.issueToken(); // ghcr sends no expires_in: we assume Docker's 5 minutes (BearerToken explains why)
        stubs.serve("stable", labels(), false);
        TestClock clock = new TestClock(Instant.parse("2026-11-27T01:00:00Z"));
        RegistryClient client = new RegistryClient(stubs.http(), stubs.plainHttpHosts(), Map.of(), clock);

        client.lookup(stubs.image("stable"), BOTH);
        clock.advance(Duration.ofSeconds(280));
        client.lookup(stubs.image("stable"), BOTH);
        assertEquals(1, tokenRequests().size());

        clock.advance(Duration.ofSeconds(15)); // within the 10 s margin before 5 minutes are up
        client.lookup(stubs.image("stable"), BOTH);
        assertEquals(2, tokenRequests().size());
    }

    @Test
    void expiresInFromTheRealmSetsTheTokenLifetime() {
        stubs.requireBearer();
        stubs.realmAnswers("{\"token\":\"" + TOKEN + "\",\"expires_in\":120,\"issued_at\":\"2026-11-27T01:00:00Z\"}");
        stubs.serve("stable", labels(), false);
        TestClock clock = new TestClock(Instant.parse("2026-11-27T01:00:00Z"));
        RegistryClient client = new RegistryClient(stubs.http(), stubs.plainHttpHosts(), Map.of(), clock);

        client.lookup(stubs.image("stable"), BOTH);
        clock.advance(Duration.ofSeconds(100));
        client.lookup(stubs.image("stable"), BOTH);
        assertEquals(1, tokenRequests().size());

        clock.advance(Duration.ofSeconds(15)); // 115 s: past 120 s less the margin, well short of the default
        client.lookup(stubs.image("stable"), BOTH);
        assertEquals(2, tokenRequests().size());
    }

    @Test
    void acceptsAnOAuthStyleAccessToken() {
        stubs.requireBearer();
        stubs.realmAnswers("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":300}");
        stubs.serve("stable", labels(), false);

        ImageLookup lookup = stubs.client().lookup(stubs.image("stable"), BOTH);

        assertEquals("2.4.2", lookup.platform(ARM64).orElseThrow().labels().get(ImageLabels.ZFS_VERSION));
    }

    @Test
    void credentialsGoAsBasicToTheTokenRealmAndNeverToTheRegistry() {
        stubs.requireBearer();
        stubs.realm.stubFor(get(urlPathEqualTo("/token"))
                .withHeader("Authorization", equalTo(BASIC))
                .withQueryParam("scope", equalTo(SCOPE))
                .willReturn(okJson("{\"token\":\"" + TOKEN + "\"}")));
        stubs.serve("stable", labels(), true);
        RegistryClient client =
                new RegistryClient(stubs.http(), stubs.plainHttpHosts(), Map.of(stubs.registryHost(), CREDENTIALS));

        ImageLookup lookup = client.lookup(stubs.image("stable"), BOTH);

        assertEquals(
                labels().get(Arch.X86_64), lookup.platform(AMD64).orElseThrow().labels());
        assertEquals(
                1,
                stubs.realm
                        .findAll(getRequestedFor(urlPathEqualTo("/token")).withHeader("Authorization", equalTo(BASIC)))
                        .size());
        assertEquals(
                0,
                stubs.registry
                        .findAll(anyRequestedFor(anyUrl()).withHeader("Authorization", equalTo(BASIC)))
                        .size());
        assertEquals(
                0,
                stubs.storage
                        .findAll(anyRequestedFor(anyUrl()).withHeader("Authorization", WireMock.matching(".*")))
                        .size());
    }

    @Test
    void aBlobRedirectToStorageIsFollowedWithoutAuthorization() {
        stubs.requireBearer();
        stubs.issueToken();
        GhcrStubs.Served served = stubs.serve("stable", labels(), true);

        ImageLookup lookup = stubs.client().lookup(stubs.image("stable"), BOTH);

        assertEquals(
                served.configs().get(Arch.AARCH64).digest(),
                lookup.platform(ARM64).orElseThrow().configDigest());
        assertEquals(
                labels().get(Arch.AARCH64), lookup.platform(ARM64).orElseThrow().labels());
        List<LoggedRequest> storageRequests =
                stubs.storage.findAll(getRequestedFor(urlPathMatching("/ghcr1/blobs/.*")));
        assertEquals(2, storageRequests.size());
        for (LoggedRequest request : storageRequests) {
            assertTrue(!request.containsHeader("Authorization"), "storage got Authorization");
            assertEquals("Zm9vYmFyc2lnbmF0dXJl", request.queryParameter("sig").firstValue());
        }
        // the registry's own blob endpoint did get the token
        assertEquals(
                2,
                stubs.registry
                        .findAll(getRequestedFor(urlPathMatching("/v2/" + REPO + "/blobs/.*"))
                                .withHeader("Authorization", equalTo("Bearer " + TOKEN)))
                        .size());
    }

    @Test
    void aRedirectWithinTheRegistryKeepsAuthorization() {
        stubs.requireBearer();
        stubs.issueToken();
        StubImages.Doc config = StubImages.config(Arch.X86_64, labels().get(Arch.X86_64));
        StubImages.Doc manifest = StubImages.manifest(config);
        stubs.onRegistry(
                "/v2/" + REPO + "/manifests/stable", GhcrStubs.manifestResponse(manifest, MediaTypes.OCI_MANIFEST));
        stubs.onRegistry(
                "/v2/" + REPO + "/blobs/" + config.digest(),
                aResponse().withStatus(302).withHeader("Location", "/v2/" + REPO + "/storage/" + config.digest()));
        stubs.onRegistry(
                "/v2/" + REPO + "/storage/" + config.digest(),
                aResponse().withStatus(200).withBody(config.bytes()));

        ImageLookup lookup = stubs.client().lookup(stubs.image("stable"), BOTH);

        assertEquals(
                labels().get(Arch.X86_64), lookup.platform(AMD64).orElseThrow().labels());
    }

    @Test
    void credentialsNeverReachAThirdHost() {
        // The storage server plays a second registry whose challenge names the same realm. The
        // credentials are configured for the first registry only: neither host may see them.
        String otherChallenge = "Bearer realm=\"http://" + GhcrStubs.hostPort(stubs.realm) + "/token\",service=\""
                + SERVICE + "\",scope=\"" + SCOPE + "\"";
        stubs.storage.stubFor(WireMock.any(urlPathMatching("/v2/.*"))
                .atPriority(10)
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("WWW-Authenticate", otherChallenge)
                        .withBody(GhcrStubs.UNAUTHORIZED)));
        stubs.issueToken();
        StubImages.Doc config = StubImages.config(Arch.X86_64, labels().get(Arch.X86_64));
        StubImages.Doc manifest = StubImages.manifest(config);
        stubs.storage.stubFor(get(urlPathEqualTo("/v2/" + REPO + "/manifests/stable"))
                .atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(GhcrStubs.manifestResponse(manifest, MediaTypes.OCI_MANIFEST)));
        stubs.storage.stubFor(get(urlPathEqualTo("/v2/" + REPO + "/blobs/" + config.digest()))
                .atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(200).withBody(config.bytes())));
        RegistryClient client =
                new RegistryClient(stubs.http(), stubs.plainHttpHosts(), Map.of(stubs.registryHost(), CREDENTIALS));

        ImageLookup lookup =
                client.lookup(ImageReference.parse(GhcrStubs.hostPort(stubs.storage) + "/" + REPO + ":stable"), BOTH);

        assertEquals(
                labels().get(Arch.X86_64), lookup.platform(AMD64).orElseThrow().labels());
        for (LoggedRequest request : stubs.allRequests()) {
            String authorization = request.getHeader("Authorization");
            assertTrue(
                    authorization == null || authorization.equals("Bearer " + TOKEN),
                    "unexpected Authorization on " + request.getUrl());
        }
        assertEquals(1, tokenRequests().size());
    }

    @Test
    void aPlainHttpRealmThatIsNotListedIsNeverContacted() {
        String challenge =
                "Bearer realm=\"http://localhost:" + stubs.realm.port() + "/token\",service=\"" + SERVICE + "\"";
        stubs.registry.stubFor(WireMock.any(urlPathMatching("/v2/.*"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("WWW-Authenticate", challenge)
                        .withBody(GhcrStubs.UNAUTHORIZED)));
        stubs.issueToken();
        RegistryClient client =
                new RegistryClient(stubs.http(), stubs.plainHttpHosts(), Map.of(stubs.registryHost(), CREDENTIALS));

        RegistryAuthenticationException e =
                assertThrows(RegistryAuthenticationException.class, () -> client.lookup(stubs.image("stable"), BOTH));

        assertTrue(e.getMessage().contains("registry.plain-http"), e.getMessage());
        assertTrue(e.getMessage().contains("localhost:" + stubs.realm.port()), e.getMessage());
        assertEquals(0, stubs.realm.getAllServeEvents().size());
    }

    @Test
    void aRegistryThatRefusesTheTokenIsAnAuthenticationError() {
        stubs.requireBearer(); // answers 401 to every request, the token included
        stubs.issueToken();

        RegistryAuthenticationException e = assertThrows(
                RegistryAuthenticationException.class, () -> stubs.client().lookup(stubs.image("stable"), BOTH));

        assertTrue(e.getMessage().contains(stubs.registryHost()), e.getMessage());
        assertTrue(e.getMessage().contains(REPO), e.getMessage());
        assertTrue(e.getMessage().contains("401"), e.getMessage());
        assertTrue(e.getMessage().contains("UNAUTHORIZED"), e.getMessage());
        assertTrue(!e.getMessage().contains(TOKEN), e.getMessage());
    }

    @Test
    void aDeniedPullIsAnAuthenticationErrorWithTheRegistrysCode() {
        stubs.requireBearer();
        stubs.issueToken();
        stubs.onRegistry(
                "/v2/" + REPO + "/manifests/stable",
                aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}"));

        RegistryAuthenticationException e = assertThrows(
                RegistryAuthenticationException.class, () -> stubs.client().lookup(stubs.image("stable"), BOTH));

        assertTrue(e.getMessage().contains("403"), e.getMessage());
        assertTrue(e.getMessage().contains("DENIED"), e.getMessage());
        assertTrue(e.getMessage().contains("registry.username"), e.getMessage());
    }

    @Test
    void aRealmThatRefusesAnonymousAccessNamesTheCredentialKeys() {
        stubs.requireBearer();
        stubs.realm.stubFor(get(urlPathEqualTo("/token"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody(GhcrStubs.UNAUTHORIZED)));

        RegistryAuthenticationException e = assertThrows(
                RegistryAuthenticationException.class, () -> stubs.client().lookup(stubs.image("stable"), BOTH));

        assertTrue(e.getMessage().contains("registry.username"), e.getMessage());
        assertTrue(e.getMessage().contains("anonymous"), e.getMessage());
    }

    @Test
    void aTokenResponseWithoutATokenIsAProtocolError() {
        stubs.requireBearer();
        stubs.realmAnswers("{\"expires_in\":300}");

        RegistryProtocolException e = assertThrows(
                RegistryProtocolException.class, () -> stubs.client().lookup(stubs.image("stable"), BOTH));

        assertTrue(e.getMessage().contains("neither token nor access_token"), e.getMessage());
    }

    @Test
    void aRealmOutageIsUnavailable() {
        stubs.requireBearer();
        stubs.realm.stubFor(get(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(503)));

        assertThrows(RegistryUnavailableException.class, () -> stubs.client().lookup(stubs.image("stable"), BOTH));
        assertEquals(3, tokenRequests().size()); // RetryingHttp tried three times
    }

    @Test
    void a401WithoutAChallengeIsAnAuthenticationError() {
        stubs.registry.stubFor(get(urlPathMatching("/v2/.*"))
                .willReturn(aResponse().withStatus(401).withBody(GhcrStubs.UNAUTHORIZED)));

        RegistryAuthenticationException e = assertThrows(
                RegistryAuthenticationException.class, () -> stubs.client().lookup(stubs.image("stable"), BOTH));

        assertTrue(e.getMessage().contains("no Bearer or Basic challenge"), e.getMessage());
    }
}
