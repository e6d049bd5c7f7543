package dev.coreoswatch.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.coreoswatch.faults.FaultBench.STABLE;
import static dev.coreoswatch.faults.FaultBench.decision;
import static dev.coreoswatch.faults.FaultBench.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.model.Action;
import dev.coreoswatch.model.Decision;
import dev.coreoswatch.model.DispatchStatus;
import dev.coreoswatch.model.Report;
import dev.coreoswatch.model.Stage;
import dev.coreoswatch.model.StageError;
import dev.coreoswatch.registry.GhcrStubs;
import dev.coreoswatch.testing.LocalRegistry;
import dev.coreoswatch.testing.RegistryExtension;
import dev.coreoswatch.testing.TestClock;
import dev.coreoswatch.wiring.Components;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Day one: the target package does not exist yet, or is private (GHCR makes new packages private).
 * A whole check of stable, wired as in production, against registries that deny anonymous reads:
 * the ghcr-shaped stubs (denied at the token realm, or at the manifest) and a real docker-registry
 * with htpasswd (anonymous: 401 and a Basic challenge). Without credentials the arches count as
 * absent and the first build is dispatched once; with credentials configured a denial is ERROR and
 * nothing is dispatched (docs/contract.md section 7). A 404 that is no registry's answer is ERROR too.
 */
class NotVisibleTargetTest {
    private static final String USER = "ci-bot";
    private static final String PASSWORD = "canary-registry-password-5e2d";

    private static FaultBench bench;

    @RegisterExtension
    static final RegistryExtension<LocalRegistry> REGISTRY =
            RegistryExtension.of(() -> LocalRegistry.withBasicAuth(USER, PASSWORD));

    private static final LocalRegistry privateRegistry = REGISTRY.get();

    @BeforeAll
    static void start() throws Exception {
        bench = new FaultBench();
    }

    @AfterAll
    static void stop() {
        if (bench != null) {
            bench.close();
        }
    }

    @BeforeEach
    void fresh() {
        bench.reset();
    }

    @AfterEach
    void leakedNothing() {
        bench.assertCanaryNowhere();
    }

    /** A deployment of stable alone, its target on the ghcr-shaped stubs. */
    private static Map<String, String> ghcrKeys() {
        Map<String, String> keys = bench.keysWithGhcrTarget();
        keys.put("coreos.streams", STABLE);
        return keys;
    }

    /** A deployment of stable alone, its target in the docker-registry that wants a password. */
    private static Map<String, String> privateRegistryKeys() {
        Map<String, String> keys = bench.keys();
        keys.put("coreos.streams", STABLE);
        keys.put("target.image", privateRegistry.hostPort() + "/acme/custom-coreos");
        keys.put("registry.plain-http", keys.get("registry.plain-http") + "," + privateRegistry.hostPort());
        return keys;
    }

    private static Report check(Map<String, String> keys) {
        Components components = bench.components(keys);
        return bench.check(components, bench.ledger());
    }

    private static Decision firstBuildDispatchedOnce(Report report) {
        Decision stable = decision(report, STABLE);
        assertEquals(Action.BUILD, stable.action(), stable.reason());
        assertEquals(DispatchStatus.DISPATCHED, stable.dispatch().status());
        assertTrue(stable.reason().contains("is missing (not visible anonymously: "), stable.reason());
        assertTrue(
                stable.architectures().stream().allMatch(a -> a.existing() == null && !a.built()), stable.toString());
        assertEquals(0, report.exitCode(), report.errors().toString());
        assertEquals(1, bench.dispatches());
        return stable;
    }

    private static void errorAndNothingDispatched(Report report, String... fragments) {
        Decision stable = decision(report, STABLE);
        assertEquals(Action.ERROR, stable.action(), stable.reason());
        StageError error = error(report, STABLE).orElseThrow(() -> new AssertionError(report.toString()));
        assertEquals(Stage.REGISTRY, error.stage(), error.toString());
        for (String fragment : fragments) {
            assertTrue(error.message().contains(fragment), "expected '" + fragment + "' in: " + error.message());
        }
        assertTrue(!error.message().contains(PASSWORD), error.message());
        assertEquals(1, report.exitCode());
        bench.assertNothingDispatched();
    }

    @Test
    void ghcrDenyingTheAnonymousTokenOfANewPackageGivesTheFirstBuild() {
        bench.ghcr.realmDeniesAnonymousReads();

        Decision stable = firstBuildDispatchedOnce(check(ghcrKeys()));

        assertTrue(stable.reason().contains("DENIED"), stable.reason());
        // The workflow pushes exactly where the inspector looked.
        bench.upstream.server.verify(
                1,
                postRequestedFor(urlPathEqualTo(FaultBench.DISPATCHES))
                        .withRequestBody(matchingJsonPath(
                                "$.inputs.image", equalTo(bench.ghcr.registryHost() + "/" + GhcrStubs.REPO)))
                        .withRequestBody(matchingJsonPath("$.inputs.tag", equalTo(STABLE))));
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void ghcrDenyingTheManifestOfAPrivatePackageGivesTheFirstBuild(int status) {
        bench.ghcr.manifestDeniesAnonymousReads(status);

        firstBuildDispatchedOnce(check(ghcrKeys()));
    }

    /**
     * The whole bootstrap (docs/contract.md section 7): the first build of a package nobody can read is
     * dispatched; its run succeeds; the package stays private. The next checks say so as an ERROR with
     * the contract's message, never a second dispatch, also once the in-flight window has passed.
     */
    @Test
    void aSuccessfulFirstBuildThatStaysInvisibleIsAnErrorAndNeverASecondDispatch() {
        bench.ghcr.realmDeniesAnonymousReads();
        TestClock clock = new TestClock(Instant.now());
        var components = bench.components(FaultBench.config(ghcrKeys()), Duration.ofSeconds(5), clock);

        firstBuildDispatchedOnce(bench.check(components, bench.ledger()));

        // GitHub's answer for the dispatched run: completed, success (the image was pushed, privately).
        bench.upstream.server.stubFor(get(urlPathEqualTo("/api/v3/repos/acme/fcos-builds/actions/runs/880001"))
                .willReturn(okJson("{\"id\":880001,\"name\":\"build\",\"display_title\":\"" + FaultBench.STABLE_TITLE
                        + "\",\"status\":\"completed\","
                        + "\"conclusion\":\"success\",\"html_url\":\"https://github.com/acme/fcos-builds/actions/runs/880001\","
                        + "\"created_at\":\"" + clock.instant() + "\",\"updated_at\":\""
                        + clock.instant().plusSeconds(2400) + "\","
                        + "\"run_attempt\":1}")));
        clock.advance(Duration.ofMinutes(50));
        for (Duration later : new Duration[] {Duration.ZERO, Duration.ofHours(4), Duration.ofDays(3)}) {
            clock.advance(later);
            Report report = bench.check(components, bench.ledger());

            Decision stable = decision(report, STABLE);
            assertEquals(Action.ERROR, stable.action(), later + ": " + stable.reason());
            assertTrue(
                    stable.reason()
                            .contains(
                                    "the build succeeded but " + bench.ghcr.registryHost() + "/" + GhcrStubs.REPO
                                            + " is not readable anonymously: make the package public or configure registry credentials"),
                    stable.reason());
            assertEquals(1, report.exitCode(), later + ": " + report.errors());
            assertEquals(1, bench.dispatches(), later + ": one POST in all");
        }
    }

    @Test
    void aRealRegistryAskingAnonymousReadersForAPasswordGivesTheFirstBuild() {
        Decision stable = firstBuildDispatchedOnce(check(privateRegistryKeys()));

        assertTrue(
                stable.reason().contains("registry " + privateRegistry.hostPort() + " denied anonymous access"),
                stable.reason());
    }

    @Test
    void withCredentialsConfiguredADenialIsAnErrorAndNothingIsDispatched() {
        bench.ghcr.requireBearer();
        bench.ghcr.realm.stubFor(get(urlPathEqualTo("/token"))
                .withHeader("Authorization", matching("Basic .*"))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody(GhcrStubs.DENIED)));
        Map<String, String> keys = ghcrKeys();
        keys.put("registry.username", USER);
        keys.put("registry.password", PASSWORD);

        errorAndNothingDispatched(check(keys), "refused the configured registry credentials", "403", "DENIED");
    }

    @Test
    void withWrongCredentialsARealRegistrysRefusalIsAnErrorAndNothingIsDispatched() {
        Map<String, String> keys = privateRegistryKeys();
        keys.put("registry.username", USER);
        keys.put("registry.password", "not-" + PASSWORD);

        errorAndNothingDispatched(check(keys), "registry " + privateRegistry.hostPort() + " refused", "401");
    }

    @Test
    void a404PageThatIsNoRegistrysAnswerIsAnErrorAndNothingIsDispatched() {
        bench.ghcr.requireBearer();
        bench.ghcr.issueToken();
        bench.ghcr.onRegistry(
                "/v2/" + GhcrStubs.REPO + "/manifests/" + STABLE,
                aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<!DOCTYPE html><html><head><title>Page not found"
                                + " &middot; GitHub Pages</title></head><body>404 File not found</body></html>"));

        Report report = check(ghcrKeys());

        Decision stable = decision(report, STABLE);
        assertEquals(Action.ERROR, stable.action(), stable.reason());
        assertTrue(
                error(report, STABLE).orElseThrow().message().contains("not a registry's error"),
                report.errors().toString());
        bench.assertNothingDispatched();
    }
}
