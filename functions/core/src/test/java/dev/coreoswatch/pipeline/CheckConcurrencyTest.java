package dev.coreoswatch.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.config.ConfigSource;
import dev.coreoswatch.config.WatchConfig;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.HttpFailure;
import dev.coreoswatch.model.Action;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.Decision;
import dev.coreoswatch.model.Report;
import dev.coreoswatch.model.UpstreamObservation;
import dev.coreoswatch.testing.UpstreamStubs;
import dev.coreoswatch.upstream.LoopbackHttp;
import dev.coreoswatch.wiring.Components;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Streams are decided side by side and reported in the configured order. The stream documents are
 * gated: stable's answer is held until next's has arrived, so a check that read the streams one
 * after another could not finish (it would time out into an ERROR); a check that does finishes
 * with the decisions, the observations and the log in the order of coreos.streams.
 */
class CheckConcurrencyTest {
    private static final Map<String, String> RELEASE =
            Map.of("stable", "43.20260804.3.2", "testing", "44.20260811.2.1", "next", "44.20260814.1.0");

    private static UpstreamStubs upstream;

    @BeforeAll
    static void start() {
        upstream = new UpstreamStubs();
        RELEASE.forEach((stream, release) -> {
            upstream.stream(stream, release, stream + "-1");
            for (Arch arch : List.of(Arch.X86_64, Arch.AARCH64)) {
                upstream.commitmeta(
                        stream, release, arch, "6.19.8", release.startsWith("43") ? "300.fc43" : "200.fc44");
            }
        });
        upstream.releases("1");
        upstream.meta("zfs-2.5.2", "2.5.2", "4.18", "7.1");
    }

    @AfterAll
    static void stop() {
        if (upstream != null) {
            upstream.close();
        }
    }

    /** Holds stable's stream document until next's has been answered; counts documents in flight. */
    private static final class GatedHttp implements Http {
        final Http delegate = new LoopbackHttp().http;
        final CountDownLatch nextAnswered = new CountDownLatch(1);
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger mostInFlight = new AtomicInteger();

        @Override
        public Response send(Request request) throws HttpFailure {
            String path = request.uri().getPath();
            boolean streamDocument = path.startsWith("/streams/");
            if (streamDocument) {
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            }
            try {
                if (path.equals("/streams/stable.json")) {
                    awaitNext();
                }
                Response response = delegate.send(request);
                if (path.equals("/streams/next.json")) {
                    nextAnswered.countDown();
                }
                return response;
            } finally {
                if (streamDocument) {
                    inFlight.decrementAndGet();
                }
            }
        }

        private void awaitNext() throws HttpFailure {
            try {
                if (!nextAnswered.await(10, TimeUnit.SECONDS)) {
                    throw new HttpFailure(
                            HttpFailure.Kind.TIMEOUT,
                            "next was never read while stable waited: streams ran one by one",
                            null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HttpFailure(HttpFailure.Kind.INTERRUPTED, "interrupted", e);
            }
        }
    }

    @Test
    void streamsAreDecidedSideBySideAndReportedInTheConfiguredOrder() {
        List<String> streams = List.of("stable", "testing", "next");
        WatchConfig config = WatchConfig.load(ConfigSource.of(Map.of(
                "coreos.streams", String.join(",", streams),
                "coreos.metadata-url", upstream.metadataUrl().toString(),
                "github.api-url", upstream.githubApiUrl().toString(),
                // No target image: every stream ends in a HOLD of its own version, decided upstream alone.
                "coreos.blocked-versions", String.join(",", RELEASE.values()))));
        GatedHttp http = new GatedHttp();
        Thread caller = Thread.currentThread();
        List<String> observed = new CopyOnWriteArrayList<>();
        List<Boolean> observedOnCaller = new CopyOnWriteArrayList<>();

        Report report = new Components(config, http, Clock.systemUTC(), Optional::empty)
                .check(Optional.empty())
                .run(false, true, "c0ffee00-0000-4000-8000-00000000c0c0", (UpstreamObservation o) -> {
                    observed.add(o.stream());
                    observedOnCaller.add(Thread.currentThread() == caller);
                });

        assertEquals(streams, report.decisions().stream().map(Decision::stream).toList());
        for (Decision decision : report.decisions()) {
            assertEquals(Action.HOLD, decision.action(), decision.reason());
            assertEquals(RELEASE.get(decision.stream()), decision.coreosVersion());
            assertTrue(decision.reason().contains(RELEASE.get(decision.stream())), decision.reason());
        }
        assertEquals(streams, observed);
        assertEquals(
                List.of(true, true, true), observedOnCaller, "observations are handed on by the caller, one by one");
        assertTrue(http.mostInFlight.get() >= 2, "stream documents were read one by one");
        assertTrue(http.mostInFlight.get() <= BoundedParallel.STREAMS.bound(), "more streams at once than the bound");
    }
}
