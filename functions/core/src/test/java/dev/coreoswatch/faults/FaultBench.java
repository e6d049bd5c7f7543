package dev.coreoswatch.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.coreoswatch.config.ConfigSource;
import dev.coreoswatch.config.WatchConfig;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.RetryPolicy;
import dev.coreoswatch.http.RetryingHttp;
import dev.coreoswatch.http.UrlConnectionHttp;
import dev.coreoswatch.ledger.DynamoDbLedger;
import dev.coreoswatch.ledger.Ledger;
import dev.coreoswatch.ledger.LedgerEntry;
import dev.coreoswatch.ledger.LedgerKey;
import dev.coreoswatch.model.Action;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.Decision;
import dev.coreoswatch.model.ImageLabels;
import dev.coreoswatch.model.Report;
import dev.coreoswatch.model.StageError;
import dev.coreoswatch.registry.GhcrStubs;
import dev.coreoswatch.report.ReportJson;
import dev.coreoswatch.testing.Dynalite;
import dev.coreoswatch.testing.LocalRegistry;
import dev.coreoswatch.testing.LocalRegistry.Layout;
import dev.coreoswatch.testing.UpstreamStubs;
import dev.coreoswatch.wiring.Components;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The whole decision, wired as in production, against loopback services: WireMock as FCOS and
 * GitHub ({@link UpstreamStubs}, which also takes the workflow dispatches), a real
 * docker-registry holding the target image and the FCOS base image, three WireMocks shaped like
 * ghcr for registry faults ({@link GhcrStubs}), dynalite for the ledger and one more WireMock
 * speaking the AWS JSON protocols (DynamoDB, EventBridge) for the faults dynalite cannot make.
 *
 * <p>HTTP goes through the production stack (UrlConnectionHttp inside RetryingHttp) with {@link #RETRIES}
 * and a sleeper that records the waits ({@link #waits}) instead of sleeping.
 *
 * <p>Without a fault, a check of {@code stable} and {@code testing} gives: stable BUILD (the
 * target carries an older build), dispatched once; testing SKIP. Every fault row changes one
 * thing in that picture, so "nothing was dispatched" means something: the same setup without
 * the fault dispatches.
 */
final class FaultBench implements AutoCloseable {
    /** A canary GitHub token: sent on every GitHub request, and found in no message, report or log line. */
    static final String TOKEN = "ghp_CANARY0fault0matrix0token0Zq81xR0never";

    static final String STABLE = "stable";
    static final String TESTING = "testing";
    static final String STABLE_RELEASE = "44.20260811.3.0";
    static final String TESTING_RELEASE = "44.20260818.2.0";
    static final String OLD_RELEASE = "44.20260727.3.1";
    static final String[] STABLE_KERNEL = {"7.1.9", "200.fc44"};
    static final String[] TESTING_KERNEL = {"7.2.4", "200.fc44"};
    static final String ZFS = "2.5.2"; // the newest release of the variant release pages (2.5.3 is a draft)

    static final String WORKFLOW_REPOSITORY = "acme/fcos-builds";
    static final String DISPATCHES = "/api/v3/repos/acme/fcos-builds/actions/workflows/build.yaml/dispatches";
    static final String RUNS = "/api/v3/repos/acme/fcos-builds/actions/workflows/build.yaml/runs";
    /** The run title a dispatch of stable gives (the workflow sets it from the inputs). */
    static final String STABLE_TITLE = "build stable " + STABLE_RELEASE + " zfs " + ZFS;

    static final String TARGET_REPOSITORY = "acme/custom-coreos";
    static final String BASE_REPOSITORY = "fedora/fedora-coreos";
    static final String BUS = "coreos-watch-faults";

    /**
     * Production's retry policy (attempts, longest server-asked wait, budget) with millisecond
     * backoffs: a Retry-After within production's bound is waited for (recorded, not slept), one
     * beyond it is given up on at once, exactly as deployed.
     */
    static final RetryPolicy RETRIES = new RetryPolicy(
            RetryPolicy.DEFAULT.maxAttempts(),
            Duration.ofMillis(1),
            Duration.ofMillis(2),
            RetryPolicy.DEFAULT.maxServerWait(),
            RetryPolicy.DEFAULT.budget());

    final UpstreamStubs upstream = new UpstreamStubs();
    final GhcrStubs ghcr = new GhcrStubs();
    final WireMockServer aws =
            new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    final LocalRegistry registry;
    final Dynalite dynalite;
    /**
     * A loopback port nothing listens on: connections to it are refused. It stays bound (not listening) while the
     * bench lives, so no server picking a free port (the registry, dynalite, WireMock) can be given it.
     */
    final int deadPort;

    private final Socket deadPortReservation;

    /** Every wait RetryingHttp asked for in this row, instead of sleeping. */
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    /** What this row produced that a person could read: reports, messages, log lines, metrics. */
    private final StringBuilder printed = new StringBuilder();
    /** Runs while GitHub lists the workflow's runs (between the in-flight check and the claim). */
    private volatile Runnable onRunsListing = () -> {};

    private String table;

    FaultBench() throws IOException {
        aws.start();
        deadPortReservation = new Socket();
        deadPortReservation.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        deadPort = deadPortReservation.getLocalPort();
        upstream.server.addMockServiceRequestListener((request, response) -> {
            if (request.getUrl().startsWith(RUNS)) {
                onRunsListing.run();
            }
        });
        Dynalite startedDynalite = null;
        LocalRegistry startedRegistry = null;
        try {
            startedDynalite = Dynalite.start();
            startedRegistry = LocalRegistry.anonymous();
            startedRegistry
                    .seed()
                    .image(TARGET_REPOSITORY, STABLE, Layout.OCI_INDEX, olderBuild())
                    .image(TARGET_REPOSITORY, TESTING, Layout.OCI_INDEX, currentBuild(TESTING_RELEASE, TESTING_KERNEL))
                    // FCOS images from Fedora 43 on carry no ostree.linux label: the kernel chain ends in "unknown".
                    .image(
                            BASE_REPOSITORY,
                            STABLE_RELEASE,
                            Layout.OCI_INDEX,
                            Map.of(
                                    Arch.X86_64, Map.of("org.opencontainers.image.version", STABLE_RELEASE),
                                    Arch.AARCH64, Map.of("org.opencontainers.image.version", STABLE_RELEASE)))
                    .push();
        } catch (IOException | RuntimeException e) {
            // Nothing may outlive a bench that failed to start.
            stopAll(startedDynalite, startedRegistry);
            throw e;
        }
        dynalite = startedDynalite;
        registry = startedRegistry;
    }

    static Map<Arch, Map<String, String>> olderBuild() {
        Map<Arch, Map<String, String>> labels = new LinkedHashMap<>();
        for (Arch arch : List.of(Arch.X86_64, Arch.AARCH64)) {
            labels.put(arch, labels(OLD_RELEASE, ZFS, "7.1.4-200.fc44." + arch.fcosName()));
        }
        return labels;
    }

    static Map<Arch, Map<String, String>> currentBuild(String release, String[] kernel) {
        Map<Arch, Map<String, String>> labels = new LinkedHashMap<>();
        for (Arch arch : List.of(Arch.X86_64, Arch.AARCH64)) {
            labels.put(arch, labels(release, ZFS, kernel[0] + "-" + kernel[1] + "." + arch.fcosName()));
        }
        return labels;
    }

    private static Map<String, String> labels(String coreos, String zfs, String kernel) {
        return Map.of(
                ImageLabels.COREOS_VERSION, coreos, ImageLabels.ZFS_VERSION, zfs, ImageLabels.KERNEL_VERSION, kernel);
    }

    /** Every service as it is without a fault, a fresh ledger table, nothing recorded yet. */
    void reset() {
        upstream.reset();
        ghcr.reset();
        aws.resetAll();
        waits.clear();
        printed.setLength(0);
        onRunsListing = () -> {};
        upstream.stream(STABLE, STABLE_RELEASE, "stable-etag");
        upstream.stream(TESTING, TESTING_RELEASE, "testing-etag");
        for (Arch arch : List.of(Arch.X86_64, Arch.AARCH64)) {
            upstream.commitmeta(STABLE, STABLE_RELEASE, arch, STABLE_KERNEL[0], STABLE_KERNEL[1]);
            upstream.commitmeta(TESTING, TESTING_RELEASE, arch, TESTING_KERNEL[0], TESTING_KERNEL[1]);
        }
        upstream.releases("1");
        upstream.meta("zfs-" + ZFS, ZFS, "4.18", "7.3");
        upstream.server.stubFor(
                get(urlPathEqualTo(RUNS)).willReturn(okJson("{\"total_count\":0,\"workflow_runs\":[]}")));
        upstream.server.stubFor(post(urlPathEqualTo(DISPATCHES))
                .willReturn(okJson(
                        "{\"workflow_run_id\":880001,\"run_url\":\"https://api.github.com/repos/acme/fcos-builds/actions/runs/880001\","
                                + "\"html_url\":\"https://github.com/acme/fcos-builds/actions/runs/880001\"}")));
        table = "ledger-" + UUID.randomUUID();
        dynalite.createTable(DynamoDbLedger.tableDefinition(table));
    }

    @Override
    public void close() {
        stopAll(dynalite, registry);
    }

    private void stopAll(Dynalite startedDynalite, LocalRegistry startedRegistry) {
        upstream.close();
        ghcr.close();
        aws.stop();
        if (startedRegistry != null) {
            startedRegistry.close();
        }
        if (startedDynalite != null) {
            startedDynalite.close();
        }
        try {
            deadPortReservation.close();
        } catch (IOException e) {
            // nothing was sent through it; the port is freed with the process at the latest
        }
    }

    // --- wiring ------------------------------------------------------------------------------

    /** The docs/contract.md keys of a deployment watching stable and testing, the target in the real registry. */
    Map<String, String> keys() {
        Map<String, String> keys = new HashMap<>();
        keys.put("coreos.streams", STABLE + "," + TESTING);
        keys.put("coreos.architectures", "x86_64,aarch64");
        keys.put("coreos.metadata-url", upstream.metadataUrl().toString());
        keys.put("coreos.image", registry.hostPort() + "/" + BASE_REPOSITORY);
        keys.put("github.api-url", upstream.githubApiUrl().toString());
        keys.put("github.token", TOKEN);
        keys.put("github.workflow.repository", WORKFLOW_REPOSITORY);
        keys.put("zfs.repository", UpstreamStubs.ZFS_REPOSITORY);
        keys.put("target.image", registry.hostPort() + "/" + TARGET_REPOSITORY);
        keys.put(
                "registry.plain-http",
                String.join(
                        ",",
                        registry.hostPort(),
                        GhcrStubs.hostPort(ghcr.registry),
                        GhcrStubs.hostPort(ghcr.realm),
                        GhcrStubs.hostPort(ghcr.storage),
                        "127.0.0.1:" + deadPort));
        keys.put("ledger.table", table);
        keys.put("events.bus-name", BUS);
        return keys;
    }

    /** The same deployment with its target image on the ghcr-shaped stubs. */
    Map<String, String> keysWithGhcrTarget() {
        Map<String, String> keys = keys();
        keys.put("target.image", ghcr.registryHost() + "/" + GhcrStubs.REPO);
        return keys;
    }

    static WatchConfig config(Map<String, String> keys) {
        return WatchConfig.load(ConfigSource.of(keys));
    }

    /** Components on the production stack: UrlConnectionHttp inside RetryingHttp with {@link #RETRIES}, waits recorded. */
    Components components(WatchConfig config, Duration readTimeout) {
        return components(config, readTimeout, Clock.systemUTC());
    }

    /** As above, deciding at {@code clock}'s time (a test clock lets the in-flight window pass without waiting). */
    Components components(WatchConfig config, Duration readTimeout, Clock clock) {
        Http http = new RetryingHttp(
                new UrlConnectionHttp(new Http.Limits(Duration.ofSeconds(2), readTimeout, 8 << 20)),
                RETRIES,
                clock,
                waits::add);
        return new Components(config, http, clock);
    }

    Components components(Map<String, String> keys) {
        return components(config(keys), Duration.ofSeconds(5));
    }

    /** The Lambda ledger on dynalite, the row's own table. */
    DynamoDbLedger ledger() {
        return new DynamoDbLedger(dynalite.client(), table);
    }

    static LedgerKey stableKey(Components components) {
        return LedgerKey.of(components.config().targetImage().orElseThrow().name(), STABLE, STABLE_RELEASE, ZFS);
    }

    Optional<LedgerEntry> claimOf(Components components) {
        return ledger().find(stableKey(components));
    }

    void onRunsListing(Runnable action) {
        onRunsListing = action;
    }

    // --- running -----------------------------------------------------------------------------

    /** One check as the CLI runs it: every stream, not forced, not a dry run, dispatching through {@code ledger}. */
    Report check(Components components, Ledger ledger) {
        return capturing(() -> components.check(Optional.of(ledger)).run(false, false));
    }

    /** Runs {@code work} with stderr (where the logs go) captured into what this row printed. */
    <T> T capturing(Supplier<T> work) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            T result = work.get();
            if (result instanceof Report report) {
                printed(ReportJson.write(report));
                report.decisions().forEach(d -> printed(d.reason() + " " + String.join(" ", d.evidence())));
            }
            return result;
        } catch (RuntimeException e) {
            printed(String.valueOf(e));
            throw e;
        } finally {
            System.setErr(original);
            printed(captured.toString(StandardCharsets.UTF_8));
        }
    }

    void printed(String text) {
        synchronized (printed) {
            printed.append(text).append('\n');
        }
    }

    // --- what every row checks ---------------------------------------------------------------

    static Decision decision(Report report, String stream) {
        return report.decisions().stream()
                .filter(d -> d.stream().equals(stream))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no decision for " + stream + " in " + report));
    }

    static Optional<StageError> error(Report report, String stream) {
        return report.errors().stream().filter(e -> e.stream().equals(stream)).findFirst();
    }

    /** testing is untouched by a fault in stable's documents: still decided, still SKIP. */
    static void testingStillSkipped(Report report) {
        Decision testing = decision(report, TESTING);
        assertEquals(Action.SKIP, testing.action(), testing.reason());
        assertTrue(error(report, TESTING).isEmpty(), report.errors().toString());
    }

    /** What the upstream stub served, oldest first, for assertion messages. */
    String served() {
        StringBuilder out = new StringBuilder();
        List<ServeEvent> events = new ArrayList<>(upstream.server.getAllServeEvents());
        Collections.reverse(events);
        events.forEach(e -> out.append('\n')
                .append(e.getRequest().getMethod())
                .append(' ')
                .append(e.getRequest().getUrl())
                .append(" -> ")
                .append(e.getResponse().getStatus()));
        return out.toString();
    }

    long dispatches() {
        return upstream.server
                .findAll(postRequestedFor(urlPathEqualTo(DISPATCHES)))
                .size();
    }

    void assertNothingDispatched() {
        upstream.server.verify(0, postRequestedFor(urlPathEqualTo(DISPATCHES)));
    }

    /**
     * The canary was in play (GitHub saw it), and it went nowhere else: not into what the row
     * printed (reports, reasons, evidence, errors, log lines, metrics), not to another host or
     * path (FCOS, the registries, AWS), not into the ledger. A prefix is enough to count as a leak.
     */
    void assertCanaryNowhere() {
        String canary = TOKEN.substring(0, 16);
        assertTrue(
                upstream.count(r -> ("Bearer " + TOKEN).equals(r.getHeader("Authorization"))) > 0,
                "the canary token was never sent, so its absence proves nothing");
        String all;
        synchronized (printed) {
            all = printed.toString();
        }
        assertTrue(
                all.contains(" INFO dev.coreoswatch."),
                "no log line was captured, so their check proves nothing:\n" + all);
        assertFalse(all.contains(canary), "the GitHub token leaked into what was printed:\n" + all);
        assertEquals(
                0,
                upstream.count(r -> !r.getUrl().startsWith("/api/v3/") && r.containsHeader("Authorization")),
                "FCOS was sent an Authorization header");
        for (WireMockServer other : List.of(ghcr.registry, ghcr.realm, ghcr.storage, aws)) {
            other.getAllServeEvents()
                    .forEach(e -> assertFalse(
                            (e.getRequest().getHeaders() + e.getRequest().getBodyAsString()).contains(canary),
                            "the GitHub token was sent to " + e.getRequest().getAbsoluteUrl()));
        }
        assertFalse(ledger().list().toString().contains(canary), "the GitHub token was written to the ledger");
    }
}
