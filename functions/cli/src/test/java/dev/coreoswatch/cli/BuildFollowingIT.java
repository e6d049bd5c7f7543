package dev.coreoswatch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.coreoswatch.cli.E2eFixtures.STABLE_KERNEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.coreoswatch.testing.LocalRegistry;
import dev.coreoswatch.testing.LocalRegistry.Layout;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Following builds through the packaged command line, against a real registry and a WireMock
 * GitHub with the runs and jobs APIs: failed attempts, the attempts limit, release-hold, and the
 * downgrade hold with {@code --force}.
 */
class BuildFollowingIT {
    static final String TOKEN = "ghp_CANARY0f0110w0bui1d50e1f3a5b7c9d2e4f6a8";
    static final String TARGET_REPO = "owner/custom-coreos";
    static final String ZFS = FakeUpstream.ZFS;
    static final String TESTING_RELEASE = "44.20260728.2.0";
    static final String TESTING_KERNEL = "6.19.16-200.fc44";
    static final String NEXT_RELEASE = "45.20260801.1.0";
    static final String NEXT_KERNEL = "6.19.17-100.fc45";
    /** The image of stream next carries a newer CoreOS than the stream offers (a stale CDN copy, a revert). */
    static final String NEXT_NEWER = "45.20260808.1.0";

    static FakeUpstream upstream;
    static LocalRegistry registry;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        upstream.defaultZfs();
        upstream.build("testing", TESTING_RELEASE, TESTING_KERNEL);
        upstream.build("next", NEXT_RELEASE, NEXT_KERNEL);
        registry = LocalRegistry.anonymous();
        registry.seed()
                .image(TARGET_REPO, "testing", Layout.OCI_INDEX, TargetLabels.bothArches("44.20260714.2.1", ZFS, STABLE_KERNEL))
                .image(TARGET_REPO, "next", Layout.OCI_INDEX, TargetLabels.bothArches(NEXT_NEWER, ZFS, NEXT_KERNEL))
                .push();
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private Map<String, String> env(String stream, String repository) {
        Map<String, String> env = new HashMap<>(upstream.env());
        env.put("COREOS_STREAMS", stream);
        env.put("TARGET_IMAGE", registry.hostPort() + "/" + TARGET_REPO);
        env.put("REGISTRY_PLAIN_HTTP", registry.hostPort());
        env.put("GITHUB_TOKEN", TOKEN);
        env.put("GITHUB_WORKFLOW_REPOSITORY", repository);
        return env;
    }

    private CliRun.Result check(Map<String, String> env, String... extra) {
        CliRun run = new CliRun().env(env).args("--json", "--dispatch", "--state-dir", stateDir.toString());
        run.args(extra);
        CliRun.Result result = run.run();
        assertTrue(!result.everything().contains(TOKEN), () -> "the token is printed:\n" + result);
        return result;
    }

    private static String workflow(String repository) {
        return FakeUpstream.API + "/repos/" + repository + "/actions/workflows/build.yaml";
    }

    /** The dispatches answer with these runs in turn (return_run_details, API version 2022-11-28). */
    private static void dispatchesRuns(String repository, long... ids) {
        for (int i = 0; i < ids.length; i++) {
            String body = "{\"workflow_run_id\": " + ids[i] + ", \"run_url\": \"https://api.github.com/repos/" + repository
                    + "/actions/runs/" + ids[i] + "\", \"html_url\": \"https://github.com/" + repository + "/actions/runs/" + ids[i] + "\"}";
            var stub = post(urlEqualTo(workflow(repository) + "/dispatches")).inScenario(repository)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "dispatched " + i).willReturn(FakeUpstream.okJson(body));
            upstream.server().stubFor(i + 1 < ids.length ? stub.willSetStateTo("dispatched " + (i + 1)) : stub);
        }
        upstream.server().stubFor(get(urlEqualTo(workflow(repository) + "/runs?per_page=50"))
                .willReturn(FakeUpstream.okJson("{\"total_count\": 0, \"workflow_runs\": []}")));
    }

    /** {@code GET /repos/{o}/{r}/actions/runs/{id}}: completed with {@code conclusion}, and its jobs, one failed. */
    private static void runCompleted(String repository, long id, String conclusion) {
        Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String run = "{\"id\": " + id + ", \"name\": \"build\", \"event\": \"workflow_dispatch\", \"display_title\": \"build testing "
                + TESTING_RELEASE + " zfs " + ZFS + "\", \"status\": \"completed\", \"conclusion\": \"" + conclusion + "\", \"html_url\": "
                + "\"https://github.com/" + repository + "/actions/runs/" + id + "\", \"created_at\": \"" + created + "\", \"updated_at\": \""
                + created.plusSeconds(60) + "\", \"run_attempt\": 1}";
        upstream.server().stubFor(get(urlPathEqualTo(FakeUpstream.API + "/repos/" + repository + "/actions/runs/" + id))
                .willReturn(FakeUpstream.okJson(run)));
        upstream.server().stubFor(get(urlPathEqualTo(FakeUpstream.API + "/repos/" + repository + "/actions/runs/" + id + "/jobs"))
                .willReturn(FakeUpstream.okJson("{\"total_count\": 1, \"jobs\": [{\"id\": " + (id * 10) + ", \"run_id\": " + id
                        + ", \"name\": \"build (linux/arm64)\", \"status\": \"completed\", \"conclusion\": \"failure\"}]}")));
    }

    private static int posts(String repository) {
        return upstream.requestsTo(workflow(repository) + "/dispatches").size();
    }

    @Test
    void failedRunsAreRetriedAtOnceThenHeldNamingTheRunUntilReleaseHold() {
        String repository = "owner/builds-attempts";
        dispatchesRuns(repository, 9101, 9102, 9103);
        Map<String, String> env = env("testing", repository);

        assertEquals("DISPATCHED", check(env).report().decision("testing").path("dispatch").path("status").asText());
        runCompleted(repository, 9101, "failure");

        JsonNode second = check(env).report().decision("testing");
        assertEquals("BUILD", second.path("action").asText(), second::toString);
        assertEquals(9102, second.path("dispatch").path("runId").asLong(), "a failed attempt frees the combination at once");
        runCompleted(repository, 9102, "cancelled");

        CliRun.Result third = check(env);
        JsonNode held = third.report().decision("testing");
        assertEquals("HOLD", held.path("action").asText(), held::toString);
        assertTrue(held.path("reason").asText().contains("https://github.com/" + repository + "/actions/runs/9102"), held::toString);
        assertEquals(0, third.exitCode(), third::toString);
        assertEquals(2, posts(repository), "two POSTs in all");

        CliRun.Result release = new CliRun().command("release-hold").args("--stream", "testing", "--state-dir", stateDir.toString()).run();
        assertEquals(0, release.exitCode(), release::toString);
        assertTrue(release.stderr().contains("released " + registry.hostPort() + "/" + TARGET_REPO + "|testing|" + TESTING_RELEASE),
                release::toString);

        JsonNode again = check(env).report().decision("testing");
        assertEquals(9103, again.path("dispatch").path("runId").asLong(), again::toString);
        assertEquals(3, posts(repository));
    }

    @Test
    void anImageNewerThanTheStreamIsAHeldDowngradeUntilForced() {
        String repository = "owner/builds-downgrade";
        dispatchesRuns(repository, 9201);
        Map<String, String> env = env("next", repository);

        JsonNode held = check(env).report().decision("next");
        assertEquals("HOLD", held.path("action").asText(), held::toString);
        assertTrue(held.path("reason").asText().contains("carries coreos " + NEXT_NEWER + ", newer than " + NEXT_RELEASE), held::toString);
        assertEquals(0, posts(repository));

        JsonNode forced = check(env, "--force").report().decision("next");
        assertEquals("BUILD", forced.path("action").asText(), forced::toString);
        assertEquals("DISPATCHED", forced.path("dispatch").path("status").asText());
        assertEquals(1, posts(repository));
    }
}
