package dev.coreoswatch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.coreoswatch.cache.CacheFile;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.ImageLabels;
import dev.coreoswatch.testing.LocalRegistry;
import dev.coreoswatch.testing.LocalRegistry.Layout;
import dev.coreoswatch.testing.RegistryExtension;
import dev.coreoswatch.testing.UpstreamStubs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI keeps its cache in the state directory across processes. Each check runs in a JVM of its
 * own (the real {@code Main}, configured by -D properties and a bare environment), so the second
 * one starts with nothing in memory. The registry is a real docker-registry behind a recording
 * WireMock proxy: the CLI cannot be handed a counting decorator from here, and the proxy's journal
 * shows every request the CLI sent to it (GET or HEAD, which manifest).
 */
class CheckCacheTest {
    private static final String TOKEN = "ghp_CANARY0cli0cache0token0never0on0disk";
    private static final String REPO = "acme/custom-coreos";
    private static final String STABLE = "44.20260811.3.0";
    private static final String TESTING = "44.20260818.2.0";

    private static UpstreamStubs upstream;

    @RegisterExtension
    static final RegistryExtension<LocalRegistry> REGISTRY = RegistryExtension.of(LocalRegistry::anonymous);

    private static final LocalRegistry registry = REGISTRY.get();
    private static WireMockServer proxy;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        upstream = new UpstreamStubs();
        registry.seed()
                .image(
                        REPO,
                        "stable",
                        Layout.OCI_INDEX,
                        Map.of(
                                Arch.X86_64, labels(STABLE, "7.1.9-200.fc44.x86_64"),
                                Arch.AARCH64, labels(STABLE, "7.1.9-200.fc44.aarch64")))
                .image(
                        REPO,
                        "testing",
                        Layout.OCI_MANIFEST,
                        Map.of(Arch.X86_64, labels("44.20260727.2.1", "7.2.1-200.fc44.x86_64")))
                .push();
        proxy = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        proxy.start();
        proxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom("http://" + registry.hostPort())));
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.stop();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private static Map<String, String> labels(String coreos, String kernel) {
        return Map.of(
                ImageLabels.COREOS_VERSION,
                coreos,
                ImageLabels.ZFS_VERSION,
                "2.5.2",
                ImageLabels.KERNEL_VERSION,
                kernel);
    }

    @BeforeEach
    void serveUpstream() {
        upstream.reset();
        upstream.stream("stable", STABLE, "s-1");
        upstream.stream("testing", TESTING, "t-1");
        for (Arch arch : List.of(Arch.X86_64, Arch.AARCH64)) {
            upstream.commitmeta("stable", STABLE, arch, "7.1.9", "200.fc44");
            upstream.commitmeta("testing", TESTING, arch, "7.2.4", "200.fc44");
        }
        upstream.releases("1");
        upstream.meta("zfs-2.5.2", "2.5.2", "4.18", "7.3");
        proxy.resetRequests();
    }

    private record Run(int exit, String stdout, String stderr) {}

    /** {@code coreos-watch check ...} in a new JVM with only PATH and HOME in its environment. */
    private Run cli(Path home, String... args) throws IOException, InterruptedException {
        String proxyHost = "127.0.0.1:" + proxy.port();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Duser.home=" + home,
                "-Dcoreos.streams=stable,testing",
                "-Dcoreos.metadata-url=" + upstream.metadataUrl(),
                "-Dcoreos.image=" + proxyHost + "/fedora/fedora-coreos",
                "-Dgithub.api-url=" + upstream.githubApiUrl(),
                "-Dgithub.token=" + TOKEN,
                "-Dtarget.image=" + proxyHost + "/" + REPO,
                "-Dregistry.plain-http=" + proxyHost,
                Main.class.getName(),
                "check",
                "--json"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "stdout", ".txt");
        Path err = Files.createTempFile(tmp, "stderr", ".txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("HOME", home.toString());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("coreos-watch check did not finish within 60 s: " + Files.readString(err));
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static JsonNode decisions(Run run) {
        return Json.parse(run.stdout().getBytes(StandardCharsets.UTF_8), "report")
                .get("decisions");
    }

    private static List<LoggedRequest> requests(WireMockServer server) {
        return server.getAllServeEvents().stream().map(ServeEvent::getRequest).toList();
    }

    private static String describe(List<LoggedRequest> requests) {
        StringBuilder out = new StringBuilder();
        requests.forEach(r -> out.append('\n')
                .append(r.getMethod())
                .append(' ')
                .append(r.getUrl())
                .append(r.containsHeader("If-None-Match") ? " (conditional)" : ""));
        return out.toString();
    }

    @Test
    void aSecondProcessReusesTheSavedCacheAndOnlyAsksWhetherAnythingChanged() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path state = tmp.resolve("state"); // given with --state-dir but not made yet: the CLI creates it

        Run first = cli(home, "--state-dir", state.toString());
        assertEquals(0, first.exit(), first.stderr());
        assertTrue(Files.isRegularFile(state.resolve(CacheFile.FILE_NAME)), first.stderr());
        upstream.server.resetRequests();
        proxy.resetRequests();

        Run second = cli(home, "--state-dir", state.toString());

        assertEquals(0, second.exit(), second.stderr());
        assertEquals(decisions(first), decisions(second));
        assertEquals("SKIP", decisions(second).get(0).get("action").asText());
        assertEquals("BUILD", decisions(second).get(1).get("action").asText());
        List<LoggedRequest> upstreamRequests = requests(upstream.server);
        String upstreamList = describe(upstreamRequests);
        // 2 stream documents + 2 release pages, each asked "changed?"; no commitmeta, no META again
        assertEquals(4, upstreamRequests.size(), upstreamList);
        assertTrue(upstreamRequests.stream().allMatch(r -> r.containsHeader("If-None-Match")), upstreamList);
        assertEquals(4, upstream.answered(304, r -> true), upstreamList);
        List<LoggedRequest> registryRequests = requests(proxy);
        String registryList = describe(registryRequests);
        assertEquals(2, registryRequests.size(), registryList);
        assertTrue(
                registryRequests.stream()
                        .allMatch(r -> r.getMethod().getName().equals("HEAD")
                                && r.getUrl().matches("/v2/" + REPO + "/manifests/(stable|testing)")),
                registryList);
        // A cache, not a credential store.
        String saved = Files.readString(state.resolve(CacheFile.FILE_NAME));
        assertFalse(saved.contains(TOKEN), "the GitHub token was written to the cache");
        assertFalse(saved.toLowerCase(Locale.ROOT).contains("authorization"), "a header name was written to the cache");
    }

    @Test
    void aDryRunWithoutAStateDirectoryCreatesNothing() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("empty-home"));

        Run run = cli(home);

        assertEquals(0, run.exit(), run.stderr());
        assertEquals(2, decisions(run).size());
        try (Stream<Path> left = Files.list(home)) {
            assertEquals(List.of(), left.toList(), "a dry run must leave no state behind");
        }
    }

    @Test
    void aDamagedCacheIsIgnoredWithAWarningAndReplaced() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path state = Files.createDirectories(home.resolve(".local/state/coreos-watch")); // the default, already there
        Files.writeString(state.resolve(CacheFile.FILE_NAME), "{\"version\":1,\"responses\":[{\"uri\":");

        Run run = cli(home);

        assertEquals(0, run.exit(), run.stderr());
        assertTrue(run.stderr().contains("damaged"), run.stderr());
        assertEquals(
                6,
                upstream.count(r ->
                        r.getUrl().contains("/commitmeta.json") || r.getUrl().startsWith("/streams/")),
                describe(requests(upstream.server)));
        assertTrue(
                Files.readString(state.resolve(CacheFile.FILE_NAME)).startsWith("{\"version\":1,"),
                "an existing state directory gets the new cache");
    }
}
