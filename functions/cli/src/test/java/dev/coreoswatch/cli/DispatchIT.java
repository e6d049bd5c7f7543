package dev.coreoswatch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.coreoswatch.cli.E2eFixtures.STABLE_KERNEL;
import static dev.coreoswatch.cli.E2eFixtures.STABLE_RELEASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.coreoswatch.http.UserAgent;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.ledger.FileLedger;
import dev.coreoswatch.testing.LocalRegistry;
import dev.coreoswatch.testing.LocalRegistry.Layout;
import dev.coreoswatch.testing.RegistryExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check --dispatch}: a BUILD becomes exactly one {@code workflow_dispatch}, guarded by the
 * local ledger in {@code --state-dir}. Each test has its own workflow repository (so WireMock's
 * journal tells its requests apart) and its own state dir. The token is a canary that must not
 * appear in anything any run prints.
 */
class DispatchIT {
    static final String TOKEN = "ghp_CANARY0e5b1c7d9f2a4b6c8d0e1f3a5b7c9d2e4f6";
    static final String TARGET_REPO = "owner/custom-coreos";
    static final String ZFS = FakeUpstream.ZFS;
    static final String TESTING_RELEASE = "44.20260728.2.0";
    static final String TESTING_KERNEL = "6.19.16-200.fc44";
    static final String OLD_RELEASE = "44.20260714.2.1";
    static final String NEXT_RELEASE = "45.20260801.1.0";
    static final String NEXT_KERNEL = "6.19.17-100.fc45";
    /** The image of stream next carries a newer CoreOS than the stream offers (a stale CDN copy, a revert). */
    static final String NEXT_NEWER = "45.20260808.1.0";

    static FakeUpstream upstream;

    @RegisterExtension
    static final RegistryExtension<LocalRegistry> REGISTRY = RegistryExtension.of(LocalRegistry::anonymous);

    private static final LocalRegistry registry = REGISTRY.get();

    @TempDir
    Path stateDir;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        upstream.defaultZfs();
        upstream.build("stable", STABLE_RELEASE, STABLE_KERNEL);
        upstream.build("testing", TESTING_RELEASE, TESTING_KERNEL);
        upstream.build("next", NEXT_RELEASE, NEXT_KERNEL);
        upstream.streamAnswer("gone", aResponse().withStatus(404));
        registry.seed()
                .image(
                        TARGET_REPO,
                        "stable",
                        Layout.OCI_INDEX,
                        TargetLabels.bothArches(STABLE_RELEASE, ZFS, STABLE_KERNEL))
                .image(
                        TARGET_REPO,
                        "testing",
                        Layout.OCI_INDEX,
                        TargetLabels.bothArches(OLD_RELEASE, ZFS, "6.19.15-200.fc44"))
                .image(TARGET_REPO, "next", Layout.OCI_INDEX, TargetLabels.bothArches(NEXT_NEWER, ZFS, NEXT_KERNEL))
                .push();
    }

    @AfterAll
    static void stop() {
        if (upstream != null) {
            upstream.close();
        }
    }

    static String target() {
        return registry.hostPort() + "/" + TARGET_REPO;
    }

    private Map<String, String> env(String workflowRepository) {
        Map<String, String> env = new HashMap<>(upstream.env());
        env.put("COREOS_STREAMS", "stable,testing");
        env.put("TARGET_IMAGE", target());
        env.put("REGISTRY_PLAIN_HTTP", registry.hostPort());
        env.put("GITHUB_TOKEN", TOKEN);
        env.put("GITHUB_WORKFLOW_REPOSITORY", workflowRepository);
        return env;
    }

    private CliRun.Result dispatch(Map<String, String> env, String... extra) {
        CliRun.Result run = new CliRun()
                .env(env)
                .args("--json", "--dispatch", "--state-dir", stateDir.toString())
                .args(extra)
                .run();
        assertFalse(run.everything().contains(TOKEN), () -> "the token is printed:\n" + run);
        assertFalse(run.everything().contains(TOKEN.substring(4, 20)), () -> "part of the token is printed:\n" + run);
        return run;
    }

    private static String workflowPath(String repository) {
        return FakeUpstream.API + "/repos/" + repository + "/actions/workflows/build.yaml";
    }

    /** The workflow's runs: none named for our combination (the in-flight guard asks before claiming). */
    private static void noRunsListed(String repository) {
        upstream.server()
                .stubFor(get(urlEqualTo(workflowPath(repository) + "/runs?per_page=50"))
                        .willReturn(FakeUpstream.okJson("{\"total_count\": 0, \"workflow_runs\": []}")));
    }

    /** Where the fake Enterprise Server ({@code <base>/api/v3}) shows a run: {@code <base>/<owner>/<repo>/actions/runs/<id>}. */
    private static String runUrl(String repository, long runId) {
        return upstream.baseUrl() + "/" + repository + "/actions/runs/" + runId;
    }

    /** GitHub's answer to a dispatch with return_run_details (API version 2022-11-28). */
    private static void dispatchAnswersWithRun(String repository, long runId) {
        String body = "{\"workflow_run_id\": " + runId + ", \"run_url\": \"https://api.github.com/repos/" + repository
                + "/actions/runs/" + runId + "\", \"html_url\": \"" + runUrl(repository, runId) + "\"}";
        upstream.server()
                .stubFor(post(urlEqualTo(workflowPath(repository) + "/dispatches"))
                        .willReturn(FakeUpstream.okJson(body)));
    }

    private static List<LoggedRequest> dispatches(String repository) {
        return upstream.requestsTo(workflowPath(repository) + "/dispatches").stream()
                .map(ServeEvent::getRequest)
                .toList();
    }

    private static List<LoggedRequest> anyDispatch() {
        return upstream.requests().stream()
                .map(ServeEvent::getRequest)
                .filter(r -> r.getUrl().endsWith("/dispatches"))
                .toList();
    }

    private static JsonNode expectedBody() {
        ObjectNode body = Json.object().put("ref", "main");
        body.putObject("inputs")
                .put("stream", "testing")
                .put("coreos_version", TESTING_RELEASE)
                .put("zfs_version", ZFS)
                .put("kernel_versions", "x86_64=" + TESTING_KERNEL + ".x86_64,aarch64=" + TESTING_KERNEL + ".aarch64")
                .put("platforms", "linux/amd64,linux/arm64")
                .put("reason", "linux/amd64 of " + target() + ":testing carries coreos " + OLD_RELEASE)
                // Where the inspector looked: the workflow pushes exactly there.
                .put("image", target())
                .put("tag", "testing");
        body.put("return_run_details", true);
        return body;
    }

    @Test
    void aNewCombinationIsDispatchedOnceAndThenInFlight() throws IOException {
        String repository = "owner/builds-once";
        long runId = 22_871_536_043L;
        noRunsListed(repository);
        dispatchAnswersWithRun(repository, runId);
        upstream.server()
                .stubFor(get(urlEqualTo(FakeUpstream.API + "/repos/" + repository + "/actions/runs/" + runId))
                        .willReturn(FakeUpstream.okJson("{\"id\": " + runId
                                + ", \"name\": \"build\", \"display_title\": \"build testing "
                                + TESTING_RELEASE + " zfs " + ZFS
                                + "\", \"status\": \"in_progress\", \"conclusion\": null, \"event\": "
                                + "\"workflow_dispatch\", \"html_url\": \"" + runUrl(repository, runId) + "\"}")));

        CliRun.Result first = dispatch(env(repository));

        assertEquals(0, first.exitCode(), first::toString);
        ReportView report = first.report();
        report.assertShape();
        assertFalse(report.root().path("dryRun").asBoolean(true), first::toString);
        assertEquals("SKIP", report.action("stable"));
        assertEquals(
                "NONE",
                report.decision("stable").path("dispatch").path("status").asText());
        JsonNode testing = report.decision("testing");
        assertEquals("BUILD", testing.path("action").asText(), first::toString);
        assertEquals("DISPATCHED", testing.path("dispatch").path("status").asText(), first::toString);
        assertEquals(runId, testing.path("dispatch").path("runId").asLong());
        assertEquals(
                runUrl(repository, runId),
                testing.path("dispatch").path("runUrl").asText());
        List<LoggedRequest> posts = dispatches(repository);
        assertEquals(1, posts.size(), () -> "dispatches: " + posts);
        LoggedRequest post = posts.get(0);
        assertEquals(
                expectedBody(),
                Json.parse(post.getBodyAsString().getBytes(StandardCharsets.UTF_8), "the dispatch body"),
                post::getBodyAsString);
        assertEquals("Bearer " + TOKEN, post.getHeader("Authorization"));
        assertEquals("application/vnd.github+json", post.getHeader("Accept"));
        assertEquals("2022-11-28", post.getHeader("X-GitHub-Api-Version"));
        assertEquals("application/json", post.getHeader("Content-Type"));
        assertEquals(UserAgent.VALUE, post.getHeader("User-Agent"));
        assertTrue(Files.isRegularFile(stateDir.resolve(FileLedger.FILE_NAME)), "the claim is in the ledger");

        CliRun.Result second = dispatch(env(repository));

        assertEquals(0, second.exitCode(), second::toString);
        JsonNode again = second.report().decision("testing");
        assertEquals("IN_FLIGHT", again.path("action").asText(), second::toString);
        assertEquals("NONE", again.path("dispatch").path("status").asText());
        assertEquals(runId, again.path("dispatch").path("runId").asLong(), second::toString);
        assertTrue(again.path("reason").asText().contains("in_progress"), again::toPrettyString);
        assertEquals(1, dispatches(repository).size(), "nothing is sent again while the first is in flight");
    }

    @Test
    void aRejectedDispatchFailsTheRunAndTheNextRunTriesAgain() {
        String repository = "owner/builds-rejected";
        noRunsListed(repository);
        upstream.server()
                .stubFor(
                        post(urlEqualTo(workflowPath(repository) + "/dispatches"))
                                .willReturn(
                                        aResponse()
                                                .withStatus(422)
                                                .withHeader("Content-Type", "application/json; charset=utf-8")
                                                .withBody(
                                                        "{\"message\":\"Unexpected inputs provided: [\\\"kernel_versions\\\"]\",\"documentation_url\":"
                                                                + "\"https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event\",\"status\":\"422\"}")));

        Map<String, String> withAnError = env(repository);
        withAnError.put("COREOS_STREAMS", "stable,testing,gone");
        CliRun.Result rejected = dispatch(withAnError);

        assertEquals(3, rejected.exitCode(), () -> "a failed dispatch (3) outranks an ERROR stream (1): " + rejected);
        assertEquals("ERROR", rejected.report().action("gone"));
        ReportView report = rejected.report();
        report.assertShape();
        JsonNode testing = report.decision("testing");
        assertEquals("BUILD", testing.path("action").asText(), rejected::toString);
        assertEquals("FAILED", testing.path("dispatch").path("status").asText(), rejected::toString);
        assertTrue(testing.path("dispatch").path("runId").isNull());
        String message = report.onlyError("testing", "dispatch").path("message").asText();
        assertTrue(message.contains("422") && message.contains("Unexpected inputs provided"), message);
        assertEquals("SKIP", report.action("stable"));
        assertEquals(1, dispatches(repository).size());

        dispatchAnswersWithRun(repository, 22_871_990_117L);
        CliRun.Result retried = dispatch(env(repository));

        assertEquals(0, retried.exitCode(), retried::toString);
        JsonNode again = retried.report().decision("testing");
        assertEquals("DISPATCHED", again.path("dispatch").path("status").asText(), retried::toString);
        assertEquals(22_871_990_117L, again.path("dispatch").path("runId").asLong());
        assertEquals(0, retried.report().root().path("errors").size(), retried::toString);
        assertEquals(2, dispatches(repository).size());
    }

    @Test
    void dryRunFromTheEnvironmentWinsOverTheDispatchOption() {
        String repository = "owner/builds-dry";
        noRunsListed(repository);
        dispatchAnswersWithRun(repository, 22_872_000_001L);
        int before = anyDispatch().size();
        Map<String, String> env = env(repository);
        env.put("DISPATCH_DRY_RUN", "true");

        CliRun.Result run = dispatch(env);

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.report().root().path("dryRun").asBoolean(false), run::toString);
        assertEquals("BUILD", run.report().action("testing"));
        assertEquals(
                "DRY_RUN",
                run.report().decision("testing").path("dispatch").path("status").asText(),
                run::toString);
        assertTrue(run.stderr().contains("--dispatch is ignored"), run::toString);
        assertEquals(before, anyDispatch().size(), "nothing is dispatched");
        assertFalse(Files.exists(stateDir.resolve(FileLedger.FILE_NAME)), "a dry run records nothing");
    }

    /** The dispatches answer with these runs in turn (return_run_details, API version 2022-11-28). */
    private static void dispatchesRuns(String repository, long... ids) {
        for (int i = 0; i < ids.length; i++) {
            String body =
                    "{\"workflow_run_id\": " + ids[i] + ", \"run_url\": \"https://api.github.com/repos/" + repository
                            + "/actions/runs/" + ids[i] + "\", \"html_url\": \"" + runUrl(repository, ids[i]) + "\"}";
            var stub = post(urlEqualTo(workflowPath(repository) + "/dispatches"))
                    .inScenario(repository)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "dispatched " + i)
                    .willReturn(FakeUpstream.okJson(body));
            upstream.server().stubFor(i + 1 < ids.length ? stub.willSetStateTo("dispatched " + (i + 1)) : stub);
        }
        noRunsListed(repository);
    }

    /** {@code GET /repos/{o}/{r}/actions/runs/{id}}: completed with {@code conclusion}, and its jobs, one failed. */
    private static void runCompleted(String repository, long id, String conclusion) {
        Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String run = "{\"id\": " + id
                + ", \"name\": \"build\", \"event\": \"workflow_dispatch\", \"display_title\": \"build testing "
                + TESTING_RELEASE + " zfs " + ZFS + "\", \"status\": \"completed\", \"conclusion\": \"" + conclusion
                + "\", \"html_url\": "
                + "\"" + runUrl(repository, id) + "\", \"created_at\": \"" + created + "\", \"updated_at\": \""
                + created.plusSeconds(60) + "\", \"run_attempt\": 1}";
        upstream.server()
                .stubFor(get(urlPathEqualTo(FakeUpstream.API + "/repos/" + repository + "/actions/runs/" + id))
                        .willReturn(FakeUpstream.okJson(run)));
        upstream.server()
                .stubFor(
                        get(urlPathEqualTo(FakeUpstream.API + "/repos/" + repository + "/actions/runs/" + id + "/jobs"))
                                .willReturn(
                                        FakeUpstream.okJson(
                                                "{\"total_count\": 1, \"jobs\": [{\"id\": " + (id * 10)
                                                        + ", \"run_id\": " + id
                                                        + ", \"name\": \"build (linux/arm64)\", \"status\": \"completed\", \"conclusion\": \"failure\"}]}")));
    }

    @Test
    void failedRunsAreRetriedAtOnceThenHeldNamingTheRunUntilReleaseHold() {
        String repository = "owner/builds-attempts";
        dispatchesRuns(repository, 9101, 9102, 9103);
        Map<String, String> env = env(repository);

        assertEquals(
                "DISPATCHED",
                dispatch(env)
                        .report()
                        .decision("testing")
                        .path("dispatch")
                        .path("status")
                        .asText());
        runCompleted(repository, 9101, "failure");

        JsonNode second = dispatch(env).report().decision("testing");
        assertEquals("BUILD", second.path("action").asText(), second::toString);
        assertEquals(
                9102, second.path("dispatch").path("runId").asLong(), "a failed attempt frees the combination at once");
        runCompleted(repository, 9102, "cancelled");

        CliRun.Result third = dispatch(env);
        JsonNode held = third.report().decision("testing");
        assertEquals("HOLD", held.path("action").asText(), held::toString);
        assertTrue(held.path("reason").asText().contains(runUrl(repository, 9102)), held::toString);
        assertEquals(0, third.exitCode(), third::toString);
        assertEquals(2, dispatches(repository).size(), "two POSTs in all");

        JsonNode entry = new CliRun()
                .command("status")
                .args("--json", "--state-dir", stateDir.toString())
                .run()
                .json()
                .get(0);
        assertEquals("FAILED", entry.path("status").asText(), entry::toString);
        assertEquals(2, entry.path("attempts").asInt());
        assertEquals("cancelled", entry.path("conclusion").asText());
        assertEquals("build (linux/arm64) (failure)", entry.path("failedJob").asText());

        CliRun.Result release = new CliRun()
                .command("release-hold")
                .args("--stream", "testing", "--state-dir", stateDir.toString())
                .run();
        assertEquals(0, release.exitCode(), release::toString);
        assertTrue(
                release.stderr()
                        .contains(
                                "released " + registry.hostPort() + "/" + TARGET_REPO + "|testing|" + TESTING_RELEASE),
                release::toString);

        JsonNode again = dispatch(env).report().decision("testing");
        assertEquals(9103, again.path("dispatch").path("runId").asLong(), again::toString);
        assertEquals(3, dispatches(repository).size());
    }

    @Test
    void anImageNewerThanTheStreamIsAHeldDowngradeUntilForced() {
        String repository = "owner/builds-downgrade";
        dispatchesRuns(repository, 9201);
        Map<String, String> env = new HashMap<>(env(repository));
        env.put("COREOS_STREAMS", "next");

        JsonNode held = dispatch(env).report().decision("next");
        assertEquals("HOLD", held.path("action").asText(), held::toString);
        assertTrue(
                held.path("reason").asText().contains("carries coreos " + NEXT_NEWER + ", newer than " + NEXT_RELEASE),
                held::toString);
        assertEquals(0, dispatches(repository).size());

        JsonNode forced = dispatch(env, "--force").report().decision("next");
        assertEquals("BUILD", forced.path("action").asText(), forced::toString);
        assertEquals("DISPATCHED", forced.path("dispatch").path("status").asText());
        assertEquals(1, dispatches(repository).size());
    }
}
