package dev.coreoswatch.functiontests;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.coreoswatch.config.ConfigSource;
import dev.coreoswatch.config.WatchConfig;
import dev.coreoswatch.ledger.ClaimDetails;
import dev.coreoswatch.ledger.DynamoDbLedger;
import dev.coreoswatch.ledger.FileLedger;
import dev.coreoswatch.ledger.Ledger;
import dev.coreoswatch.ledger.LedgerEntry;
import dev.coreoswatch.ledger.LedgerKey;
import dev.coreoswatch.ledger.LedgerOutcome;
import dev.coreoswatch.ledger.LedgerStatus;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.Report;
import dev.coreoswatch.testing.Dynalite;
import dev.coreoswatch.testing.LocalRegistry;
import dev.coreoswatch.testing.RegistryExtension;
import dev.coreoswatch.testing.SampleEvents;
import dev.coreoswatch.wiring.Components;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One situation, one action, whichever door sees it (CONTRACT section 7, "One decision"): each row
 * runs through the pipeline's {@code check} (what the command line runs) and through the three
 * functions' jars under the real runtime (watcher → inspector → dispatcher, each event handed on as
 * EventBridge got it), against a real registry, dynalite and WireMock FCOS and GitHub. Dry run: the
 * dispatcher decides but sends nothing.
 */
class OneDecisionTableTest {
    private static final String BUS = "coreos-watch-e2e-events";
    private static final String WORKFLOW = "acme/fcos-builds";
    /** Newer than Upstream.STABLE: what a stale CDN copy or a metadata revert would undo. */
    private static final String NEWER_STABLE = "44.20261105.3.0";
    /** A row marker, not a configuration key: upstream has no commitmeta for the release (nor a base image). */
    private static final String UNKNOWN_KERNELS = "row.unknown-kernels";

    enum Situation {
        BUILT_AND_HELD("testing", "built-held", Upstream.TESTING, Map.of(), false, "SKIP"),
        MISSING_AND_INCOMPATIBLE("testing", "missing-incompatible", null, Map.of(), false, "HOLD"),
        BUILT_AND_BLOCKED(
                "stable",
                "built-blocked",
                Upstream.STABLE,
                Map.of("coreos.blocked-versions", Upstream.STABLE),
                false,
                "SKIP"),
        MISSING_AND_BLOCKED(
                "stable", "missing-blocked", null, Map.of("coreos.blocked-versions", Upstream.STABLE), false, "HOLD"),
        DOWNGRADE("stable", "downgrade", NEWER_STABLE, Map.of(), false, "HOLD"),
        DOWNGRADE_ALLOWED(
                "stable", "downgrade-allowed", NEWER_STABLE, Map.of("coreos.allow-downgrade", "true"), false, "BUILD"),
        MISSING("stable", "missing", null, Map.of(), false, "BUILD"),
        ATTEMPTS_EXHAUSTED("stable", "attempts-exhausted", null, Map.of(), true, "HOLD"),
        /** No commitmeta and no base image label: the kernel is unknown and only CoreOS and ZFS count. */
        UNKNOWN_KERNELS_BUILT(
                "stable", "unknown-built", Upstream.STABLE, Map.of(UNKNOWN_KERNELS, "true"), false, "SKIP"),
        UNKNOWN_KERNELS_MISSING("stable", "unknown-missing", null, Map.of(UNKNOWN_KERNELS, "true"), false, "BUILD");

        final String stream;
        final String repository;
        /** The CoreOS version the image carries at the stream's tag (with the upstream ZFS and kernels), null: no image. */
        final String carried;

        final Map<String, String> keys;
        /** The ledger holds dispatch.max-attempts failed attempts of this combination. */
        final boolean failedTwice;

        final String expected;

        Situation(
                String stream,
                String repository,
                String carried,
                Map<String, String> keys,
                boolean failedTwice,
                String expected) {
            this.stream = stream;
            this.repository = "acme/" + repository;
            this.carried = carried;
            this.keys = keys;
            this.failedTwice = failedTwice;
            this.expected = expected;
        }

        String release() {
            return stream.equals("stable") ? Upstream.STABLE : Upstream.TESTING;
        }

        String kernel() {
            return stream.equals("stable") ? Upstream.STABLE_KERNEL : Upstream.TESTING_KERNEL;
        }
    }

    private static WireMockServer fcos;
    /** FCOS whose build artifacts are gone: the stream document, and 404 for every commitmeta. */
    private static WireMockServer fcosWithoutCommitmeta;

    private static WireMockServer github;
    private static WireMockServer eventBridge;

    @RegisterExtension
    static final RegistryExtension<LocalRegistry> REGISTRY = RegistryExtension.of(LocalRegistry::anonymous);

    private static final LocalRegistry registry = REGISTRY.get();
    private static Dynalite dynalite;

    @BeforeAll
    static void start() throws Exception {
        fcos = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        github = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        eventBridge = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        fcosWithoutCommitmeta =
                new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        for (WireMockServer server : List.of(fcos, github, eventBridge, fcosWithoutCommitmeta)) {
            server.start();
        }
        Upstream.serveFcos(fcos);
        fcosWithoutCommitmeta.stubFor(get(urlPathEqualTo("/streams/stable.json"))
                .willReturn(okJson(Upstream.fixture("fcos-stream-stable-variant.json"))));
        Upstream.serveOpenZfs(github);
        github.stubFor(get(urlPathEqualTo("/repos/" + WORKFLOW + "/actions/workflows/build.yaml/runs"))
                .willReturn(okJson("{\"total_count\":0,\"workflow_runs\":[]}")));
        dynalite = Dynalite.start();
        LocalRegistry.Seeding seeding = registry.seed();
        for (Situation s : Situation.values()) {
            if (s.carried != null) {
                // With unknown upstream kernels, the image's kernel labels must not matter: an older kernel here.
                String kernel = s.keys.containsKey(UNKNOWN_KERNELS) ? "6.18.3-200.fc44" : s.kernel();
                seeding.image(
                        s.repository,
                        s.stream,
                        LocalRegistry.Layout.OCI_INDEX,
                        Map.of(
                                Arch.X86_64, Labels.of(s.carried, Upstream.ZFS, kernel + ".x86_64"),
                                Arch.AARCH64, Labels.of(s.carried, Upstream.ZFS, kernel + ".aarch64")));
            }
        }
        seeding.push();
    }

    @AfterAll
    static void stop() {
        for (WireMockServer server : new WireMockServer[] {fcos, github, eventBridge, fcosWithoutCommitmeta}) {
            if (server != null) {
                server.stop();
            }
        }
        if (dynalite != null) {
            dynalite.close();
        }
    }

    /** The situation's configuration, as properties; the functions get it as environment variables. */
    private static Map<String, String> keys(Situation s, String table) {
        Map<String, String> keys = new HashMap<>(s.keys);
        boolean unknownKernels = keys.remove(UNKNOWN_KERNELS) != null;
        keys.put("coreos.streams", s.stream);
        keys.put("coreos.architectures", "x86_64,aarch64");
        keys.put("coreos.metadata-url", (unknownKernels ? fcosWithoutCommitmeta : fcos).baseUrl());
        keys.put("coreos.image", registry.hostPort() + "/fedora/fedora-coreos");
        keys.put("github.api-url", github.baseUrl());
        keys.put("github.token", "ghp_OneDecisionTableToken000000000000000");
        keys.put("github.workflow.repository", WORKFLOW);
        keys.put("target.image", registry.hostPort() + "/" + s.repository);
        keys.put("registry.plain-http", registry.hostPort());
        keys.put("dispatch.dry-run", "true");
        keys.put("ledger.table", table);
        keys.put("events.bus-name", BUS);
        return keys;
    }

    private static Map<String, String> environment(Map<String, String> keys) {
        Map<String, String> env = new HashMap<>();
        keys.forEach((k, v) -> env.put(ConfigSource.environmentName(k), v));
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", eventBridge.baseUrl());
        return env;
    }

    /** dispatch.max-attempts (2) failed attempts of the situation's combination, each told. */
    private static void failTwice(Ledger ledger, Situation s) {
        LedgerKey key = LedgerKey.of(registry.hostPort() + "/" + s.repository, s.stream, s.release(), Upstream.ZFS);
        Instant at = Instant.now().minus(Duration.ofHours(2));
        for (long run = 1; run <= 2; run++) {
            ledger.claim(key, ClaimDetails.of("missing"), at, Duration.ofHours(3));
            LedgerEntry dispatched =
                    ledger.recordDispatched(key, run, "https://github.com/" + WORKFLOW + "/actions/runs/" + run, at);
            ledger.recordOutcome(
                    key, dispatched, new LedgerOutcome(LedgerStatus.FAILED, run, null, "failure", null), at);
            ledger.markNotified(key, true, at);
        }
    }

    /** The door the command line uses: the whole check in one process, with the local ledger. */
    private String check(Situation s) throws Exception {
        WatchConfig config = WatchConfig.load(ConfigSource.of(keys(s, "unused")));
        FileLedger ledger = new FileLedger(
                Files.createTempDirectory("one-decision-" + s.name().toLowerCase()));
        if (s.failedTwice) {
            failTwice(ledger, s);
        }
        Report report = Components.create(config).check(Optional.of(ledger)).run(false, true);
        return report.decisions().get(0).action().name();
    }

    /** The functions: the watcher's event goes to the inspector, its BuildRequired to the dispatcher; the last word counts. */
    private String functions(Situation s) {
        String table = "ledger-" + UUID.randomUUID();
        dynalite.createTable(DynamoDbLedger.tableDefinition(table));
        if (s.failedTwice) {
            failTwice(new DynamoDbLedger(dynalite.client(), table), s);
        }
        Map<String, String> env = environment(keys(s, table));
        JsonNode event = publishedBy(LambdaFunctions.WATCHER, LambdaFunctions.sampleEvent("scheduled-run.json"), env);
        if (event.get("DetailType").textValue().equals("BuildHeld")) {
            return "HOLD";
        }
        FunctionRun inspector = LambdaFunctions.invoke(LambdaFunctions.INSPECTOR, envelope(event), env);
        JsonNode decided = inspector.response();
        if (!decided.get("action").textValue().equals("BUILD")) {
            return decided.get("action").textValue();
        }
        JsonNode required = AwsJsonService.putEventsEntries(eventBridge).get(0);
        return LambdaFunctions.invoke(LambdaFunctions.DISPATCHER, envelope(required), env)
                .response()
                .get("action")
                .textValue();
    }

    /** Invokes a function and returns the one event it put on the bus. */
    private static JsonNode publishedBy(String function, byte[] input, Map<String, String> env) {
        eventBridge.resetAll();
        AwsJsonService.acceptPutEvents(eventBridge);
        FunctionRun run = LambdaFunctions.invoke(function, input, env);
        run.response();
        List<JsonNode> entries = AwsJsonService.putEventsEntries(eventBridge);
        assertEquals(1, entries.size(), run.describe());
        JsonNode entry = entries.get(0);
        eventBridge.resetAll();
        AwsJsonService.acceptPutEvents(eventBridge);
        return entry;
    }

    private static byte[] envelope(JsonNode entry) {
        return SampleEvents.envelope(
                entry.get("DetailType").textValue(),
                new String(
                        AwsJsonService.detail(entry).toString().getBytes(StandardCharsets.UTF_8),
                        StandardCharsets.UTF_8));
    }

    @TestFactory
    Stream<DynamicTest> everyDoorGivesTheSameAction() {
        return Stream.of(Situation.values())
                .map(s -> DynamicTest.dynamicTest(s.name(), () -> {
                    assertEquals(s.expected, check(s), "check: " + s);
                    assertEquals(s.expected, functions(s), "functions: " + s);
                }));
    }
}
