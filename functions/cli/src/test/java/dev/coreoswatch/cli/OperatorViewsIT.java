package dev.coreoswatch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.coreoswatch.cli.E2eFixtures.STABLE_KERNEL;
import static dev.coreoswatch.cli.E2eFixtures.STABLE_RELEASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.testing.LocalRegistry;
import dev.coreoswatch.testing.LocalRegistry.Layout;
import dev.coreoswatch.testing.RegistryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What an operator reads: {@code check --explain} and {@code status}, from the packaged jar. */
class OperatorViewsIT {
    static final String TARGET_REPO = "owner/custom-coreos";
    static final String TESTING_RELEASE = "44.20260811.2.0";
    static final String TESTING_KERNEL = "6.19.17-200.fc44";
    static final String REPOSITORY = "owner/views";

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
        registry.seed()
                .image(
                        TARGET_REPO,
                        "stable",
                        Layout.OCI_INDEX,
                        TargetLabels.bothArches(STABLE_RELEASE, FakeUpstream.ZFS, STABLE_KERNEL))
                .push();
        String workflow = FakeUpstream.API + "/repos/" + REPOSITORY + "/actions/workflows/build.yaml";
        upstream.server()
                .stubFor(get(urlEqualTo(workflow + "/runs?per_page=50"))
                        .willReturn(FakeUpstream.okJson("{\"total_count\": 0, \"workflow_runs\": []}")));
        upstream.server()
                .stubFor(post(urlEqualTo(workflow + "/dispatches"))
                        .willReturn(FakeUpstream.okJson("{\"workflow_run_id\": 31415926, \"html_url\": \""
                                + upstream.baseUrl() + "/" + REPOSITORY + "/actions/runs/31415926\"}")));
    }

    @AfterAll
    static void stop() {
        if (upstream != null) {
            upstream.close();
        }
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>(upstream.env());
        env.put("COREOS_STREAMS", "stable,testing");
        env.put("TARGET_IMAGE", registry.hostPort() + "/" + TARGET_REPO);
        env.put("REGISTRY_PLAIN_HTTP", registry.hostPort());
        env.put("GITHUB_TOKEN", "ghp_views0canary0token0never0printed00");
        env.put("GITHUB_WORKFLOW_REPOSITORY", REPOSITORY);
        return env;
    }

    @Test
    void explainShowsWhereEachFactCameFrom() {
        CliRun.Result run = new CliRun().env(env()).args("--explain").run();
        assertEquals(0, run.exitCode(), run::toString);
        String out = run.stdout();
        String evidence = out.substring(out.indexOf("Evidence"));
        // stable: the document that gave the version, the ZFS choice and range, kernels by source, labels by digest
        assertTrue(evidence.contains("stable: SKIP"), evidence);
        assertTrue(
                evidence.contains("coreos " + STABLE_RELEASE + " from " + upstream.baseUrl() + "/streams/stable.json"),
                evidence);
        assertTrue(
                evidence.contains("zfs " + FakeUpstream.ZFS + " (zfs-" + FakeUpstream.ZFS + "): newest release"),
                evidence);
        assertTrue(
                Pattern.compile("Linux \\d+\\.\\d+-\\d+\\.\\d+ from META of zfs-" + Pattern.quote(FakeUpstream.ZFS))
                        .matcher(evidence)
                        .find(),
                evidence);
        assertTrue(evidence.contains("x86_64 kernel " + STABLE_KERNEL + ".x86_64 from commitmeta.json"), evidence);
        assertTrue(
                Pattern.compile("linux/arm64: manifest sha256:[0-9a-f]{64}, config sha256:[0-9a-f]{64}, labels")
                        .matcher(evidence)
                        .find(),
                evidence);
        // testing: the image is missing, and the reason closes the chain
        assertTrue(evidence.contains("testing: BUILD"), evidence);
        assertTrue(evidence.contains("absent (") && evidence.contains("=> linux/amd64 of"), evidence);
        assertFalse(out.contains("\u001b["), "no colour when stdout is not a terminal");
    }

    @Test
    void statusListsWhatWasDispatchedWhenAndItsRun() throws Exception {
        CliRun.Result empty = new CliRun()
                .command("status")
                .args("--state-dir", stateDir.toString())
                .run();
        assertEquals(0, empty.exitCode(), empty::toString);
        assertTrue(empty.stdout().contains("no dispatches recorded"), empty::toString);
        assertFalse(Files.exists(stateDir.resolve("ledger.json")), "status creates nothing");

        CliRun.Result dispatched = new CliRun()
                .env(env())
                .args("--json", "--dispatch", "--state-dir", stateDir.toString())
                .run();
        assertEquals(
                "DISPATCHED",
                dispatched
                        .report()
                        .decision("testing")
                        .path("dispatch")
                        .path("status")
                        .asText(),
                dispatched::toString);

        CliRun.Result table = new CliRun()
                .command("status")
                .args("--state-dir", stateDir.toString())
                .run();
        assertEquals(0, table.exitCode(), table::toString);
        assertTrue(table.stdout().contains("testing " + TESTING_RELEASE + " zfs " + FakeUpstream.ZFS), table::toString);
        assertTrue(
                table.stdout().contains("DISPATCHED at ") && table.stdout().contains("in flight until "),
                table::toString);
        assertTrue(
                table.stdout().contains(upstream.baseUrl() + "/" + REPOSITORY + "/actions/runs/31415926"),
                table::toString);

        CliRun.Result json = new CliRun()
                .command("status")
                .args("--json", "--state-dir", stateDir.toString())
                .run();
        JsonNode entry = json.json().get(0);
        assertEquals(1, json.json().size(), json::toString);
        assertEquals("testing", entry.get("stream").asText());
        assertEquals("DISPATCHED", entry.get("status").asText());
        assertEquals(31415926L, entry.get("runId").asLong());
        assertTrue(entry.get("inFlight").asBoolean());
        assertTrue(Instant.parse(entry.get("expiresAt").asText())
                .isAfter(Instant.parse(entry.get("claimedAt").asText())));
        assertTrue(entry.get("target").isNull(), "without a configuration no target has the entry's image: " + entry);

        // With the configuration of the check (TARGET_IMAGE, no document) the entry is the single target's, named
        // default.
        CliRun.Result named = new CliRun()
                .env(env())
                .command("status")
                .args("--json", "--state-dir", stateDir.toString())
                .run();
        assertEquals("default", named.json().get(0).get("target").asText(), named::toString);
        CliRun.Result namedTable = new CliRun()
                .env(env())
                .command("status")
                .args("--state-dir", stateDir.toString())
                .run();
        assertFalse(namedTable.stdout().contains("[default]"), "a single target's table is unchanged: " + namedTable);
    }

    /** Issue 13 D7: a dry run only reads the ledger, so a read-only state directory still shows what is in flight. */
    @Test
    void aDryRunOnAReadOnlyStateDirectoryReadsTheLedgerWithoutLocking() throws Exception {
        CliRun.Result dispatched = new CliRun()
                .env(env())
                .args("--json", "--dispatch", "--state-dir", stateDir.toString())
                .run();
        assertEquals(
                "DISPATCHED",
                dispatched
                        .report()
                        .decision("testing")
                        .path("dispatch")
                        .path("status")
                        .asText(),
                dispatched::toString);
        Files.deleteIfExists(stateDir.resolve("ledger.lock"));
        try (var files = Files.list(stateDir)) {
            for (Path file : files.toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
            }
        }
        Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            CliRun.Result dryRun = HostileInputIT.asAnotherUser(
                            new CliRun().env(env()).args("--json", "--state-dir", stateDir.toString()))
                    .run();

            assertEquals(0, dryRun.exitCode(), dryRun::toString);
            assertEquals("IN_FLIGHT", dryRun.report().action("testing"), dryRun::toString);
            assertFalse(Files.exists(stateDir.resolve("ledger.lock")), "a read takes no lock it cannot create");
        } finally {
            Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
