package dev.coreoswatch.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.ImageLabels;
import dev.coreoswatch.model.Platform;
import dev.coreoswatch.model.Secret;
import dev.coreoswatch.testing.RegistryExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Canary values for the password and the token: whatever the registry or realm does, even echo
 * them back in an error body, they must not appear in an exception message (or its causes) or
 * in any log line the registry or HTTP code writes (both log at debug in tests).
 */
class RegistrySecretsTest {
    private static final String PASSWORD = "canary-password-8c1e5b";
    private static final String TOKEN = "canary-token-3f7a92d0";
    private static final String BASIC_VALUE =
            Base64.getEncoder().encodeToString(("ci-bot:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private static final List<String> CANARIES = List.of(PASSWORD, TOKEN, BASIC_VALUE, "canary");
    private static final List<Platform> BOTH = List.of(Arch.X86_64.platform(), Arch.AARCH64.platform());

    @RegisterExtension
    static final RegistryExtension<GhcrStubs> STUBS = RegistryExtension.of(GhcrStubs::new);

    private static final GhcrStubs stubs = STUBS.get();
    private PrintStream originalErr;
    private ByteArrayOutputStream captured;

    @BeforeEach
    void capture() {
        stubs.reset();
        stubs.requireBearer();
        originalErr = System.err;
        captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
    }

    private RegistryClient client() {
        return new RegistryClient(
                stubs.http(),
                stubs.plainHttpHosts(),
                Map.of(stubs.registryHost(), new RegistryCredentials("ci-bot", new Secret(PASSWORD))));
    }

    private void realmIssuesTheCanaryToken() {
        stubs.realm.stubFor(get(urlPathEqualTo("/token"))
                .withHeader("Authorization", equalTo("Basic " + BASIC_VALUE))
                .willReturn(okJson("{\"token\":\"" + TOKEN + "\"}")));
    }

    /** Our log lines: slf4j-simple writes "[thread] LEVEL logger - message" to the current System.err. */
    private List<String> ourLogLines() {
        return captured.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.contains("dev.coreoswatch."))
                .toList();
    }

    private void assertClean(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            for (String canary : CANARIES) {
                assertFalse(
                        String.valueOf(t.getMessage()).contains(canary),
                        t.getClass().getSimpleName() + ": " + t.getMessage());
                assertFalse(t.toString().contains(canary), t.toString());
            }
        }
        assertLogsClean();
    }

    private void assertLogsClean() {
        List<String> lines = ourLogLines();
        assertFalse(lines.isEmpty(), "no log line was captured; the check would prove nothing");
        for (String line : lines) {
            for (String canary : CANARIES) {
                assertFalse(line.contains(canary), line);
            }
        }
    }

    @Test
    void aSuccessfulLookupLogsNoSecret() {
        realmIssuesTheCanaryToken();
        StubImages.Doc config = StubImages.config(Arch.X86_64, Map.of(ImageLabels.ZFS_VERSION, "2.4.3"));
        StubImages.Doc manifest = StubImages.manifest(config);
        stubs.registry.stubFor(get(urlPathEqualTo("/v2/" + GhcrStubs.REPO + "/manifests/stable"))
                .atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(GhcrStubs.manifestResponse(manifest, MediaTypes.OCI_MANIFEST)));
        stubs.registry.stubFor(get(urlPathEqualTo("/v2/" + GhcrStubs.REPO + "/blobs/" + config.digest()))
                .atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(200).withBody(config.bytes())));

        ImageLookup lookup = client().lookup(stubs.image("stable"), BOTH);

        assertTrue(lookup.platform(Arch.X86_64.platform()).isPresent());
        assertLogsClean();
    }

    /** D1: a token no header can carry is refused where it is received; the HTTP client never quotes it. */
    @Test
    void aRealmTokenWithALineBreakIsRefusedWithoutShowingIt() {
        String hostile = "abc-canary\r\nX: 1";
        stubs.realm.stubFor(get(urlPathEqualTo("/token")).willReturn(okJson("{\"token\":\"abc-canary\\r\\nX: 1\"}")));

        RegistryException e = assertThrows(RegistryException.class, () -> client().lookup(stubs.image("stable"), BOTH));

        assertTrue(e.getMessage().contains("cannot go into an HTTP header"), e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains("abc"), t.getMessage());
            assertFalse(String.valueOf(t.getMessage()).contains(hostile.substring(0, 5)), t.getMessage());
        }
        assertClean(e);
    }

    /** D9: a token echoed back split over two lines is not printed in two halves. */
    @Test
    void aTokenEchoedSplitOverLinesIsScrubbed() {
        realmIssuesTheCanaryToken();
        String half = TOKEN.substring(0, 10);
        stubs.registry.stubFor(get(urlPathEqualTo("/v2/" + GhcrStubs.REPO + "/manifests/stable"))
                .atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[{\"code\":\"DENIED\",\"message\":\"bad token " + half + "\\n"
                                + TOKEN.substring(10) + " and " + half + "\\r\\n  " + TOKEN.substring(10) + "\"}]}")));

        RegistryAuthenticationException e =
                assertThrows(RegistryAuthenticationException.class, () -> client().lookup(stubs.image("stable"), BOTH));

        assertTrue(e.getMessage().contains("DENIED"), e.getMessage());
        assertFalse(e.getMessage().contains(half) || e.getMessage().contains(TOKEN.substring(10)), e.getMessage());
    }

    @Test
    void aRegistryThatEchoesTheTokenInItsRefusalDoesNotLeakIt() {
        realmIssuesTheCanaryToken();
        stubs.registry.stubFor(get(urlPathEqualTo("/v2/" + GhcrStubs.REPO + "/manifests/stable"))
                .atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[{\"code\":\"DENIED\",\"message\":\"token " + TOKEN
                                + " is not valid for " + "Authorization: Bearer " + TOKEN + "\"}]}")));

        RegistryAuthenticationException e =
                assertThrows(RegistryAuthenticationException.class, () -> client().lookup(stubs.image("stable"), BOTH));

        assertTrue(e.getMessage().contains("DENIED"), e.getMessage());
        assertClean(e);
    }

    @Test
    void aRealmThatEchoesTheCredentialsInItsRefusalDoesNotLeakThem() {
        stubs.realm.stubFor(get(urlPathEqualTo("/token"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "text/plain")
                        .withBody("bad credentials: Authorization: Basic " + BASIC_VALUE + " (user ci-bot, password "
                                + PASSWORD + ")")));

        RegistryAuthenticationException e =
                assertThrows(RegistryAuthenticationException.class, () -> client().lookup(stubs.image("stable"), BOTH));

        assertTrue(e.getMessage().contains("registry.password"), e.getMessage());
        assertClean(e);
    }

    @Test
    void aServerErrorEchoingTheTokenDoesNotLeakIt() {
        realmIssuesTheCanaryToken();
        stubs.registry.stubFor(get(urlPathEqualTo("/v2/" + GhcrStubs.REPO + "/manifests/stable"))
                .atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(502).withBody("upstream failed for request with Bearer " + TOKEN)));

        RegistryUnavailableException e =
                assertThrows(RegistryUnavailableException.class, () -> client().lookup(stubs.image("stable"), BOTH));

        assertClean(e);
    }
}
