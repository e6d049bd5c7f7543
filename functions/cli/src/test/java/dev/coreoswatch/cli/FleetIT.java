package dev.coreoswatch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static dev.coreoswatch.cli.E2eFixtures.STABLE_KERNEL;
import static dev.coreoswatch.cli.E2eFixtures.STABLE_RELEASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.coreoswatch.testing.LocalRegistry;
import dev.coreoswatch.testing.LocalRegistry.Layout;
import dev.coreoswatch.testing.RegistryExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet (CONTRACT section 2b) through the packaged command line: one document, several targets
 * with their own images, pins and workflow repositories; a real registry, FCOS and GitHub as
 * WireMock. Each BUILD goes to its target's own repository once; a target whose registry refuses
 * is the only ERROR.
 */
class FleetIT {
    static final String TOKEN = "ghp_CANARY0f1ee70000000000000000000000000";
    static final String OLD_RELEASE = "44.20260623.3.0";

    static FakeUpstream upstream;

    @RegisterExtension
    static final RegistryExtension<LocalRegistry> REGISTRY = RegistryExtension.of(LocalRegistry::anonymous);

    private static final LocalRegistry registry = REGISTRY.get();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        upstream.defaultZfs();
        upstream.build("stable", STABLE_RELEASE, STABLE_KERNEL);
        registry.seed()
                .image(
                        "owner/built",
                        "stable",
                        Layout.OCI_INDEX,
                        TargetLabels.bothArches(STABLE_RELEASE, FakeUpstream.ZFS, STABLE_KERNEL))
                .image(
                        "owner/old",
                        "stable",
                        Layout.OCI_INDEX,
                        TargetLabels.bothArches(OLD_RELEASE, FakeUpstream.ZFS, STABLE_KERNEL))
                .image(
                        "owner/old-lts",
                        "stable-lts",
                        Layout.OCI_INDEX,
                        TargetLabels.bothArches(OLD_RELEASE, FakeUpstream.ZFS, STABLE_KERNEL))
                .push();
        // A registry behind a proxy that refuses every read with its own 403 page. (A registry's own DENIED without
        // credentials would be "not visible" and the first build, docs/contract.md section 7: NotVisibleTargetTest.)
        upstream.server()
                .stubFor(
                        get(urlMatching("/v2/.*"))
                                .willReturn(
                                        aResponse()
                                                .withStatus(403)
                                                .withHeader("Content-Type", "text/html")
                                                .withBody(
                                                        "<html><head><title>403 Forbidden</title></head><body><h1>403 Forbidden</h1></body></html>")));
        for (String repository : List.of("owner/builds", "owner/builds-lts")) {
            String workflow = FakeUpstream.API + "/repos/" + repository + "/actions/workflows/build.yaml";
            upstream.server()
                    .stubFor(get(urlEqualTo(workflow + "/runs?per_page=50"))
                            .willReturn(FakeUpstream.okJson("{\"total_count\": 0, \"workflow_runs\": []}")));
            upstream.server()
                    .stubFor(post(urlEqualTo(workflow + "/dispatches"))
                            .willReturn(aResponse().withStatus(204)));
        }
    }

    @AfterAll
    static void stop() {
        if (upstream != null) {
            upstream.close();
        }
    }

    private static String refusingHost() {
        return upstream.baseUrl().replaceFirst("^http://", "");
    }

    private Path document() throws IOException {
        String doc = """
                coreos: {streams: [stable]}
                registry: {plain-http: [%1$s, %2$s]}
                github:
                  workflow: {repository: owner/builds}
                targets:
                  - name: built
                    target: {image: %1$s/owner/built}
                  - name: old
                    target: {image: %1$s/owner/old}
                  - name: old-lts
                    target: {image: %1$s/owner/old-lts, tag: "{stream}-lts"}
                    github: {workflow: {repository: owner/builds-lts}}
                  - name: pinned
                    target: {image: %1$s/owner/old}
                    coreos: {blocked-versions: ["%3$s"]}
                  - name: refused
                    target: {image: %2$s/owner/private}
                """.formatted(registry.hostPort(), refusingHost(), STABLE_RELEASE);
        Path file = dir.resolve("fleet.yaml");
        Files.writeString(file, doc);
        return file;
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>(upstream.env());
        env.put("GITHUB_TOKEN", TOKEN);
        return env;
    }

    private static List<String> column(JsonNode report, String field) {
        List<String> out = new ArrayList<>();
        report.get("decisions").forEach(d -> out.add(d.get(field).asText()));
        return out;
    }

    @Test
    void eachTargetDecidesOnItsOwnAndEachBuildGoesToItsOwnRepositoryOnce() throws IOException {
        Path document = document();
        CliRun.Result run = new CliRun()
                .env(env())
                .args(
                        "--json",
                        "--dispatch",
                        "--config",
                        document.toString(),
                        "--state-dir",
                        dir.resolve("state").toString())
                .run();

        JsonNode report = run.json();
        assertEquals(1, run.exitCode(), run::toString); // one target is ERROR
        assertEquals(List.of("built", "old", "old-lts", "pinned", "refused"), column(report, "target"));
        assertEquals(List.of("SKIP", "BUILD", "BUILD", "HOLD", "ERROR"), column(report, "action"), run::toString);
        assertEquals(
                List.of("DISPATCHED", "DISPATCHED"),
                List.of(
                        report.get("decisions")
                                .get(1)
                                .get("dispatch")
                                .get("status")
                                .asText(),
                        report.get("decisions")
                                .get(2)
                                .get("dispatch")
                                .get("status")
                                .asText()));
        assertTrue(report.get("targetImage").isNull(), "several targets: no top-level image");
        assertEquals(
                registry.hostPort() + "/owner/old",
                report.get("decisions").get(3).get("targetImage").asText());
        assertTrue(report.get("decisions").get(3).get("reason").asText().contains(STABLE_RELEASE), run::toString);
        String refused = report.get("decisions").get(4).get("reason").asText();
        assertTrue(refused.contains("403") || refused.toLowerCase().contains("denied"), refused);
        List<String> errorTargets = new ArrayList<>();
        report.get("errors")
                .forEach(e -> errorTargets.add(
                        e.get("target").asText() + "/" + e.get("stage").asText()));
        assertEquals(List.of("refused/registry"), errorTargets, "the error names the target whose registry refused");
        assertEquals(1, dispatches("owner/builds").size(), "target old, once");
        assertEquals(1, dispatches("owner/builds-lts").size(), "target old-lts, once, to its own repository");
        assertTrue(!run.everything().contains(TOKEN), run::toString);

        CliRun.Result status = new CliRun()
                .env(env())
                .command("status")
                .args(
                        "--json",
                        "--config",
                        document.toString(),
                        "--state-dir",
                        dir.resolve("state").toString())
                .run();
        List<String> dispatchedTargets = new ArrayList<>();
        status.json().forEach(e -> dispatchedTargets.add(e.get("target").asText()));
        assertEquals(
                List.of("old", "old-lts"), dispatchedTargets.stream().sorted().toList(), status::toString);
    }

    @Test
    void targetSelectsAndAnUnknownNameIsAUsageError() throws IOException {
        Path document = document();
        CliRun.Result one = new CliRun()
                .env(env())
                .args("--json", "--config", document.toString(), "--target", "pinned")
                .run();
        CliRun.Result unknown = new CliRun()
                .env(env())
                .args("--json", "--config", document.toString(), "--target", "nope")
                .run();

        assertEquals(0, one.exitCode(), one::toString);
        assertEquals(List.of("pinned"), column(one.json(), "target"));
        assertEquals(
                registry.hostPort() + "/owner/old",
                one.json().get("targetImage").asText(),
                "one target: its image on top");
        assertEquals(2, unknown.exitCode(), unknown::toString);
        assertEquals("", unknown.stdout());
        assertTrue(unknown.stderr().contains("--target: no target is named \"nope\""), unknown::toString);
    }

    @Test
    void configurationErrorsNameTheTargetAndTheKey() throws IOException {
        Map<String, String> documents = Map.of(
                "targets: [{name: a, target: {image: x.io/o/a}}, {name: a, target: {image: x.io/o/b}}]",
                "target \"a\": name: ",
                "targets: [{name: a, target: {image: x.io/o/a}, zfs: {seires: '2.3'}}]",
                "target \"a\": zfs.seires: ",
                "targets: [{name: a, coreos: {streams: [stable]}}]",
                "target \"a\": target.image: ",
                "targets: [{name: a, target: {image: x.io/o/a}}, {name: b, target: {image: x.io/o/b}, zfs: {series: two}}]",
                "target \"b\": zfs.series: ");
        for (Map.Entry<String, String> entry : documents.entrySet()) {
            Path file = Files.writeString(dir.resolve("bad.yaml"), entry.getKey());
            CliRun.Result run = new CliRun()
                    .env(env())
                    .env("COREOS_WATCH_CONFIG", file.toString())
                    .args("--json")
                    .run();

            assertEquals(2, run.exitCode(), run::toString);
            assertEquals("", run.stdout(), run::toString);
            assertTrue(run.stderr().contains("coreos-watch: configuration error: " + entry.getValue()), run::toString);
        }
    }

    private static List<ServeEvent> dispatches(String repository) {
        return upstream.requestsTo(
                FakeUpstream.API + "/repos/" + repository + "/actions/workflows/build.yaml/dispatches");
    }
}
