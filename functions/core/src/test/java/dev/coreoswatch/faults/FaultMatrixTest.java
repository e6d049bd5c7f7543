package dev.coreoswatch.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.coreoswatch.faults.FaultBench.DISPATCHES;
import static dev.coreoswatch.faults.FaultBench.RUNS;
import static dev.coreoswatch.faults.FaultBench.STABLE;
import static dev.coreoswatch.faults.FaultBench.STABLE_RELEASE;
import static dev.coreoswatch.faults.FaultBench.STABLE_TITLE;
import static dev.coreoswatch.faults.FaultBench.TESTING;
import static dev.coreoswatch.faults.FaultBench.TOKEN;
import static dev.coreoswatch.faults.FaultBench.decision;
import static dev.coreoswatch.faults.FaultBench.error;
import static dev.coreoswatch.faults.FaultBench.testingStillSkipped;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.coreoswatch.aws.AwsJsonClient;
import dev.coreoswatch.config.WatchConfig;
import dev.coreoswatch.events.EventBridgePublisher;
import dev.coreoswatch.events.EventPublishException;
import dev.coreoswatch.invocation.WatcherService;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.ledger.ClaimDetails;
import dev.coreoswatch.ledger.DynamoDbLedger;
import dev.coreoswatch.ledger.LedgerEntry;
import dev.coreoswatch.ledger.LedgerStatus;
import dev.coreoswatch.model.Action;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.Decision;
import dev.coreoswatch.model.DispatchStatus;
import dev.coreoswatch.model.Report;
import dev.coreoswatch.model.Stage;
import dev.coreoswatch.model.StageError;
import dev.coreoswatch.registry.GhcrStubs;
import dev.coreoswatch.testing.Dynalite;
import dev.coreoswatch.testing.LoopbackAwsJson;
import dev.coreoswatch.testing.UpstreamStubs;
import dev.coreoswatch.upstream.Fixtures;
import dev.coreoswatch.wiring.Components;
import dev.coreoswatch.wiring.FunctionSetup;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The fault matrix of "keep working under faults, duplicates and hostile input; leak nothing":
 * one row per fault at a service boundary, each driving the whole decision (the real
 * {@code pipeline.Check} through {@code pipeline.Components} on UrlConnectionHttp inside RetryingHttp, not a
 * dry run, with the DynamoDB ledger) against loopback services; see {@link FaultBench} for the
 * setup and the table at the end of this file for what each row shows.
 *
 * <p>Every row asserts the decision, the report's error (stage and message) and the exit code,
 * and counts the POSTs to the workflow's {@code dispatches}: none where the fault stops the
 * decision, exactly one where the fault is absorbed (a retry, or a source that is merely absent)
 * and the stream is decided as it would be without it. After every row, the canary GitHub token
 * must appear nowhere in what the row printed (reports, reasons, evidence, errors, log lines).
 * Some fault answers echo the token back, as a broken or hostile server might.
 */
class FaultMatrixTest {
    private static FaultBench bench;

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
    void noFaultYet() {
        bench.reset();
    }

    @AfterEach
    void leakedNothing() {
        bench.assertCanaryNowhere();
    }

    private static Components components() {
        return bench.components(bench.keys());
    }

    private static Report check(Components components) {
        return bench.check(components, bench.ledger());
    }

    /** A GitHub error body that, like a broken proxy, echoes the Authorization it was sent. */
    private static ResponseDefinitionBuilder gitHubError(int status, String message) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"message\":\"" + message + " (request had Authorization: Bearer " + TOKEN + ")\","
                        + "\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"" + status + "\"}");
    }

    private static void assertStageError(Report report, String stream, Stage stage, String... fragments) {
        StageError error =
                error(report, stream).orElseThrow(() -> new AssertionError("no error for " + stream + ": " + report));
        assertEquals(stage, error.stage(), error.toString());
        for (String fragment : fragments) {
            assertTrue(error.message().contains(fragment), "expected '" + fragment + "' in: " + error.message());
        }
        Decision decision = decision(report, stream);
        assertEquals(Action.ERROR, decision.action(), decision.reason());
        assertEquals(DispatchStatus.NONE, decision.dispatch().status());
    }

    /** stable decided as without any fault: BUILD, dispatched once, exit 0. */
    private static void stableBuiltOnce(Report report) {
        Decision stable = decision(report, STABLE);
        assertEquals(Action.BUILD, stable.action(), stable.reason());
        assertEquals(DispatchStatus.DISPATCHED, stable.dispatch().status());
        assertEquals(880001L, stable.dispatch().runId());
        assertEquals(List.of(), report.errors());
        assertEquals(0, report.exitCode());
        assertEquals(1, bench.dispatches());
    }

    @Nested
    class WithoutAFault {
        @Test
        void stableIsBuiltAndDispatchedOnceAndTestingIsSkipped() {
            Report report = check(components());

            stableBuiltOnce(report);
            testingStillSkipped(report);
            assertEquals(List.of(), bench.waits);
            LedgerEntry claim = bench.claimOf(components()).orElseThrow();
            assertEquals(LedgerStatus.DISPATCHED, claim.status());
            assertEquals(880001L, claim.runId());
        }
    }

    @Nested
    class FcosStreamMetadata {
        private static final String STABLE_DOCUMENT = UpstreamStubs.streamPath(STABLE);

        private void stableDocumentAnswers(ResponseDefinitionBuilder response) {
            bench.upstream.server.stubFor(
                    get(urlEqualTo(STABLE_DOCUMENT)).atPriority(1).willReturn(response));
        }

        @Test
        void answering500IsAnUpstreamErrorAfterRetriesAndNothingIsDispatched() {
            stableDocumentAnswers(
                    aResponse()
                            .withStatus(500)
                            .withHeader("Server", "AmazonS3")
                            .withBody(
                                    "<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>"));

            Report report = check(components());

            assertStageError(report, STABLE, Stage.UPSTREAM, "stream metadata of stable", STABLE_DOCUMENT, "500");
            testingStillSkipped(report);
            assertEquals(1, report.exitCode());
            assertEquals(3, bench.upstream.count(r -> r.getUrl().equals(STABLE_DOCUMENT)), "a GET is retried on 5xx");
            bench.assertNothingDispatched();
            assertTrue(bench.claimOf(components()).isEmpty(), "no claim blocks the next run");
        }

        @Test
        void answering404IsAnUpstreamErrorNamingTheStreamAndNothingIsDispatched() {
            stableDocumentAnswers(
                    aResponse()
                            .withStatus(404)
                            .withHeader("Content-Type", "application/xml")
                            .withBody(
                                    "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>"));

            Report report = check(components());

            assertStageError(report, STABLE, Stage.UPSTREAM, "stream stable not found", STABLE_DOCUMENT);
            testingStillSkipped(report);
            assertEquals(1, report.exitCode());
            assertEquals(
                    1,
                    bench.upstream.count(r -> r.getUrl().equals(STABLE_DOCUMENT)),
                    "a 404 is an answer, not retried");
            bench.assertNothingDispatched();
        }

        @Test
        void answeringSlowerThanTheReadTimeoutIsAnUpstreamErrorAndNothingIsDispatched() {
            stableDocumentAnswers(aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(Fixtures.text("fcos-stream-stable.json"))
                    .withFixedDelay(1_400));

            Report report = check(bench.components(FaultBench.config(bench.keys()), Duration.ofSeconds(1)));

            assertStageError(report, STABLE, Stage.UPSTREAM, "stream metadata of stable", "timed out");
            testingStillSkipped(report);
            assertEquals(1, report.exitCode());
            assertEquals(
                    3,
                    bench.upstream.count(r -> r.getUrl().equals(STABLE_DOCUMENT)),
                    "a GET that timed out is retried");
            bench.assertNothingDispatched();
        }

        @Test
        void truncatedJsonIsAFormatErrorAndNothingIsDispatched() {
            ObjectNode document = Fixtures.object("fcos-stream-stable.json");
            document.get("architectures")
                    .forEach(a -> a.get("artifacts")
                            .forEach(artifact -> ((ObjectNode) artifact).put("release", STABLE_RELEASE)));
            String json = Fixtures.json(document);
            stableDocumentAnswers(aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(json.substring(0, json.length() / 2)));

            Report report = check(components());

            assertStageError(report, STABLE, Stage.UPSTREAM, "stream metadata of stable", STABLE_DOCUMENT);
            String message = error(report, STABLE).orElseThrow().message();
            assertTrue(message.contains("JSON") || message.contains("end of input"), message);
            testingStillSkipped(report);
            assertEquals(1, report.exitCode());
            bench.assertNothingDispatched();
        }

        @Test
        void aConfiguredArchMissingFromTheDocumentIsAnUpstreamErrorNamingItAndNothingIsDispatched() {
            ObjectNode document = Fixtures.object("fcos-stream-stable.json");
            document.get("architectures")
                    .forEach(a -> a.get("artifacts")
                            .forEach(artifact -> ((ObjectNode) artifact).put("release", STABLE_RELEASE)));
            ((ObjectNode) document.get("architectures")).remove("aarch64");
            stableDocumentAnswers(okJson(Fixtures.json(document)));

            Report report = check(components());

            assertStageError(report, STABLE, Stage.UPSTREAM, "stream metadata of stable has no release for aarch64");
            testingStillSkipped(report);
            assertEquals(1, report.exitCode());
            bench.assertNothingDispatched();
        }
    }

    @Nested
    class Commitmeta {
        private static final String STABLE_X86 = UpstreamStubs.commitmetaPath(STABLE, STABLE_RELEASE, Arch.X86_64);

        @Test
        void answering500IsAnUpstreamErrorNotAnUnknownKernelAndNothingIsDispatched() {
            bench.upstream.server.stubFor(get(urlEqualTo(STABLE_X86))
                    .atPriority(1)
                    .willReturn(aResponse().withStatus(500).withBody("<Error><Code>InternalError</Code></Error>")));

            Report report = check(components());

            assertStageError(
                    report, STABLE, Stage.UPSTREAM, "commitmeta.json of stable " + STABLE_RELEASE + " x86_64", "500");
            testingStillSkipped(report);
            assertEquals(1, report.exitCode());
            bench.assertNothingDispatched();
        }

        @Test
        void answering404FallsThroughToTheBaseImageWhichLacksTheLabelSoTheKernelIsUnknownAndTheBuildIsDispatchedOnce() {
            bench.upstream.server.stubFor(get(urlEqualTo(STABLE_X86))
                    .atPriority(1)
                    .willReturn(aResponse()
                            .withStatus(404)
                            .withHeader("Content-Type", "application/xml")
                            .withBody("<Error><Code>NoSuchKey</Code></Error>")));

            Report report = check(components());

            Decision stable = decision(report, STABLE);
            assertNull(stable.architectures().get(0).kernelVersion(), "x86_64 kernel unknown");
            assertEquals("7.1.9-200.fc44.aarch64", stable.architectures().get(1).kernelVersion());
            assertTrue(
                    stable.evidence().stream()
                            .anyMatch(e -> e.startsWith("x86_64 kernel unknown from unknown (tried "
                                    + "commitmeta.json, base image label ostree.linux)")),
                    stable.evidence().toString());
            stableBuiltOnce(report);
            testingStillSkipped(report);
            bench.upstream.server.verify(
                    1,
                    postRequestedFor(urlPathEqualTo(DISPATCHES))
                            .withRequestBody(matchingJsonPath(
                                    "$.inputs.kernel_versions",
                                    equalTo("x86_64=unknown,aarch64=7.1.9-200.fc44.aarch64"))));
        }
    }

    @Nested
    class GitHub {
        private void releaseListAnswers(ResponseDefinitionBuilder fault, boolean once) {
            var stub = get(urlEqualTo(UpstreamStubs.RELEASES)).atPriority(1);
            if (once) {
                stub = stub.inScenario("release list")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willSetStateTo("recovered");
            }
            bench.upstream.server.stubFor(stub.willReturn(fault));
        }

        private long releaseListRequests() {
            return bench.upstream.count(r -> r.getUrl().equals(UpstreamStubs.RELEASES));
        }

        /** Without the release list no stream can be decided: each is an upstream ERROR naming the cause. */
        private void everyStreamIsAnUpstreamError(Report report, String... fragments) {
            for (String stream : List.of(STABLE, TESTING)) {
                assertStageError(report, stream, Stage.UPSTREAM, fragments);
            }
            assertEquals(1, report.exitCode());
            bench.assertNothingDispatched();
        }

        @Test
        void releaseList429WithASmallRetryAfterIsRetriedAsToldAndDecided() {
            releaseListAnswers(gitHubError(429, "Too Many Requests").withHeader("retry-after", "2"), true);

            Report report = check(components());

            assertEquals(List.of(Duration.ofSeconds(2)), bench.waits, bench.served());
            assertEquals(2, releaseListRequests());
            stableBuiltOnce(report);
            testingStillSkipped(report);
        }

        @Test
        void releaseList429WithALargeRetryAfterGivesUpAtOnceAndEveryStreamIsAnError() {
            releaseListAnswers(gitHubError(429, "Too Many Requests").withHeader("retry-after", "3600"), false);

            Report report = check(components());

            everyStreamIsAnUpstreamError(report, "OpenZFS release", "releases of openzfs/zfs", "429");
            assertEquals(1, releaseListRequests(), "a wait beyond the policy's longest is not attempted");
            assertEquals(List.of(), bench.waits);
        }

        @Test
        void releaseList403PrimaryRateLimitResettingInAnHourIsAnErrorAndNothingIsDispatched() {
            long reset = Instant.now().plusSeconds(3600).getEpochSecond();
            releaseListAnswers(
                    gitHubError(403, "API rate limit exceeded for installation ID 61626.")
                            .withHeader("x-ratelimit-limit", "5000")
                            .withHeader("x-ratelimit-remaining", "0")
                            .withHeader("x-ratelimit-reset", String.valueOf(reset)),
                    false);

            Report report = check(components());

            everyStreamIsAnUpstreamError(report, "OpenZFS release", "releases of openzfs/zfs", "rate limit");
            assertEquals(1, releaseListRequests());
        }

        @Test
        void releaseList403SecondaryRateLimitWithRetryAfterIsRetriedAsToldAndDecided() {
            releaseListAnswers(
                    gitHubError(
                                    403,
                                    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.")
                            .withHeader("x-ratelimit-remaining", "4990")
                            .withHeader("retry-after", "5"),
                    true);

            Report report = check(components());

            assertEquals(List.of(Duration.ofSeconds(5)), bench.waits, bench.served());
            assertEquals(2, releaseListRequests());
            stableBuiltOnce(report);
            testingStillSkipped(report);
        }

        @Test
        void dispatch500IsAmbiguousTheClaimIsKeptAndTheNextRunFindsTheRunAndSendsNothing() {
            bench.upstream.server.stubFor(
                    post(urlPathEqualTo(DISPATCHES)).atPriority(1).willReturn(gitHubError(500, "Server Error")));
            ambiguousDispatchThenTheNextRunFindsTheRun("answered 500; a run may have started");
        }

        @Test
        void dispatchConnectionResetAfterSendingIsAmbiguousTheClaimIsKeptAndTheNextRunFindsTheRunAndSendsNothing() {
            bench.upstream.server.stubFor(post(urlPathEqualTo(DISPATCHES))
                    .atPriority(1)
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
            ambiguousDispatchThenTheNextRunFindsTheRun("got no answer");
        }

        private void ambiguousDispatchThenTheNextRunFindsTheRun(String why) {
            Components first = components();
            Report report = check(first);

            Decision stable = decision(report, STABLE);
            assertEquals(Action.BUILD, stable.action());
            assertEquals(DispatchStatus.FAILED, stable.dispatch().status());
            assertStageErrorOf(
                    report, why, "the claim is kept and the next run looks for the run before dispatching again");
            testingStillSkipped(report);
            assertEquals(3, report.exitCode(), "a failed dispatch is exit 3");
            assertEquals(1, bench.dispatches(), "a POST is never sent twice");
            assertEquals(
                    LedgerStatus.UNCERTAIN, bench.claimOf(first).orElseThrow().status());

            // The workflow did start: the next run lists it by its title and does not dispatch again.
            bench.upstream.server.stubFor(get(urlPathEqualTo(RUNS))
                    .atPriority(1)
                    .willReturn(okJson(
                            "{\"total_count\":1,\"workflow_runs\":[{\"id\":31337,\"name\":\"build\",\"display_title\":\""
                                    + STABLE_TITLE
                                    + "\",\"status\":\"in_progress\",\"conclusion\":null,\"created_at\":\""
                                    + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\","
                                    + "\"html_url\":\"https://github.com/acme/fcos-builds/actions/runs/31337\"}]}")));
            Components next = components();
            Report again = check(next);

            Decision inFlight = decision(again, STABLE);
            assertEquals(Action.IN_FLIGHT, inFlight.action(), inFlight.reason());
            assertEquals(31337L, inFlight.dispatch().runId());
            assertEquals(List.of(), again.errors());
            assertEquals(0, again.exitCode());
            assertEquals(1, bench.dispatches(), "the next run sent nothing");
            LedgerEntry claim = bench.claimOf(next).orElseThrow();
            assertEquals(31337L, claim.runId(), "the run found is recorded on the claim");
        }

        private static void assertStageErrorOf(Report report, String... fragments) {
            StageError error = error(report, STABLE).orElseThrow();
            assertEquals(Stage.DISPATCH, error.stage());
            for (String fragment : fragments) {
                assertTrue(error.message().contains(fragment), "expected '" + fragment + "' in: " + error.message());
            }
        }
    }

    @Nested
    class Registry {
        private static final String TAG_PATH = "/v2/" + GhcrStubs.REPO + "/manifests/" + STABLE;

        private Components ghcrComponents() {
            return bench.components(bench.keysWithGhcrTarget());
        }

        /** The ghcr stubs serve the target as the real registry does: stable older, testing current, behind a token. */
        private void serveTarget(boolean redirectBlobs) {
            bench.ghcr.requireBearer();
            bench.ghcr.issueToken();
            bench.ghcr.serve(STABLE, FaultBench.olderBuild(), redirectBlobs);
            bench.ghcr.serve(
                    TESTING,
                    FaultBench.currentBuild(FaultBench.TESTING_RELEASE, FaultBench.TESTING_KERNEL),
                    redirectBlobs);
        }

        private static ResponseDefinitionBuilder registryError(int status, String code, String message) {
            return aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}");
        }

        @Test
        void manifest429WithRetryAfterIsRetriedAsToldAndDecided() {
            serveTarget(false);
            bench.ghcr.registry.stubFor(get(urlPathEqualTo(TAG_PATH))
                    .atPriority(1)
                    .withHeader("Authorization", equalTo("Bearer " + GhcrStubs.TOKEN))
                    .inScenario("429")
                    .whenScenarioStateIs(Scenario.STARTED)
                    .willSetStateTo("served")
                    .willReturn(
                            registryError(429, "TOOMANYREQUESTS", "retry later").withHeader("Retry-After", "3")));

            Report report = check(ghcrComponents());

            assertEquals(List.of(Duration.ofSeconds(3)), bench.waits);
            stableBuiltOnce(report);
            testingStillSkipped(report);
        }

        @Test
        void manifest500IsARegistryErrorAfterRetriesAndNothingIsDispatched() {
            serveTarget(false);
            bench.ghcr.onRegistry(TAG_PATH, registryError(500, "UNKNOWN", "internal server error"));

            Report report = check(ghcrComponents());

            assertStageError(
                    report, STABLE, Stage.REGISTRY, "registry " + bench.ghcr.registryHost(), "answered 500", TAG_PATH);
            assertEquals(
                    STABLE_RELEASE,
                    decision(report, STABLE).coreosVersion(),
                    "upstream was observed before the registry failed");
            testingStillSkipped(report);
            assertEquals(1, report.exitCode());
            assertEquals(
                    3,
                    bench.ghcr.registry.findAll(getRequestedFor(urlPathEqualTo(TAG_PATH))).stream()
                            .filter(r -> r.containsHeader("Authorization"))
                            .count(),
                    "a GET is retried on 5xx");
            bench.assertNothingDispatched();
        }

        @Test
        void tokenEndpointRefusingConnectionsIsARegistryErrorAndNothingIsDispatched() {
            String deadRealm = "http://127.0.0.1:" + bench.deadPort + "/token";
            bench.ghcr.registry.stubFor(any(urlPathMatching("/v2/.*"))
                    .willReturn(aResponse()
                            .withStatus(401)
                            .withHeader("Content-Type", "application/json")
                            .withHeader(
                                    "WWW-Authenticate",
                                    "Bearer realm=\"" + deadRealm + "\",service=\"ghcr.io\",scope=\"repository:"
                                            + GhcrStubs.REPO + ":pull\"")
                            .withBody(GhcrStubs.UNAUTHORIZED)));

            Report report = check(ghcrComponents());

            for (String stream : List.of(STABLE, TESTING)) {
                assertStageError(report, stream, Stage.REGISTRY, "127.0.0.1:" + bench.deadPort);
            }
            assertEquals(1, report.exitCode());
            bench.assertNothingDispatched();
        }

        @Test
        void blobRedirectToAHostRefusingConnectionsIsARegistryErrorAndNothingIsDispatched() {
            serveTarget(false);
            // ghcr sends config blobs to its storage host with a 307; here that host is down.
            bench.ghcr.registry.stubFor(
                    get(urlPathMatching("/v2/" + GhcrStubs.REPO + "/blobs/.*"))
                            .atPriority(1)
                            .withHeader("Authorization", equalTo("Bearer " + GhcrStubs.TOKEN))
                            .willReturn(
                                    aResponse()
                                            .withStatus(307)
                                            .withHeader(
                                                    "Location",
                                                    "http://127.0.0.1:" + bench.deadPort
                                                            + "/ghcr1/blobs/sha256:0d6f?se=2026-11-27T01%3A40%3A00Z&sig=Zm9vYmFyc2lnbmF0dXJl&sp=r")));

            Report report = check(ghcrComponents());

            for (String stream : List.of(STABLE, TESTING)) {
                assertStageError(
                        report,
                        stream,
                        Stage.REGISTRY,
                        "registry " + bench.ghcr.registryHost(),
                        "did not answer",
                        "cannot connect");
            }
            assertEquals(1, report.exitCode());
            bench.assertNothingDispatched();
        }
    }

    @Nested
    class EventBridge {
        private static final String PUT_EVENTS = "AWSEvents.PutEvents";
        private AwsJsonClient client;
        private final List<String> metrics = new CopyOnWriteArrayList<>();

        @BeforeEach
        void client() {
            client = LoopbackAwsJson.client(
                    AwsJsonClient.Service.EVENTBRIDGE,
                    URI.create(bench.aws.baseUrl()),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFAULTS", "faults")),
                    AwsJsonClient.SLEEP);
        }

        @AfterEach
        void printMetrics() {
            metrics.forEach(bench::printed);
        }

        private WatcherService watcher() {
            Components components = components();
            WatchConfig config = components.config();
            return new WatcherService(
                    new FunctionSetup(config, components, () -> new EventBridgePublisher(client, FaultBench.BUS))
                            .withMetricsOutput(metrics::add));
        }

        private void putEventsAnswers(String state, String next, String body) {
            bench.aws.stubFor(post(urlEqualTo("/"))
                    .withHeader("X-Amz-Target", equalTo(PUT_EVENTS))
                    .inScenario("put")
                    .whenScenarioStateIs(state)
                    .willSetStateTo(next)
                    .willReturn(aResponse()
                            .withHeader("Content-Type", "application/x-amz-json-1.1")
                            .withBody(body)));
        }

        private List<JsonNode> putEventsEntries() {
            List<JsonNode> batches = new ArrayList<>();
            for (LoggedRequest r : bench.aws.findAll(
                    postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(PUT_EVENTS)))) {
                batches.add(Json.parse(r.getBody(), "PutEvents").get("Entries"));
            }
            return batches;
        }

        private static String stream(JsonNode entry) {
            return Json.parse(entry.get("Detail").textValue().getBytes(StandardCharsets.UTF_8), "detail")
                    .get("stream")
                    .textValue();
        }

        @Test
        void putEventsWithAFailedEntryResendsOnlyThatEntryAndTheScheduledRunSucceeds() {
            putEventsAnswers(
                    Scenario.STARTED,
                    "retried",
                    "{\"FailedEntryCount\":1,\"Entries\":[{\"EventId\":\"0c9e7d1a-1\"},"
                            + "{\"ErrorCode\":\"InternalFailure\",\"ErrorMessage\":\"Internal service error\"}]}");
            putEventsAnswers(
                    "retried", "retried", "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"0c9e7d1a-2\"}]}");

            JsonNode summary = Json.parse(bench.capturing(() -> watcher().handle(new byte[0])), "watcher summary");

            List<JsonNode> batches = putEventsEntries();
            assertEquals(2, batches.size());
            assertEquals(
                    List.of(STABLE, TESTING),
                    List.of(stream(batches.get(0).get(0)), stream(batches.get(0).get(1))));
            assertEquals(1, batches.get(1).size(), "only the failed entry is sent again");
            assertEquals(TESTING, stream(batches.get(1).get(0)));
            assertEquals(2, summary.get("published").size(), summary.toString());
            bench.assertNothingDispatched();
        }

        @Test
        void putEventsEntriesThatKeepFailingFailTheInvocationNamingThemAndNothingIsDispatched() {
            putEventsAnswers(
                    Scenario.STARTED,
                    "failing",
                    "{\"FailedEntryCount\":1,\"Entries\":[{\"EventId\":\"0c9e7d1a-1\"},"
                            + "{\"ErrorCode\":\"ThrottlingException\",\"ErrorMessage\":\"Rate exceeded\"}]}");
            putEventsAnswers(
                    "failing",
                    "failing",
                    "{\"FailedEntryCount\":1,\"Entries\":[{\"ErrorCode\":\"ThrottlingException\",\"ErrorMessage\":\"Rate exceeded\"}]}");

            EventPublishException e = assertThrows(
                    EventPublishException.class,
                    () -> bench.capturing(() -> watcher().handle(new byte[0])));

            assertTrue(e.getMessage().startsWith("1 of 2 event(s) not published to " + FaultBench.BUS), e.getMessage());
            assertTrue(e.getMessage().contains("UpstreamObserved: ThrottlingException Rate exceeded"), e.getMessage());
            List<JsonNode> batches = putEventsEntries();
            assertEquals(
                    List.of(2, 1, 1),
                    batches.stream().map(JsonNode::size).toList(),
                    "the failed entry, three times in all");
            bench.assertNothingDispatched();
        }
    }

    @Nested
    class DynamoDb {
        private static final String TABLE = "coreos-watch-ledger";

        /** The real SDK client against a WireMock speaking DynamoDB: quick retries instead of the SDK's long throttling backoff. */
        private DynamoDbClient throttledClient() {
            return Dynalite.clientBuilder(URI.create(bench.aws.baseUrl()))
                    .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(3)
                            .backoffStrategy(BackoffStrategy.retryImmediately())
                            .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())))
                    .build();
        }

        private long putItems() {
            return bench.aws
                    .findAll(postRequestedFor(urlEqualTo("/"))
                            .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.PutItem")))
                    .size();
        }

        @ParameterizedTest(name = "{0} on the claim is a dispatch-stage error and nothing is dispatched")
        @ValueSource(
                strings = {
                    "com.amazon.coral.availability#ThrottlingException",
                    "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException"
                })
        void throttlingOnTheClaimIsADispatchStageErrorAndNothingIsDispatched(String type) {
            String code = type.substring(type.indexOf('#') + 1);
            bench.aws.stubFor(post(urlEqualTo("/"))
                    .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.GetItem"))
                    .willReturn(aResponse()
                            .withHeader("Content-Type", "application/x-amz-json-1.0")
                            .withBody("{}")));
            bench.aws.stubFor(post(urlEqualTo("/"))
                    .withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.PutItem"))
                    .willReturn(aResponse()
                            .withStatus(400)
                            .withHeader("Content-Type", "application/x-amz-json-1.0")
                            .withHeader("x-amzn-RequestId", "FAULTS0REQUEST0ID")
                            .withBody("{\"__type\":\"" + type
                                    + "\",\"message\":\"Rate of requests exceeds the allowed throughput.\"}")));

            Report report;
            try (DynamoDbClient client = throttledClient()) {
                report = bench.check(components(), new DynamoDbLedger(client, TABLE));
            }

            assertStageError(
                    report,
                    STABLE,
                    Stage.DISPATCH,
                    "ledger claim failed, not dispatched",
                    "DynamoDB throttled the request to claim",
                    code,
                    "table " + TABLE);
            testingStillSkipped(report);
            assertEquals(1, report.exitCode());
            assertEquals(3, putItems(), "the SDK retried the claim before giving up");
            bench.assertNothingDispatched();
        }

        @Test
        void aClaimHeldBeforeTheRunIsInFlightAndNothingIsDispatched() {
            Components components = components();
            bench.ledger()
                    .claim(
                            FaultBench.stableKey(components),
                            new ClaimDetails("earlier run", "earlier-correlation"),
                            Instant.now(),
                            Duration.ofHours(3));

            Report report = check(components);

            Decision stable = decision(report, STABLE);
            assertEquals(Action.IN_FLIGHT, stable.action(), stable.reason());
            assertEquals(DispatchStatus.NONE, stable.dispatch().status());
            assertTrue(stable.reason().contains("no run is listed yet"), stable.reason());
            assertEquals(List.of(), report.errors());
            assertEquals(0, report.exitCode());
            bench.assertNothingDispatched();
        }

        @Test
        void aConcurrentClaimWinningTheConditionalPutIsInFlightDuplicateAndNothingIsDispatched() {
            Components components = components();
            // Another run claims the combination while this one asks GitHub for the workflow's runs:
            // after our in-flight check found nothing, before our conditional put.
            bench.onRunsListing(() -> bench.ledger()
                    .claim(
                            FaultBench.stableKey(components),
                            new ClaimDetails("concurrent run", "rival-correlation"),
                            Instant.now(),
                            Duration.ofHours(3)));

            Report report = check(components);

            Decision stable = decision(report, STABLE);
            assertEquals(Action.IN_FLIGHT, stable.action(), stable.reason());
            assertEquals(DispatchStatus.DUPLICATE, stable.dispatch().status());
            assertTrue(
                    stable.reason().startsWith("a concurrent run claimed " + FaultBench.stableKey(components)),
                    stable.reason());
            assertEquals(List.of(), report.errors());
            assertEquals(0, report.exitCode());
            bench.assertNothingDispatched();
            assertEquals(
                    "rival-correlation",
                    bench.claimOf(components).orElseThrow().correlationId(),
                    "the winner's claim stands");
        }
    }

    /*
     * THE MATRIX. Without a fault stable is BUILD (dispatched once) and testing SKIP, exit 0.
     * "0 POST" = no request reached .../dispatches; "1 POST" = the build was dispatched exactly once.
     * Waits are what RetryingHttp asked for (recorded, not slept). In every row the canary GitHub
     * token is in no report, reason, evidence, error, log line, metric, ledger item or request to
     * another host; GitHub error bodies that echo it show "Bearer ****".
     *
     * boundary     | fault                                         | stable (testing)            | report error: stage, message                                   | exit | POSTs
     * -------------+-----------------------------------------------+-----------------------------+----------------------------------------------------------------+------+------
     * FCOS stream  | streams/stable.json 500                       | ERROR (SKIP)                | upstream: "stream metadata of stable at <url> answered HTTP    |  1   | 0
     *              |   (3 GETs: retried)                           |                             |   500"                                                         |      |
     *              | 404 (1 GET: an answer, not retried)           | ERROR (SKIP)                | upstream: "stream stable not found at <url>"                   |  1   | 0
     *              | 1.4 s delay, read timeout 1 s (3 GETs)        | ERROR (SKIP)                | upstream: "... could not be read: GET <url> timed out after    |  1   | 0
     *              |                                               |                             |   1 s"                                                         |      |
     *              | truncated JSON                                | ERROR (SKIP)                | upstream: "... at <url> is not valid JSON (Unexpected          |  1   | 0
     *              |                                               |                             |   end-of-input ...); starts with: ..."                         |      |
     *              | aarch64 configured, absent from the document  | ERROR (SKIP)                | upstream: "stream metadata of stable has no release for        |  1   | 0
     *              |                                               |                             |   aarch64 (<url>)"                                             |      |
     * commitmeta   | x86_64 commitmeta 500 (retried)               | ERROR (SKIP), not "unknown" | upstream: "commitmeta.json of stable <release> x86_64 at <url> |  1   | 0
     *              |                                               |                             |   answered HTTP 500"                                           |      |
     *              | x86_64 commitmeta 404; base image has no      | BUILD, x86_64 kernel unknown| none; evidence "tried commitmeta.json, base image label        |  0   | 1, kernel_versions
     *              |   ostree.linux label                          |   (SKIP)                    |   ostree.linux"                                                |      | x86_64=unknown,...
     * GitHub       | release list 429, retry-after 2               | BUILD (SKIP); waited 2 s    | none                                                           |  0   | 1
     *              | release list 429, retry-after 3600 (1 GET)    | ERROR (ERROR)               | upstream: "OpenZFS release: releases of openzfs/zfs: GitHub    |  1   | 0
     *              |                                               |                             |   API <url> answered 429: ... (retry after 3600 s)"            |      |
     *              | release list 403, x-ratelimit-remaining 0,    | ERROR (ERROR)               | upstream: "... answered 403: API rate limit exceeded ...       |  1   | 0
     *              |   reset in an hour (1 GET)                    |                             |   (rate limit remaining 0, resets at <time>)"                  |      |
     *              | release list 403 secondary limit,             | BUILD (SKIP); waited 5 s    | none                                                           |  0   | 1
     *              |   retry-after 5                               |                             |                                                                |      |
     *              | dispatch 500                                  | BUILD, dispatch FAILED      | dispatch: "dispatch of acme/fcos-builds workflow build.yaml on |  3   | 1
     *              |                                               |   (SKIP); claim UNCERTAIN   |   main answered 500; a run may have started; the claim is kept |      |
     *              |                                               |                             |   and the next run looks for the run before dispatching again" |      |
     *              |   next run: the run is listed by its title    | IN_FLIGHT, run 31337        | none; run id recorded on the claim                             |  0   | still 1
     *              | dispatch: connection reset after sending      | as dispatch 500             | dispatch: "... got no answer (GitHub API gave no answer: POST  |  3   | 1
     *              |                                               |                             |   <url>: connection failed (SocketException)); a run may have  |      |
     *              |                                               |                             |   started; the claim is kept ..."                              |      |
     *              |   next run: the run is listed by its title    | IN_FLIGHT, run 31337        | none                                                           |  0   | still 1
     * registry     | tag manifest 429, Retry-After 3               | BUILD (SKIP); waited 3 s    | none                                                           |  0   | 1
     * (ghcr-shaped)| tag manifest 500 (3 GETs: retried)            | ERROR (SKIP)                | registry: "registry <host> answered 500 for                    |  1   | 0
     *              |                                               |                             |   /v2/owner/custom-coreos/manifests/stable: UNKNOWN ..."       |      |
     *              | token realm refuses connections               | ERROR (ERROR)               | registry: "token realm <realm> of <image> did not answer: GET  |  1   | 0
     *              |                                               |                             |   <realm>?service=...: cannot connect (ConnectException)"      |      |
     *              | config blob 307 to a host refusing            | ERROR (ERROR)               | registry: "registry <host> did not answer for                  |  1   | 0
     *              |   connections                                 |                             |   owner/custom-coreos: GET <storage url>: cannot connect ..."  |      |
     * EventBridge  | PutEvents: 1 of 2 entries fails, then         | both published (watcher,    | none; the second PutEvents carries only testing's entry        |  -   | 0
     * (watcher,    |   accepted                                    |   scheduled run)            |                                                                |      |
     * scheduled)   | PutEvents: 1 of 2 entries fails 3 times       | invocation fails            | EventPublishException "1 of 2 event(s) not published to <bus>: |  -   | 0
     *              |                                               |   (Lambda retries it)       |   UpstreamObserved: ThrottlingException Rate exceeded"         |      |
     * DynamoDB     | PutItem (the claim) ThrottlingException       | ERROR (SKIP)                | dispatch: "ledger claim failed, not dispatched: DynamoDB       |  1   | 0
     *              |   (3 PutItems: the SDK retried)               |                             |   throttled the request to claim <key> in table <table>        |      |
     *              |                                               |                             |   (ThrottlingException, after the SDK's retries); try again    |      |
     *              |                                               |                             |   later"                                                       |      |
     *              | PutItem ProvisionedThroughputExceededException| ERROR (SKIP)                | dispatch: as above, naming ProvisionedThroughputExceeded...    |  1   | 0
     *              | key claimed by an earlier run, in its window  | IN_FLIGHT, dispatch NONE    | none; "dispatched at <t> (CLAIMED), no run is listed yet; in   |  0   | 0
     *              |                                               |   (SKIP)                    |   flight until <t+3h>"                                         |      |
     *              | conditional put lost: a concurrent run claims | IN_FLIGHT, dispatch         | none; "a concurrent run claimed <key> at <t> (until <t+3h>)";  |  0   | 0
     *              |   while we list the workflow's runs           |   DUPLICATE (SKIP)          |   the winner's claim stands                                    |      |
     */
}
