package dev.coreoswatch.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.Platform;
import dev.coreoswatch.model.Secret;
import dev.coreoswatch.testing.RegistryExtension;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GHCR denies an anonymous read of a package that does not exist yet, or is private, instead of
 * saying NAME_UNKNOWN (docs/contract.md section 7). Without credentials that is a {@link RegistryDeniedException}
 * (the inspector makes it "not visible"); with credentials configured it is an ordinary refusal.
 */
class RegistryDenialTest {
    private static final List<Platform> BOTH = List.of(Arch.X86_64.platform(), Arch.AARCH64.platform());
    private static final String PASSWORD = "ghp_R3adPackagesOnly0123456789abcdefABCD";

    @RegisterExtension
    static final RegistryExtension<GhcrStubs> STUBS = RegistryExtension.of(GhcrStubs::new);

    private static final GhcrStubs stubs = STUBS.get();

    @BeforeEach
    void reset() {
        stubs.reset();
    }

    private static ImageLookup anonymousLookup() {
        return stubs.client().lookup(stubs.image("stable"), BOTH);
    }

    /** Credentials for the registry, read through {@code reads} when first needed. */
    private static RegistryClient withCredentials(AtomicInteger reads) {
        Supplier<RegistryCredentials> secret = () -> {
            reads.incrementAndGet();
            return new RegistryCredentials("ci-bot", new Secret(PASSWORD));
        };
        return RegistryClient.readingCredentialsOnFirstUse(
                stubs.http(),
                stubs.plainHttpHosts(),
                Map.of(stubs.registryHost(), secret),
                Clock.systemUTC(),
                new RegistryCache());
    }

    @Test
    void theRealmDenyingAnAnonymousTokenIsADenial() {
        stubs.realmDeniesAnonymousReads();

        RegistryDeniedException e = assertThrows(RegistryDeniedException.class, RegistryDenialTest::anonymousLookup);

        assertTrue(e.getMessage().contains("token realm"), e.getMessage());
        assertTrue(
                e.getMessage().contains("403: DENIED \"requested access to the resource is denied\""), e.getMessage());
        assertTrue(e.getMessage().contains("make it public or configure registry credentials"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void theManifestDeniedWithAnAnonymousTokenIsADenial(int status) {
        stubs.manifestDeniesAnonymousReads(status);

        RegistryDeniedException e = assertThrows(RegistryDeniedException.class, RegistryDenialTest::anonymousLookup);

        assertTrue(
                e.getMessage()
                        .contains("registry " + stubs.registryHost() + " denied anonymous access to " + GhcrStubs.REPO),
                e.getMessage());
        assertTrue(e.getMessage().contains(status == 401 ? "UNAUTHORIZED" : "DENIED"), e.getMessage());
    }

    @Test
    void aRefusalWithAnotherBodyIsNotADenial() {
        stubs.requireBearer();
        stubs.issueToken();
        stubs.onRegistry(
                "/v2/" + GhcrStubs.REPO + "/manifests/stable",
                aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html><body>403 Forbidden</body></html>"));

        RegistryAuthenticationException e =
                assertThrows(RegistryAuthenticationException.class, RegistryDenialTest::anonymousLookup);

        assertFalse(e instanceof RegistryDeniedException, e.getMessage());
    }

    @Test
    void withCredentialsTheRealmsDenialIsARefusalNamingTheCredentials() {
        stubs.requireBearer();
        stubs.realm.stubFor(get(urlPathEqualTo("/token"))
                .withHeader("Authorization", matching("Basic .*"))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody(GhcrStubs.DENIED)));
        AtomicInteger reads = new AtomicInteger();

        RegistryAuthenticationException e = assertThrows(
                RegistryAuthenticationException.class,
                () -> withCredentials(reads).lookup(stubs.image("stable"), BOTH));

        assertFalse(e instanceof RegistryDeniedException, e.getMessage());
        assertTrue(e.getMessage().contains("the configured registry credentials"), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
    }

    @Test
    void withCredentialsAManifestDenialIsARefusal() {
        stubs.requireBearer();
        stubs.realm.stubFor(get(urlPathEqualTo("/token"))
                .withHeader("Authorization", matching("Basic .*"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"token\":\"" + GhcrStubs.TOKEN + "\"}")));
        stubs.registry.stubFor(any(urlPathMatching("/v2/.*"))
                .atPriority(1)
                .withHeader("Authorization", matching("Bearer " + GhcrStubs.TOKEN))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody(GhcrStubs.DENIED)));

        RegistryAuthenticationException e = assertThrows(
                RegistryAuthenticationException.class,
                () -> withCredentials(new AtomicInteger()).lookup(stubs.image("stable"), BOTH));

        assertFalse(e instanceof RegistryDeniedException, e.getMessage());
        assertTrue(e.getMessage().contains("403"), e.getMessage());
    }

    @Test
    void credentialsFromASecretAreReadOnceWhenARequestFirstNeedsThem() {
        AtomicInteger reads = new AtomicInteger();
        stubs.requireBearer();
        stubs.realm.stubFor(get(urlPathEqualTo("/token"))
                .withHeader("Authorization", matching("Basic .*"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"token\":\"" + GhcrStubs.TOKEN + "\"}")));
        stubs.serve("stable", Map.of(Arch.X86_64, Map.of(), Arch.AARCH64, Map.of()), false);

        RegistryClient client = withCredentials(reads);
        assertEquals(0, reads.get(), "the secret was read before any request needed it");
        client.lookup(stubs.image("stable"), BOTH);
        client.lookup(stubs.image("stable"), BOTH);

        assertEquals(1, reads.get());
        assertTrue(
                stubs.realm.findAll(getRequestedFor(urlPathEqualTo("/token"))).stream()
                        .allMatch(r -> r.containsHeader("Authorization")),
                "a token was asked for anonymously");
    }

    @Test
    void aSecretThatCannotBeReadIsARegistryErrorAndNoDenial() {
        stubs.realmDeniesAnonymousReads();
        RegistryClient client = RegistryClient.readingCredentialsOnFirstUse(
                stubs.http(),
                stubs.plainHttpHosts(),
                Map.of(stubs.registryHost(), () -> {
                    throw new RegistryAuthenticationException(
                            "the registry credentials secret arn:x cannot be read: AccessDenied");
                }),
                Clock.systemUTC(),
                new RegistryCache());

        RegistryException e = assertThrows(RegistryException.class, () -> client.lookup(stubs.image("stable"), BOTH));

        assertInstanceOf(RegistryAuthenticationException.class, e);
        assertFalse(e instanceof RegistryDeniedException, e.getMessage());
        assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
    }
}
