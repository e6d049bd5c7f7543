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
import dev.coreoswatch.testing.RegistryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packaged {@code check} against loopback upstreams (WireMock) and a real registry holding
 * both the target image and the FCOS base image, configured only through environment variables.
 * Each test uses its own stream names (and ZFS repository where it needs other releases), so the
 * servers and the registry are set up once for the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheckIT {
    static final String TARGET_REPO = "owner/custom-coreos";
    static final String BASE_REPO = "fedora/fedora-coreos";
    static final String ZFS = FakeUpstream.ZFS;
    static final String RANGE = FakeUpstream.ZFS_RANGE;

    // testing: x86_64 is built, aarch64 carries an older CoreOS.
    static final String TESTING_RELEASE = "44.20260728.2.0";
    static final String TESTING_KERNEL = "6.19.16-200.fc44";
    static final String TESTING_OLD_ARM = "44.20260714.2.1";
    // next: a kernel line beyond META's Linux-Maximum 6.19.
    static final String NEXT_RELEASE = "45.20260802.1.0";
    static final String NEXT_KERNEL = "7.0.3-300.fc45";
    // The kernel chain.
    static final String LEGACY_RELEASE = "42.20250929.3.0";
    static final String LEGACY_KERNEL = "6.16.8-200.fc42";
    static final String BOOTC_RELEASE = "43.20251110.3.1";
    static final String FAULT_RELEASE = "44.20260801.3.0";

    static FakeUpstream upstream;

    @RegisterExtension
    static final RegistryExtension<LocalRegistry> REGISTRY = RegistryExtension.of(LocalRegistry::anonymous);

    private static final LocalRegistry registry = REGISTRY.get();
    static RegistryProxy proxy;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        upstream.defaultZfs();

        upstream.build("stable", STABLE_RELEASE, STABLE_KERNEL);
        upstream.build("testing", TESTING_RELEASE, TESTING_KERNEL);
        upstream.build("next", NEXT_RELEASE, NEXT_KERNEL);

        // The kernel chain: commitmeta absent, then the base image's label, then unknown.
        upstream.stream("label-kernel", LEGACY_RELEASE);
        upstream.stream("no-kernel", BOOTC_RELEASE);
        for (Arch arch : List.of(Arch.X86_64, Arch.AARCH64)) {
            upstream.commitmetaAnswer(
                    "label-kernel", LEGACY_RELEASE, arch, aResponse().withStatus(404));
            upstream.commitmetaAnswer(
                    "no-kernel", BOOTC_RELEASE, arch, aResponse().withStatus(404));
        }
        upstream.stream("commitmeta-fault", FAULT_RELEASE);
        upstream.commitmetaAnswer(
                "commitmeta-fault",
                FAULT_RELEASE,
                Arch.X86_64,
                aResponse().withStatus(500).withBody("upstream broke"));
        upstream.commitmeta("commitmeta-fault", FAULT_RELEASE, Arch.AARCH64, STABLE_KERNEL);

        // ZFS selection: two pages of releases in their own repository.
        upstream.releasePages(
                "zfs-lines/zfs",
                731_245_006L,
                "openzfs-releases-variant-lines-page1.json",
                "openzfs-releases-variant-lines-page2.json");
        upstream.meta("zfs-lines/zfs", "zfs-2.4.10", "openzfs-META-variant-2.4.10.txt");
        upstream.metaAsContents("zfs-lines/zfs", "zfs-2.3.12", "openzfs-META-variant-2.3.12.txt");
        upstream.meta("zfs-lines/zfs", "zfs-2.5.0", "openzfs-META-variant-2.5.0.txt");

        registry.seed()
                .image(
                        TARGET_REPO,
                        "stable",
                        Layout.OCI_INDEX,
                        TargetLabels.bothArches(STABLE_RELEASE, ZFS, STABLE_KERNEL))
                .image(
                        TARGET_REPO,
                        "testing",
                        Layout.DOCKER_MANIFEST_LIST,
                        Map.of(
                                Arch.X86_64, TargetLabels.of(TESTING_RELEASE, ZFS, TESTING_KERNEL + ".x86_64"),
                                Arch.AARCH64, TargetLabels.of(TESTING_OLD_ARM, ZFS, "6.19.15-200.fc44.aarch64")))
                .image(
                        TARGET_REPO,
                        "no-kernel",
                        Layout.OCI_INDEX,
                        TargetLabels.bothArches(BOOTC_RELEASE, ZFS, "6.17.7-300.fc43"))
                .image(
                        BASE_REPO,
                        LEGACY_RELEASE,
                        Layout.OCI_INDEX,
                        Map.of(
                                Arch.X86_64,
                                        E2eFixtures.legacyBaseImageLabels(LEGACY_RELEASE, LEGACY_KERNEL + ".x86_64"),
                                Arch.AARCH64,
                                        E2eFixtures.legacyBaseImageLabels(LEGACY_RELEASE, LEGACY_KERNEL + ".aarch64")))
                .image(
                        BASE_REPO,
                        BOOTC_RELEASE,
                        Layout.OCI_INDEX,
                        Map.of(
                                Arch.X86_64, E2eFixtures.bootcBaseImageLabels(BOOTC_RELEASE),
                                Arch.AARCH64, E2eFixtures.bootcBaseImageLabels(BOOTC_RELEASE)))
                .push();
        proxy = RegistryProxy.inFrontOf(registry);
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    static String target() {
        return registry.hostPort() + "/" + TARGET_REPO;
    }

    /** Everything a run needs, as environment variables only. */
    static Map<String, String> env(String streams) {
        Map<String, String> env = new HashMap<>(upstream.env());
        env.put("COREOS_STREAMS", streams);
        env.put("TARGET_IMAGE", target());
        env.put("COREOS_IMAGE", registry.hostPort() + "/" + BASE_REPO);
        env.put("REGISTRY_PLAIN_HTTP", registry.hostPort());
        return env;
    }

    @Test
    void decidesSkipBuildAndHoldInOneRunAndPrintsOnlyTheReport() {
        Instant before = Instant.now();
        CliRun.Result run =
                new CliRun().env(env("stable,testing,next")).args("--json").run();

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().startsWith("{") && run.stdout().endsWith("}\n"), run::toString);
        ReportView report = run.report();
        report.assertShape();
        JsonNode root = report.root();
        Instant checkedAt = Instant.parse(root.path("checkedAt").asText());
        assertFalse(checkedAt.isBefore(before.minusSeconds(1)) || checkedAt.isAfter(Instant.now()), run::toString);
        assertTrue(root.path("dryRun").asBoolean(false), run::toString);
        assertEquals(target(), root.path("targetImage").asText());
        assertEquals(List.of("stable", "testing", "next"), report.streams());
        assertEquals(0, root.path("errors").size(), run::toString);

        // stable: both arches carry exactly this combination.
        JsonNode stable = report.decision("stable");
        assertEquals("SKIP", stable.path("action").asText());
        assertEquals(STABLE_RELEASE, stable.path("coreosVersion").asText());
        assertEquals(ZFS, stable.path("zfsVersion").asText());
        assertTrue(
                stable.path("reason")
                        .asText()
                        .contains("already carries coreos " + STABLE_RELEASE + " with zfs " + ZFS),
                stable::toPrettyString);
        for (String arch : List.of("x86_64", "aarch64")) {
            JsonNode a = report.arch("stable", arch);
            assertEquals(STABLE_KERNEL + "." + arch, a.path("kernelVersion").asText());
            assertEquals("COMPATIBLE", a.path("compatibility").asText());
            assertEquals(RANGE, a.path("linuxRange").asText());
            assertEquals(
                    STABLE_RELEASE, a.path("existing").path("coreosVersion").asText());
            assertEquals(ZFS, a.path("existing").path("zfsVersion").asText());
            assertEquals(
                    STABLE_KERNEL + "." + arch,
                    a.path("existing").path("kernelVersion").asText());
            assertTrue(a.path("built").asBoolean(false));
        }
        assertDispatch(stable, "NONE");

        // testing: arm64 carries an older CoreOS; the reason names the platform, the tag and the old version.
        JsonNode testing = report.decision("testing");
        assertEquals("BUILD", testing.path("action").asText());
        assertEquals(TESTING_RELEASE, testing.path("coreosVersion").asText());
        assertEquals(
                "linux/arm64 of " + target() + ":testing carries coreos " + TESTING_OLD_ARM,
                testing.path("reason").asText());
        assertTrue(report.arch("testing", "x86_64").path("built").asBoolean(false));
        JsonNode arm = report.arch("testing", "aarch64");
        assertFalse(arm.path("built").asBoolean(true));
        assertEquals(TESTING_OLD_ARM, arm.path("existing").path("coreosVersion").asText());
        assertEquals(TESTING_KERNEL + ".aarch64", arm.path("kernelVersion").asText());
        assertEquals("COMPATIBLE", arm.path("compatibility").asText());
        assertDispatch(testing, "DRY_RUN");

        // next: its kernel line 7.0 is beyond META's Linux-Maximum 6.19, and nothing is built yet.
        JsonNode next = report.decision("next");
        assertEquals("HOLD", next.path("action").asText());
        String reason = next.path("reason").asText();
        assertTrue(reason.contains(NEXT_KERNEL + ".x86_64") && reason.contains(RANGE) && reason.contains(ZFS), reason);
        for (String a : List.of("x86_64", "aarch64")) {
            assertEquals(
                    "INCOMPATIBLE", report.arch("next", a).path("compatibility").asText());
            assertTrue(report.arch("next", a).path("existing").isNull(), next::toPrettyString);
            assertFalse(report.arch("next", a).path("built").asBoolean(true));
        }
        assertDispatch(next, "NONE");

        // Logs are on stderr, one line per stream; nothing of them on stdout.
        assertTrue(run.stderr().contains("stream testing: BUILD"), run::toString);
        assertTrue(run.stderr().contains("stream next: HOLD"), run::toString);
        assertFalse(run.stdout().contains("INFO"), run::toString);
    }

    @Test
    void walksTheKernelChainAndNeverGuessesOnAFault() {
        CliRun.Result run = new CliRun()
                .env(env("label-kernel,no-kernel,commitmeta-fault"))
                .args("--json")
                .run();

        assertEquals(1, run.exitCode(), run::toString);
        ReportView report = run.report();
        report.assertShape();

        // commitmeta 404 -> the base image at the release tag carries ostree.linux (Fedora 42 and older).
        assertEquals("BUILD", report.action("label-kernel"), run::toString);
        for (String arch : List.of("x86_64", "aarch64")) {
            JsonNode a = report.arch("label-kernel", arch);
            assertEquals(LEGACY_KERNEL + "." + arch, a.path("kernelVersion").asText(), a::toPrettyString);
            assertEquals("COMPATIBLE", a.path("compatibility").asText());
            assertTrue(a.path("existing").isNull(), a::toPrettyString);
        }
        assertTrue(report.reason("label-kernel").contains("is missing"), report.reason("label-kernel"));

        // commitmeta 404 and a bootc base image without the label: unknown, and the built target is not rebuilt for it.
        assertEquals("SKIP", report.action("no-kernel"), run::toString);
        for (String arch : List.of("x86_64", "aarch64")) {
            JsonNode a = report.arch("no-kernel", arch);
            assertTrue(a.path("kernelVersion").isNull(), a::toPrettyString);
            assertEquals("UNKNOWN", a.path("compatibility").asText());
            assertTrue(a.path("built").asBoolean(false), a::toPrettyString);
        }

        // commitmeta 500 is a fault, not absence: ERROR, never an unknown kernel or a build.
        JsonNode fault = report.decision("commitmeta-fault");
        assertEquals("ERROR", fault.path("action").asText(), run::toString);
        assertTrue(
                fault.path("reason").asText().contains("commitmeta.json")
                        && fault.path("reason").asText().contains("500"),
                fault::toPrettyString);
        assertEquals(
                fault.path("reason").asText(),
                report.onlyError("commitmeta-fault", "upstream").path("message").asText());
        assertEquals(
                0,
                report.errors("label-kernel").size()
                        + report.errors("no-kernel").size(),
                run::toString);
    }

    @Test
    void withoutATargetImageEveryStreamIsAnErrorThatStillShowsUpstream() {
        Map<String, String> env = env("stable,testing");
        env.remove("TARGET_IMAGE");

        CliRun.Result json = new CliRun().env(env).args("--json").run();

        assertEquals(1, json.exitCode(), json::toString);
        ReportView report = json.report();
        report.assertShape();
        assertTrue(report.root().path("targetImage").isNull(), json::toString);
        for (String stream : List.of("stable", "testing")) {
            JsonNode d = report.decision(stream);
            assertEquals("ERROR", d.path("action").asText(), json::toString);
            assertTrue(d.path("reason").asText().contains("target.image"), d::toPrettyString);
            assertEquals(ZFS, d.path("zfsVersion").asText());
            assertEquals(2, d.path("architectures").size(), d::toPrettyString);
            for (JsonNode a : d.path("architectures")) {
                assertEquals("COMPATIBLE", a.path("compatibility").asText(), a::toPrettyString);
                assertEquals(RANGE, a.path("linuxRange").asText());
                assertTrue(a.path("existing").isNull());
            }
            report.onlyError(stream, "registry");
        }
        assertEquals(
                STABLE_RELEASE, report.decision("stable").path("coreosVersion").asText());
        assertEquals(
                TESTING_KERNEL + ".aarch64",
                report.arch("testing", "aarch64").path("kernelVersion").asText());

        CliRun.Result table = new CliRun().env(env).run();

        assertEquals(1, table.exitCode(), table::toString);
        assertTrue(table.stdout().contains("target image: none configured (set target.image"), table::toString);
        assertTrue(
                table.stdout().contains(STABLE_KERNEL + ".x86_64")
                        && table.stdout().contains("COMPATIBLE (" + RANGE + ")"),
                table::toString);
        assertTrue(
                table.stdout().lines().anyMatch(l -> l.startsWith("stable: ERROR") && l.contains("target.image")),
                table::toString);
        assertFalse(table.stdout().contains("\u001b["), "no colour when stdout is not a terminal");
    }

    @Test
    void choosesTheZfsReleaseAcrossPagesAndLines() {
        Map<String, String> env = env("stable");
        env.put("ZFS_REPOSITORY", "zfs-lines/zfs");
        int page2Before = upstream.requestsTo(FakeUpstream.API + "/repositories/731245006/releases")
                .size();

        // Default: 2.5.0 alone does not open its line, 2.4.99 is a marker, 2.4.11 a draft: 2.4.10 from page 2.
        ReportView byDefault = checkJson(env, 0);
        JsonNode d = byDefault.decision("stable");
        assertEquals("2.4.10", d.path("zfsVersion").asText(), d::toPrettyString);
        assertEquals(
                "4.18-7.0",
                byDefault.arch("stable", "x86_64").path("linuxRange").asText());
        assertEquals("BUILD", d.path("action").asText());
        assertEquals(
                "linux/amd64 of " + target() + ":stable carries zfs " + ZFS,
                d.path("reason").asText());
        assertEquals(
                page2Before + 1,
                upstream.requestsTo(FakeUpstream.API + "/repositories/731245006/releases")
                        .size(),
                "page 2 is read through the Link header, below /api/v3");

        // A pinned line: 2.3.12 (META sent as base64 contents) supports Linux up to 6.15 only.
        env.put("ZFS_SERIES", "2.3");
        ReportView pinned = checkJson(env, 0);
        JsonNode p = pinned.decision("stable");
        assertEquals("2.3.12", p.path("zfsVersion").asText(), p::toPrettyString);
        assertEquals("HOLD", p.path("action").asText());
        assertEquals(
                "INCOMPATIBLE",
                pinned.arch("stable", "x86_64").path("compatibility").asText());
        assertTrue(
                p.path("reason").asText().contains("4.18-6.15")
                        && p.path("reason").asText().contains(STABLE_KERNEL),
                p::toPrettyString);

        // Allowed to take a .0: the new line's 2.5.0.
        env.remove("ZFS_SERIES");
        env.put("ZFS_ALLOW_DOT_ZERO", "true");
        ReportView dotZero = checkJson(env, 0);
        assertEquals("2.5.0", dotZero.decision("stable").path("zfsVersion").asText());
        assertEquals(
                "5.10-7.1", dotZero.arch("stable", "aarch64").path("linuxRange").asText());
    }

    /**
     * The cost of one stream on loopback: wall time and peak RSS of the child (GNU time, when
     * installed) and every HTTP request it made, upstream (WireMock's journal) and to the registry
     * (the pass-through proxy's journal). Each document is fetched once. Runs last, so that the
     * servers in this JVM are warm and the numbers are the child's own; {@code --stream} overrides
     * COREOS_STREAMS, so nothing of {@code next} is fetched.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void oneStreamCostsOneRequestPerDocument() throws Exception {
        Map<String, String> env = env("next");
        env.put("TARGET_IMAGE", proxy.hostPort() + "/" + TARGET_REPO);
        env.put("REGISTRY_PLAIN_HTTP", proxy.hostPort());
        upstream.server().resetRequests();
        proxy.resetRequests();
        Path timeFile = Files.createTempFile("cli-time-", ".txt");
        CliRun cli = new CliRun().env(env).args("--json", "--stream", "stable");
        boolean gnuTime = Files.isExecutable(Path.of("/usr/bin/time"));
        if (gnuTime) {
            cli.wrappedIn(List.of("/usr/bin/time", "-v", "-o", timeFile.toString()));
        }

        CliRun.Result run;
        String time;
        try {
            run = cli.run();
            time = gnuTime ? Files.readString(timeFile) : "";
        } finally {
            Files.deleteIfExists(timeFile);
        }

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(List.of("stable"), run.report().streams());
        assertEquals("SKIP", run.report().action("stable"), run::toString);
        List<String> upstreamUrls = upstream.requests().stream()
                .map(e -> e.getRequest().getUrl())
                .sorted()
                .toList();
        assertEquals(
                List.of(
                                FakeUpstream.releasesPath("openzfs/zfs"),
                                FakeUpstream.metaPath("openzfs/zfs", "zfs-" + ZFS),
                                FakeUpstream.commitmetaPath("stable", STABLE_RELEASE, Arch.AARCH64),
                                FakeUpstream.commitmetaPath("stable", STABLE_RELEASE, Arch.X86_64),
                                "/streams/stable.json")
                        .stream()
                        .sorted()
                        .toList(),
                upstreamUrls);
        List<String> registryUrls = proxy.requests().stream()
                .map(e -> e.getRequest().getMethod() + " " + e.getRequest().getUrl())
                .toList();
        // The index by tag, then per arch its manifest and config blob; each once.
        assertEquals(1, count(registryUrls, "GET /v2/" + TARGET_REPO + "/manifests/stable"), registryUrls::toString);
        assertEquals(2, count(registryUrls, "GET /v2/" + TARGET_REPO + "/manifests/sha256:"), registryUrls::toString);
        assertEquals(2, count(registryUrls, "GET /v2/" + TARGET_REPO + "/blobs/sha256:"), registryUrls::toString);
        assertEquals(5, registryUrls.stream().distinct().count(), registryUrls::toString);

        StringBuilder note = new StringBuilder("FOOTPRINT one stream, two arches, check --json on loopback: ")
                .append("wall ")
                .append(run.wall().toMillis())
                .append(" ms (seen by the test)");
        if (gnuTime) {
            note.append(", GNU time elapsed ")
                    .append(field(time, "Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\): (\\S+)"))
                    .append(", max RSS ")
                    .append(field(time, "Maximum resident set size \\(kbytes\\): (\\d+)"))
                    .append(" kB")
                    .append(", user ")
                    .append(field(time, "User time \\(seconds\\): (\\S+)"))
                    .append(" s")
                    .append(", system ")
                    .append(field(time, "System time \\(seconds\\): (\\S+)"))
                    .append(" s");
        }
        note.append("; HTTP requests: upstream ")
                .append(upstreamUrls.size())
                .append(" ")
                .append(upstreamUrls)
                .append(", registry ")
                .append(registryUrls.size())
                .append(" ")
                .append(registryUrls);
        System.out.println(note);
    }

    private static long count(List<String> urls, String prefix) {
        return urls.stream().filter(u -> u.startsWith(prefix)).count();
    }

    private static String field(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : "?";
    }

    private static ReportView checkJson(Map<String, String> env, int exitCode) {
        CliRun.Result run = new CliRun().env(env).args("--json").run();
        assertEquals(exitCode, run.exitCode(), run::toString);
        ReportView report = run.report();
        report.assertShape();
        return report;
    }

    private static void assertDispatch(JsonNode decision, String status) {
        JsonNode dispatch = decision.path("dispatch");
        assertEquals(status, dispatch.path("status").asText(), decision::toPrettyString);
        assertTrue(dispatch.path("runId").isNull() && dispatch.path("runUrl").isNull(), decision::toPrettyString);
    }
}
