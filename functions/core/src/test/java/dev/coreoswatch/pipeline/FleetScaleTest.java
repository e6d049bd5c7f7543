package dev.coreoswatch.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.config.ConfigSource;
import dev.coreoswatch.config.Fleet;
import dev.coreoswatch.config.Target;
import dev.coreoswatch.config.WatchConfig;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.RetryingHttp;
import dev.coreoswatch.http.UrlConnectionHttp;
import dev.coreoswatch.model.Action;
import dev.coreoswatch.model.Arch;
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
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fleet at scale (issue 14): 10 targets x 3 streams x 2 arches in one check, with the bounded
 * concurrency of production, against a real docker-registry and WireMock upstream on loopback.
 * Prints wall time, requests and peak heap (docs/configuration.md, "Fleet: scale"); asserts the
 * request economy and that a check fits well inside the function's 120 s timeout.
 */
class FleetScaleTest {
    private static final int TARGETS = 10;
    private static final List<String> STREAMS = List.of("stable", "testing", "next");

    @RegisterExtension
    static final RegistryExtension<LocalRegistry> REGISTRY = RegistryExtension.of(LocalRegistry::anonymous);

    private static final LocalRegistry registry = REGISTRY.get();
    private static UpstreamStubs upstream;

    @BeforeAll
    static void start() {
        upstream = new UpstreamStubs();
        RequestEconomyTest.serve(upstream);
        LocalRegistry.Seeding seeding = registry.seed();
        for (int i = 0; i < TARGETS; i++) {
            // stable built (SKIP), testing older (BUILD), next lacks aarch64 (BUILD): every path of the inspector
            seeding.image(
                            repository(i),
                            "stable",
                            Layout.OCI_INDEX,
                            RequestEconomyTest.current("stable", Arch.X86_64, Arch.AARCH64))
                    .image(
                            repository(i),
                            "testing",
                            Layout.OCI_INDEX,
                            Map.of(
                                    Arch.X86_64,
                                            RequestEconomyTest.labels(
                                                    "44.20260727.2.1", "2.5.2", "7.2.1-200.fc44.x86_64"),
                                    Arch.AARCH64,
                                            RequestEconomyTest.labels(
                                                    "44.20260727.2.1", "2.5.2", "7.2.1-200.fc44.aarch64")))
                    .image(repository(i), "next", Layout.OCI_MANIFEST, RequestEconomyTest.current("next", Arch.X86_64));
        }
        seeding.push();
    }

    @AfterAll
    static void stop() {
        if (upstream != null) {
            upstream.close();
        }
    }

    private static String repository(int i) {
        return "fleet-" + i + "/custom-coreos";
    }

    @Test
    void tenTargetsThreeStreamsTwoArchesInOneCheck() {
        Map<String, String> keys = new HashMap<>(Map.of(
                "coreos.streams", String.join(",", STREAMS),
                "coreos.architectures", "x86_64,aarch64",
                "coreos.metadata-url", upstream.metadataUrl().toString(),
                "coreos.image", registry.hostPort() + "/fedora/fedora-coreos",
                "github.api-url", upstream.githubApiUrl().toString(),
                "zfs.repository", UpstreamStubs.ZFS_REPOSITORY,
                "registry.plain-http", registry.hostPort()));
        WatchConfig shared = WatchConfig.load(ConfigSource.of(keys));
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < TARGETS; i++) {
            targets.add(new Target(
                    "t" + i, shared.withTargetImage(ImageReference.parse(registry.hostPort() + "/" + repository(i)))));
        }
        CountingHttp counting = new CountingHttp(new UrlConnectionHttp(Http.Limits.DEFAULT));
        Http http = new RetryingHttp(counting, LoopbackHttp.QUICK, Clock.systemUTC(), wait -> {});
        Components components =
                new Components(shared, http, Clock.systemUTC(), () -> Optional.of(new Secret("ghs_scale")));
        FleetCheck fleet = new FleetCheck(new Fleet(targets), components, Optional.empty());

        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long started = System.nanoTime();
        Report cold = fleet.run(false, true);
        Duration coldWall = Duration.ofNanos(System.nanoTime() - started);
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        List<Sent> coldSent = counting.drain();
        started = System.nanoTime();
        Report warm = fleet.run(false, true);
        Duration warmWall = Duration.ofNanos(System.nanoTime() - started);
        List<Sent> warmSent = counting.drain();

        assertEquals(TARGETS * STREAMS.size(), cold.decisions().size());
        for (int i = 0; i < cold.decisions().size(); i++) {
            assertEquals(
                    List.of(Action.SKIP, Action.BUILD, Action.BUILD).get(i % 3),
                    cold.decisions().get(i).action(),
                    cold.decisions().get(i).reason());
        }
        assertEquals(cold.decisions(), warm.decisions());
        // Upstream once for the fleet: 3 stream documents, 6 commitmeta, 2 release pages, 1 META.
        assertEquals(12, CountingHttp.count(coldSent, r -> !r.uri().contains("/v2/")), CountingHttp.describe(coldSent));
        // Steady state: 3 + 2 revalidations, one HEAD per target and stream.
        assertEquals(5 + TARGETS * STREAMS.size(), warmSent.size(), CountingHttp.describe(warmSent));
        assertTrue(coldWall.compareTo(Duration.ofSeconds(60)) < 0, "half the function timeout at most: " + coldWall);
        System.out.printf(
                "fleet scale: %d targets x %d streams x 2 arches: first check %d ms, %d requests; "
                        + "second check %d ms, %d requests; heap in use before %d MiB, peak during the first check %d MiB%n",
                TARGETS,
                STREAMS.size(),
                coldWall.toMillis(),
                coldSent.size(),
                warmWall.toMillis(),
                warmSent.size(),
                before >> 20,
                peak >> 20);
    }
}
