package dev.coreoswatch.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.config.ConfigSource;
import dev.coreoswatch.config.Fleet;
import dev.coreoswatch.config.Target;
import dev.coreoswatch.config.WatchConfig;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.RetryingHttp;
import dev.coreoswatch.http.UrlConnectionHttp;
import dev.coreoswatch.invocation.WatcherService;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.model.Action;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.Decision;
import dev.coreoswatch.model.DecisionTarget;
import dev.coreoswatch.model.ImageLabels;
import dev.coreoswatch.model.Report;
import dev.coreoswatch.model.Secret;
import dev.coreoswatch.registry.ImageReference;
import dev.coreoswatch.testing.CountingHttp;
import dev.coreoswatch.testing.CountingHttp.Sent;
import dev.coreoswatch.testing.LocalRegistry;
import dev.coreoswatch.testing.LocalRegistry.Layout;
import dev.coreoswatch.testing.RegistryExtension;
import dev.coreoswatch.testing.UpstreamStubs;
import dev.coreoswatch.upstream.LoopbackHttp;
import dev.coreoswatch.wiring.Components;
import dev.coreoswatch.wiring.FleetCheck;
import dev.coreoswatch.wiring.FunctionSetup;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The request economy of issue item 3, measured: the real {@link Check} through {@link Components}
 * on the production stack (UrlConnectionHttp inside RetryingHttp), FCOS and GitHub as WireMock with their
 * ETag/304 behaviour, the target image in a real docker-registry. Requests are counted by a
 * {@link CountingHttp} beneath RetryingHttp: it sees every request that leaves the client
 * (retries included) and none that a cache answered, for the registry exactly as for the stubs,
 * without a proxy between client and registry that could change what is measured.
 *
 * <p>Three streams, two arches each. A first check reads everything; a second, with nothing new
 * upstream, may cost one request per upstream document (three stream documents, two release
 * pages) and one manifest HEAD per target tag, and nothing else.
 */
class RequestEconomyTest {
    private static final String TOKEN = "ghs_CANARY0economy0installation0token";
    private static final List<String> STREAMS = List.of("stable", "testing", "next");
    private static final String STEADY = "steady/custom-coreos";
    private static final String MOVED = "moved/custom-coreos";
    private static final String REPUSHED = "repushed/custom-coreos";
    private static final List<String> FLEET = List.of(STEADY, "fleet-a/custom-coreos", "fleet-b/custom-coreos");

    /** Stream → release and kernel (version, release) of the FCOS build each stream is at. */
    private static final Map<String, String> RELEASE =
            Map.of("stable", "44.20260811.3.0", "testing", "44.20260818.2.0", "next", "45.20260820.1.0");

    private static final Map<String, String[]> KERNEL = Map.of(
            "stable",
            new String[] {"7.1.9", "200.fc44"},
            "testing",
            new String[] {"7.2.4", "200.fc44"},
            "next",
            new String[] {"7.3.1", "100.fc45"});
    private static final String ZFS = "2.5.2"; // zfs-2.5.3 is a draft in the sample pages

    @RegisterExtension
    static final RegistryExtension<LocalRegistry> REGISTRY = RegistryExtension.of(LocalRegistry::anonymous);

    private static final LocalRegistry registry = REGISTRY.get();
    private static UpstreamStubs upstream;

    private CountingHttp counting;

    static Map<String, String> labels(String coreos, String zfs, String kernel) {
        return Map.of(
                ImageLabels.COREOS_VERSION, coreos, ImageLabels.ZFS_VERSION, zfs, ImageLabels.KERNEL_VERSION, kernel);
    }

    static String kernel(String stream, Arch arch) {
        return KERNEL.get(stream)[0] + "-" + KERNEL.get(stream)[1] + "." + arch.fcosName();
    }

    /** What a build of {@code stream} today carries, per arch. */
    static Map<Arch, Map<String, String>> current(String stream, Arch... arches) {
        Map<Arch, Map<String, String>> out = new LinkedHashMap<>();
        for (Arch arch : arches) {
            out.put(arch, labels(RELEASE.get(stream), ZFS, kernel(stream, arch)));
        }
        return out;
    }

    @BeforeAll
    static void start() {
        upstream = new UpstreamStubs();
        LocalRegistry.Seeding seeding = registry.seed();
        for (String repository : List.of(STEADY, MOVED, REPUSHED, FLEET.get(1), FLEET.get(2))) {
            // stable is built (SKIP), testing carries an older build (BUILD), next lacks aarch64 (BUILD)
            seeding.image(repository, "stable", Layout.OCI_INDEX, current("stable", Arch.X86_64, Arch.AARCH64))
                    .image(
                            repository,
                            "testing",
                            Layout.DOCKER_MANIFEST_LIST,
                            Map.of(
                                    Arch.X86_64, labels("44.20260727.2.1", ZFS, "7.2.1-200.fc44.x86_64"),
                                    Arch.AARCH64, labels("44.20260727.2.1", ZFS, "7.2.1-200.fc44.aarch64")))
                    .image(repository, "next", Layout.OCI_MANIFEST, current("next", Arch.X86_64));
        }
        seeding.push();
    }

    @AfterAll
    static void stop() {
        if (upstream != null) {
            upstream.close();
        }
    }

    @BeforeEach
    void serveUpstream() {
        serve(upstream);
    }

    /** Three streams at {@link #RELEASE}, each arch's commitmeta, one OpenZFS release and its META. */
    static void serve(UpstreamStubs upstream) {
        upstream.reset();
        int n = 0;
        for (String stream : STREAMS) {
            upstream.stream(stream, RELEASE.get(stream), stream + "-etag-" + (++n));
            for (Arch arch : List.of(Arch.X86_64, Arch.AARCH64)) {
                upstream.commitmeta(stream, RELEASE.get(stream), arch, KERNEL.get(stream)[0], KERNEL.get(stream)[1]);
            }
        }
        upstream.releases("1");
        upstream.meta("zfs-" + ZFS, ZFS, "4.18", "7.3");
    }

    private Components components(String repository) {
        Map<String, String> keys = new HashMap<>(Map.of(
                "coreos.streams",
                String.join(",", STREAMS),
                "coreos.architectures",
                "x86_64,aarch64",
                "coreos.metadata-url",
                upstream.metadataUrl().toString(),
                "coreos.image",
                registry.hostPort() + "/fedora/fedora-coreos",
                "github.api-url",
                upstream.githubApiUrl().toString(),
                "zfs.repository",
                UpstreamStubs.ZFS_REPOSITORY,
                "target.image",
                registry.hostPort() + "/" + repository,
                "registry.plain-http",
                registry.hostPort(),
                "events.bus-name",
                "coreos-watch-test"));
        WatchConfig config = WatchConfig.load(ConfigSource.of(keys));
        counting = new CountingHttp(
                new UrlConnectionHttp(new Http.Limits(Duration.ofSeconds(2), Duration.ofSeconds(10), 8 << 20)));
        Http http = new RetryingHttp(counting, LoopbackHttp.QUICK, Clock.systemUTC(), wait -> {});
        return new Components(config, http, Clock.systemUTC(), () -> Optional.of(new Secret(TOKEN)));
    }

    private static Report check(Components components) {
        return components.check(Optional.empty()).run(false, true);
    }

    // What the requests were for.
    private static Predicate<Sent> streamMetadata() {
        return r -> r.is("GET", "/streams/") && !r.uri().contains("/prod/");
    }

    private static Predicate<Sent> commitmeta() {
        return r -> r.is("GET", "/commitmeta.json");
    }

    private static Predicate<Sent> releasePages() {
        return r -> r.is("GET", "/releases");
    }

    private static Predicate<Sent> meta() {
        return r -> r.is("GET", "/contents/META");
    }

    private static Predicate<Sent> github() {
        return r -> r.uri().contains("/api/v3/");
    }

    private static final Predicate<Sent> TAG_MANIFEST = r -> r.uri().matches(".*/manifests/(stable|testing|next)");
    private static final Predicate<Sent> DIGEST_MANIFEST = r -> r.uri().contains("/manifests/sha256:");
    private static final Predicate<Sent> BLOB = r -> r.uri().contains("/blobs/");

    private static long count(List<Sent> sent, Predicate<Sent> which) {
        return CountingHttp.count(sent, which);
    }

    private static List<Action> actions(Report report) {
        return report.decisions().stream().map(Decision::action).toList();
    }

    @Test
    void aSecondCheckWithNothingNewCostsOneRequestPerDocumentAndOneHeadPerTag() {
        Components components = components(STEADY);

        Report first = check(components);
        List<Sent> cold = counting.drain();
        Report second = check(components);
        List<Sent> warm = counting.drain();

        assertEquals(List.of(Action.SKIP, Action.BUILD, Action.BUILD), actions(first), first.toString());
        assertEquals(first.decisions(), second.decisions(), "the cache must not change a decision");
        String coldList = CountingHttp.describe(cold);
        // First check: everything is read once.
        assertEquals(3, count(cold, streamMetadata()), coldList);
        assertEquals(6, count(cold, commitmeta()), coldList);
        assertEquals(2, count(cold, releasePages()), coldList);
        assertEquals(1, count(cold, meta()), coldList);
        assertEquals(3, count(cold, TAG_MANIFEST.and(r -> r.method().equals("GET"))), coldList);
        assertEquals(0, count(cold, r -> r.method().equals("HEAD")), coldList);
        assertEquals(4, count(cold, DIGEST_MANIFEST), coldList); // 2 under the stable index, 2 under the testing list
        assertEquals(5, count(cold, BLOB), coldList); // one config per platform image: 2 + 2 + 1
        assertEquals(24, cold.size(), coldList);

        String warmList = CountingHttp.describe(warm);
        // Second check: one conditional GET per upstream document, one HEAD per tag, nothing else.
        assertEquals(3, count(warm, streamMetadata().and(Sent::conditional).and(r -> r.status() == 304)), warmList);
        assertEquals(2, count(warm, releasePages().and(Sent::conditional).and(r -> r.status() == 304)), warmList);
        assertEquals(
                3, count(warm, TAG_MANIFEST.and(r -> r.method().equals("HEAD")).and(r -> r.status() == 200)), warmList);
        assertEquals(8, warm.size(), warmList);
        assertEquals(0, count(warm, commitmeta().or(meta()).or(DIGEST_MANIFEST).or(BLOB)), warmList);
        assertTrue(
                warm.stream().filter(github()).allMatch(Sent::conditional),
                "every GitHub read is conditional:" + warmList);
        // GitHub saw the token on its 304s (only an authorized 304 is free of the rate limit).
        assertEquals(
                2,
                upstream.answered(
                        304,
                        r -> r.getUrl().contains("/releases")
                                && ("Bearer " + TOKEN).equals(r.getHeader("Authorization"))));
        System.out.printf("request economy: first check %d requests, second %d%n", cold.size(), warm.size());
    }

    @Test
    void aFleetReadsUpstreamOnceAndAsksOneHeadPerTargetStreamAndTag() {
        Components components = components(STEADY);
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < FLEET.size(); i++) {
            ImageReference image = ImageReference.parse(registry.hostPort() + "/" + FLEET.get(i));
            targets.add(new Target("t" + i, components.config().withTargetImage(image)));
        }
        FleetCheck fleet = new FleetCheck(new Fleet(targets), components, Optional.empty());

        Report first = fleet.run(false, true);
        List<Sent> cold = counting.drain();
        Report second = fleet.run(false, true);
        List<Sent> warm = counting.drain();

        assertEquals(
                List.of(
                        Action.SKIP,
                        Action.BUILD,
                        Action.BUILD,
                        Action.SKIP,
                        Action.BUILD,
                        Action.BUILD,
                        Action.SKIP,
                        Action.BUILD,
                        Action.BUILD),
                actions(first),
                first.toString());
        assertEquals(
                List.of("t0", "t0", "t0", "t1", "t1", "t1", "t2", "t2", "t2"),
                first.targets().stream().map(DecisionTarget::name).toList());
        assertEquals(null, first.targetImage(), "several targets: no top-level image");
        assertEquals(first.decisions(), second.decisions());
        String coldList = CountingHttp.describe(cold);
        // The upstream of one target, whatever their number...
        assertEquals(3, count(cold, streamMetadata()), coldList);
        assertEquals(6, count(cold, commitmeta()), coldList);
        assertEquals(2, count(cold, releasePages()), coldList);
        assertEquals(1, count(cold, meta()), coldList);
        String warmList = CountingHttp.describe(warm);
        // ...and in the steady state one HEAD per target, stream and tag on top.
        assertEquals(3, count(warm, streamMetadata().and(r -> r.status() == 304)), warmList);
        assertEquals(2, count(warm, releasePages().and(r -> r.status() == 304)), warmList);
        assertEquals(
                9, count(warm, TAG_MANIFEST.and(r -> r.method().equals("HEAD")).and(r -> r.status() == 200)), warmList);
        assertEquals(3 + 2 + 9, warm.size(), warmList);
    }

    @Test
    void aWarmLambdaEnvironmentKeepsTheCacheAcrossInvocations() {
        Components components = components(STEADY); // FunctionSetup holds it for the life of the environment
        List<String> published = new CopyOnWriteArrayList<>();
        WatcherService watcher = new WatcherService(new FunctionSetup(
                components.config(),
                components,
                () -> events -> events.forEach(e -> published.add(e.observed().stream()))));
        byte[] manualRun = "{\"streams\":[\"stable\",\"next\"],\"dryRun\":true}".getBytes(StandardCharsets.UTF_8);

        String first = new String(watcher.handle(manualRun), StandardCharsets.UTF_8);
        counting.drain();
        String second = new String(watcher.handle(manualRun), StandardCharsets.UTF_8);
        List<Sent> warm = counting.drain();

        String list = CountingHttp.describe(warm);
        assertEquals(decisions(first), decisions(second));
        // A manual run configures its own streams (Components.withConfig): the cache comes along.
        assertEquals(2, count(warm, streamMetadata().and(r -> r.status() == 304)), list);
        assertEquals(2, count(warm, releasePages().and(r -> r.status() == 304)), list);
        assertEquals(2, count(warm, r -> r.method().equals("HEAD")), list);
        assertEquals(6, warm.size(), list);
        assertEquals(List.of(), published, "a dry manual run publishes nothing");
    }

    private static JsonNode decisions(String report) {
        return Json.parse(report.getBytes(StandardCharsets.UTF_8), "report").get("decisions");
    }

    @Test
    void aChangedUpstreamDocumentIsReadAgainAndChangesTheDecision() {
        Components components = components(STEADY);
        check(components);
        Report steady = check(components);
        counting.drain();

        // stable moves to a new build: its document gets a new body and ETag, the old 304 is gone
        String newRelease = "44.20260825.3.1";
        upstream.stream("stable", newRelease, "stable-etag-moved");
        upstream.commitmeta("stable", newRelease, Arch.X86_64, "7.2.6", "200.fc44");
        upstream.commitmeta("stable", newRelease, Arch.AARCH64, "7.2.6", "200.fc44");
        Report moved = check(components);
        List<Sent> sent = counting.drain();

        String list = CountingHttp.describe(sent);
        assertEquals(Action.SKIP, steady.decisions().get(0).action());
        Decision stable = moved.decisions().get(0);
        assertEquals(Action.BUILD, stable.action(), stable.reason());
        assertEquals(newRelease, stable.coreosVersion());
        assertEquals("7.2.6-200.fc44.aarch64", stable.architectures().get(1).kernelVersion());
        assertEquals(steady.decisions().subList(1, 3), moved.decisions().subList(1, 3));
        assertEquals(1, count(sent, streamMetadata().and(Sent::conditional).and(r -> r.status() == 200)), list);
        assertEquals(2, count(sent, streamMetadata().and(r -> r.status() == 304)), list);
        assertEquals(2, count(sent, commitmeta()), list); // the new build's, once per arch
        assertEquals(2, count(sent, releasePages().and(r -> r.status() == 304)), list);
        assertEquals(3, count(sent, r -> r.method().equals("HEAD")), list);
        assertEquals(10, sent.size(), list);
    }

    @Test
    void aMovedTagIsReadAgainButAnUnchangedConfigDigestIsNotDownloaded() {
        Components components = components(MOVED);
        Report before = check(components);
        counting.drain();

        // New manifests over the same children (stable's index) and the same config (next's manifest).
        registry.annotate(MOVED, "stable", "org.opencontainers.image.revision", "retagged-1");
        registry.annotate(MOVED, "next", "org.opencontainers.image.revision", "retagged-1");
        Report after = check(components);
        List<Sent> sent = counting.drain();

        String list = CountingHttp.describe(sent);
        assertEquals(3, count(sent, r -> r.method().equals("HEAD")), list);
        assertEquals(2, count(sent, TAG_MANIFEST.and(r -> r.method().equals("GET"))), list); // stable and next moved
        assertEquals(1, count(sent, r -> r.is("GET", "/manifests/stable")), list);
        assertEquals(1, count(sent, r -> r.is("GET", "/manifests/next")), list);
        assertEquals(0, count(sent, DIGEST_MANIFEST), list); // stable's platform manifests are cached by digest
        assertEquals(0, count(sent, BLOB), list); // every config digest is one seen before
        for (int i = 0; i < STREAMS.size(); i++) {
            Decision b = before.decisions().get(i);
            Decision a = after.decisions().get(i);
            assertEquals(b.action(), a.action());
            assertEquals(b.reason(), a.reason());
            assertEquals(b.architectures(), a.architectures());
        }
        // The evidence names the new manifest of next: the moved tag was really read.
        assertNotEquals(
                before.decisions().get(2).evidence(), after.decisions().get(2).evidence());
    }

    @Test
    void aTagPushedAnewHasItsNewConfigsDownloadedAndItsDecisionFollows() {
        Components components = components(REPUSHED);
        Report before = check(components);
        counting.drain();

        // testing is built: a new image with the current labels replaces the older one
        registry.push(REPUSHED, "testing", Layout.DOCKER_MANIFEST_LIST, current("testing", Arch.X86_64, Arch.AARCH64));
        Report after = check(components);
        List<Sent> sent = counting.drain();

        String list = CountingHttp.describe(sent);
        assertEquals(Action.BUILD, before.decisions().get(1).action());
        assertEquals(
                Action.SKIP,
                after.decisions().get(1).action(),
                after.decisions().get(1).reason());
        assertEquals(3, count(sent, r -> r.method().equals("HEAD")), list);
        assertEquals(1, count(sent, r -> r.is("GET", "/manifests/testing")), list);
        assertEquals(2, count(sent, DIGEST_MANIFEST), list);
        assertEquals(2, count(sent, BLOB.and(r -> r.method().equals("GET"))), list); // the new image's two configs
    }
}
