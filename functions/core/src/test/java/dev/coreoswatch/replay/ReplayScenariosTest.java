package dev.coreoswatch.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Small hand-made histories whose answers are worked out by hand in each test's comments: the
 * watcher runs at :00 and :30, a build lands one hour after its dispatch, a combination whose run
 * failed twice (dispatch.max-attempts) is held, and the daily builds run at 02:50 UTC.
 */
class ReplayScenariosTest {
    private static final String HELD_FOR_7_5 =
            "kernel 7.5.1-100.fc51.x86_64 (x86_64) is outside Linux 5.10-7.4 supported by zfs"
                    + " 3.1.2 (META of zfs-3.1.2); waiting for a ZFS release that supports 7.5, rechecked every run";

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static List<Duration> lengths(List<Period> periods) {
        return periods.stream().map(Period::length).toList();
    }

    private static ReleaseLatency release(StreamSummary s, int index) {
        return s.releases().get(index);
    }

    /** A kernel bump (7.4 → 7.5) that OpenZFS supports only two days later; a draft and an rc in between do not count. */
    private static TestHistory kernelBumpBeforeZfs() {
        return TestHistory.between("2030-03-01T00:00:00Z", "2030-03-15T00:00:00Z")
                .zfs("2030-02-01T00:00:00Z", "zfs-3.1.2", "5.10", "7.4")
                .release("2030-03-01", "51.20300215.3.0", "7.4.3")
                .release("2030-03-04T10:10:00Z", "51.20300301.3.0", "7.5.1")
                .zfs("2030-03-05T00:00:00Z", "zfs-3.2.0-rc1", "5.10", "7.5")
                .draftZfs("2030-03-05T06:00:00Z", "zfs-3.1.5", "5.10", "7.5")
                .zfs("2030-03-06T07:45:00Z", "zfs-3.1.3", "5.10", "7.5");
    }

    @Test
    void aKernelBumpBeforeZfsCatchesUpIsHeldThenBuiltOnceZfsSupportsIt() {
        ReplayReport report = kernelBumpBeforeZfs().replay();
        StreamSummary watch = report.watch().stream("stable");
        // 03-01 00:00 builds 51.20300215.3.0 with 3.1.2; 7.5.1 is seen at 10:30 and held; 3.1.3 (07:45) is taken at
        // 08:00.
        assertEquals(2, watch.dispatched());
        assertEquals(0, watch.failed());
        assertEquals(0, watch.redundant());
        assertEquals(1, watch.holds().size());
        Period hold = watch.holds().getFirst();
        assertEquals(at("2030-03-04T10:30:00Z"), hold.start());
        assertEquals(at("2030-03-06T08:00:00Z"), hold.end());
        assertEquals(Duration.parse("PT45H30M"), hold.length());
        assertFalse(hold.ongoing());
        assertEquals(List.of(HELD_FOR_7_5), hold.reasons());
        assertEquals(Optional.of(Duration.ofHours(1)), release(watch, 0).latency());
        assertEquals(Optional.of(at("2030-03-06T09:00:00Z")), release(watch, 1).imageAt());
        assertEquals(Optional.of(Duration.parse("PT46H50M")), release(watch, 1).latency());

        // Daily at 02:50: 14 builds; 03-05 and 03-06 build 7.5.1 against 3.1.2 and fail; 03-07 succeeds with 3.1.3.
        StreamSummary daily = report.baseline().stream("stable");
        assertEquals(14, daily.dispatched());
        assertEquals(2, daily.failed());
        assertEquals(
                List.of(at("2030-03-05T02:50:00Z"), at("2030-03-06T02:50:00Z")),
                daily.failedBuilds().stream().map(SimulatedBuild::dispatchedAt).toList());
        assertEquals(
                "kernel 7.5.1-100.fc51.x86_64 (x86_64) is outside Linux 5.10-7.4 of zfs 3.1.2: the ZFS module does not build",
                daily.failedBuilds().getFirst().detail());
        assertEquals(10, daily.redundant(), "03-02..03-04 and 03-08..03-14 rebuild what the image already has");
        assertEquals(2, daily.succeeded(), "03-01 and 03-07 made new images: 2 + 10 + 2 failed = 14, each build once");
        assertEquals(Optional.of(at("2030-03-07T03:50:00Z")), release(daily, 1).imageAt());
        assertTrue(daily.holds().isEmpty());

        // Skipping unchanged inputs: 03-01 builds; 03-02..03-04 skip; 03-05 and 03-06 retry the doomed 7.5.1 with 3.1.2
        // (the image still lacks it); 03-07 builds with 3.1.3; the rest skip.
        StreamSummary changed = report.skipUnchanged().stream("stable");
        assertEquals(4, changed.dispatched());
        assertEquals(List.of(2, 2, 0), List.of(changed.succeeded(), changed.failed(), changed.redundant()));
        assertEquals(release(daily, 1).imageAt(), release(changed, 1).imageAt());
    }

    @Test
    void theImageLagsFromTheFirstReleaseItMissesToTheImageThatCatchesUp() {
        ReplayReport report = TestHistory.between("2030-03-01T00:00:00Z", "2030-03-15T00:00:00Z")
                .zfs("2030-02-01T00:00:00Z", "zfs-3.1.2", "5.10", "7.4")
                .release("2030-03-01", "51.20300215.3.0", "7.4.3")
                .release("2030-03-04T10:10:00Z", "51.20300301.3.0", "7.5.1")
                .release("2030-03-05T09:00:00Z", "51.20300301.3.1", "7.5.2")
                .zfs("2030-03-06T07:45:00Z", "zfs-3.1.3", "5.10", "7.5")
                .replay();
        StreamSummary watch = report.watch().stream("stable");
        // 7.5.1 is held and superseded; 7.5.2 is held until 3.1.3 is taken at 08:00 and lands at 09:00.
        assertEquals(
                List.of(Duration.ofHours(1), Duration.parse("PT46H50M")),
                watch.lags().stream().map(Lag::length).toList(),
                "from the start, then from 03-04 10:10 to 03-06 09:00");
        assertEquals(
                Optional.of(Duration.parse("PT24H")),
                release(watch, 2).latency(),
                "the release that got built waited a day");
        assertEquals(ReleaseLatency.Outcome.SUPERSEDED, release(watch, 1).outcome());
        assertEquals(Duration.ofHours(1), watch.withoutImage());
        assertEquals(
                Duration.parse("PT3H50M"),
                report.baseline().stream("stable").withoutImage(),
                "the first daily build, 02:50");
    }

    @Test
    void theTimelineListsTheStateChangesInOrder() {
        ReplayReport report = kernelBumpBeforeZfs().replay();
        assertEquals(
                List.of(
                        TimelineEntry.Kind.RELEASE,
                        TimelineEntry.Kind.DISPATCH,
                        TimelineEntry.Kind.LANDED,
                        TimelineEntry.Kind.RELEASE,
                        TimelineEntry.Kind.HOLD,
                        TimelineEntry.Kind.ZFS,
                        TimelineEntry.Kind.HOLD_END,
                        TimelineEntry.Kind.DISPATCH,
                        TimelineEntry.Kind.LANDED),
                report.timeline().stream().map(TimelineEntry::kind).toList(),
                "the rc and the draft change nothing");
        TimelineEntry zfs = report.timeline().get(5);
        assertEquals(at("2030-03-06T07:45:00Z"), zfs.at());
        assertEquals(null, zfs.stream());
        assertEquals("zfs 3.1.3 (zfs-3.1.3, Linux 5.10-7.5): newest release", zfs.detail());
        TimelineEntry rebuild = report.timeline().get(7);
        assertEquals(
                "linux/amd64 of ghcr.io/owner/custom-coreos:stable carries coreos 51.20300215.3.0, zfs 3.1.2",
                rebuild.detail());
        assertEquals("after 1d 21h 30m", report.timeline().get(6).detail());
    }

    /**
     * zfs 3.1.3 (to 7.5) is out; 3.2.0 (to 7.6) comes 03-03 12:00, a 7.6 kernel 03-05 00:00, 3.2.1 03-09 16:20.
     * Default: the .0 waits, so 7.6 is held until 3.2.1. With .0 allowed nothing is held and 3.2.0 and 3.2.1 each
     * rebuild. Pinned to 3.1 the 7.6 kernel is never supported. Pinned to 3.2 nothing can be built before 3.2.0.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            newest line, .0 waits | zfs.allow-dot-zero | false | 2 | PT112H30M |           | PT113H30M | 5
            .0 allowed            | zfs.allow-dot-zero | true  | 4 |           |           | PT1H      | 0
            pinned to 3.1         | zfs.series         | 3.1   | 1 | PT240H    |           |           | 10
            pinned to 3.2         | zfs.series         | 3.2   | 3 |           | PT60H     | PT1H      | 3
            """)
    void aDotZeroLineReleaseUnderEachPolicy(
            String name,
            String key,
            String value,
            int dispatches,
            String held,
            String errored,
            String latencyOfTheNewKernel,
            int dailyFailures) {
        ReplayReport report = TestHistory.between("2030-03-01T00:00:00Z", "2030-03-15T00:00:00Z")
                .zfs("2030-02-01T00:00:00Z", "zfs-3.1.3", "5.10", "7.5")
                .release("2030-03-01", "51.20300215.3.0", "7.5.2")
                .zfs("2030-03-03T12:00:00Z", "zfs-3.2.0", "5.10", "7.6")
                .release("2030-03-05T00:00:00Z", "51.20300301.3.0", "7.6.1")
                .zfs("2030-03-09T16:20:00Z", "zfs-3.2.1", "5.10", "7.6")
                .replay(key, value);
        StreamSummary watch = report.watch().stream("stable");
        assertEquals(dispatches, watch.dispatched());
        assertEquals(0, watch.failed());
        assertEquals(held == null ? List.of() : List.of(Duration.parse(held)), lengths(watch.holds()));
        assertEquals(errored == null ? List.of() : List.of(Duration.parse(errored)), lengths(watch.errors()));
        assertEquals(
                Optional.ofNullable(latencyOfTheNewKernel).map(Duration::parse),
                release(watch, 1).latency());
        assertEquals(dailyFailures, report.baseline().stream("stable").failed());
    }

    @Test
    void aSeriesWithoutAnyReleaseIsAnErrorNamingThePin() {
        StreamSummary watch = TestHistory.between("2030-03-01T00:00:00Z", "2030-03-05T00:00:00Z")
                .zfs("2030-02-01T00:00:00Z", "zfs-3.1.3", "5.10", "7.5")
                .release("2030-03-01", "51.20300215.3.0", "7.5.2")
                .replay("zfs.series", "3.2")
                .watch()
                .stream("stable");
        assertEquals(0, watch.dispatched());
        assertEquals(1, watch.errors().size());
        assertTrue(watch.errors().getFirst().ongoing());
        assertEquals(
                List.of(
                        "OpenZFS release: no OpenZFS release in the pinned series 3.2 (zfs.series) among 1 published releases"),
                watch.errors().getFirst().reasons());
        assertEquals(ReleaseLatency.Outcome.NOT_BUILT_BY_END, release(watch, 0).outcome());
    }

    @Test
    void aBlockedVersionIsHeldUntilTheStreamMovesOnWhileTheDailyRebuildShipsIt() {
        ReplayReport report = TestHistory.between("2030-03-01T00:00:00Z", "2030-03-15T00:00:00Z")
                .zfs("2030-02-01T00:00:00Z", "zfs-3.1.3", "5.10", "7.5")
                .release("2030-03-01", "51.20300215.3.0", "7.5.1")
                .release("2030-03-04T06:00:00Z", "51.20300301.3.0", "7.5.2")
                .release("2030-03-06T09:15:00Z", "51.20300301.3.1", "7.5.3")
                .replay("coreos.blocked-versions", "51.20300301.3.0");
        StreamSummary watch = report.watch().stream("stable");
        assertEquals(2, watch.dispatched());
        Period hold = watch.holds().getFirst();
        assertEquals(
                List.of(at("2030-03-04T06:00:00Z"), at("2030-03-06T09:30:00Z")), List.of(hold.start(), hold.end()));
        assertEquals(List.of("coreos 51.20300301.3.0 is listed in coreos.blocked-versions"), hold.reasons());
        assertEquals(ReleaseLatency.Outcome.SUPERSEDED, release(watch, 1).outcome());
        assertEquals(Optional.of(Duration.parse("PT1H15M")), release(watch, 2).latency());
        // The blind rebuild does not know the block list: 03-05 and 03-06 02:50 ship the blocked version.
        StreamSummary daily = report.baseline().stream("stable");
        assertEquals(ReleaseLatency.Outcome.BUILT, release(daily, 1).outcome());
        assertEquals(Optional.of(at("2030-03-05T03:50:00Z")), release(daily, 1).imageAt());
    }

    @Test
    void aStreamGoingBackToAnOlderReleaseIsHeldAsADowngrade() {
        StreamSummary watch = TestHistory.between("2030-03-01T00:00:00Z", "2030-03-15T00:00:00Z")
                .zfs("2030-02-01T00:00:00Z", "zfs-3.1.3", "5.10", "7.5")
                .release("2030-03-01", "51.20300215.3.0", "7.5.1")
                .release("2030-03-05T00:00:00Z", "51.20300301.3.0", "7.5.2")
                .release("2030-03-08T12:00:00Z", "51.20300215.3.0", "7.5.1")
                .replay()
                .watch()
                .stream("stable");
        // CONTRACT rev 2, section 1: the image carries a newer CoreOS than the stream offers, a downgrade is held.
        assertEquals(2, watch.dispatched());
        assertEquals(
                List.of(
                        ReleaseLatency.Outcome.BUILT,
                        ReleaseLatency.Outcome.BUILT,
                        ReleaseLatency.Outcome.NOT_BUILT_BY_END),
                watch.releases().stream().map(ReleaseLatency::outcome).toList());
    }

    @Test
    void aReleasePulledBeforeAnyRunSawItCostsNothing() {
        StreamSummary watch = TestHistory.between("2030-03-01T00:00:00Z", "2030-03-15T00:00:00Z")
                .zfs("2030-02-01T00:00:00Z", "zfs-3.1.3", "5.10", "7.5")
                .release("2030-03-01", "51.20300215.3.0", "7.5.1")
                .release("2030-03-05T10:05:00Z", "51.20300301.3.0", "7.5.2")
                .release("2030-03-05T10:20:00Z", "51.20300215.3.0", "7.5.1")
                .replay()
                .watch()
                .stream("stable");
        assertEquals(1, watch.dispatched(), "no run fell between 10:05 and 10:20");
        assertEquals(
                List.of(ReleaseLatency.Outcome.BUILT, ReleaseLatency.Outcome.SUPERSEDED, ReleaseLatency.Outcome.BUILT),
                watch.releases().stream().map(ReleaseLatency::outcome).toList());
        assertEquals(Optional.of(Duration.ZERO), release(watch, 2).latency(), "the image already carries it");
    }

    /**
     * The watcher cannot see 03-02's kernel 7.6.0 (kernel chain found nothing), so the engine builds; the run fails at
     * 01:00, which frees the combination at once: the 01:00 run dispatches again. Once dispatch.max-attempts runs have
     * failed, the combination is held until upstream changes: 51.20300301.3.1 (7.5.3) at 12:00 is built at once.
     */
    @ParameterizedTest(name = "dispatch.max-attempts {0}")
    @CsvSource(textBlock = """
            1, 2030-03-02T01:00:00Z
            2, 2030-03-02T02:00:00Z
            3, 2030-03-02T03:00:00Z
            """)
    void aKernelUnknownToTheEngineButOutsideTheRangeFailsUpToTheAttemptsLimitThenHolds(int attempts, String heldFrom) {
        TestHistory history = TestHistory.between("2030-03-01T00:00:00Z", "2030-03-03T00:00:00Z")
                .zfs("2030-02-01T00:00:00Z", "zfs-3.1.3", "5.10", "7.5")
                .release("2030-03-01", "51.20300215.3.0", "7.5.1")
                .releaseWithHiddenKernel("2030-03-02T00:00:00Z", "51.20300301.3.0", "7.6.0")
                .release("2030-03-02T12:00:00Z", "51.20300301.3.1", "7.5.3");
        ReplayReport report = history.replay("dispatch.max-attempts", String.valueOf(attempts));
        StreamSummary watch = report.watch().stream("stable");
        assertEquals(1 + attempts + 1, watch.dispatched());
        assertEquals(attempts, watch.failed());
        List<Instant> failedAt =
                watch.failedBuilds().stream().map(SimulatedBuild::dispatchedAt).toList();
        for (int i = 0; i < attempts; i++) {
            assertEquals(
                    at("2030-03-02T00:00:00Z").plus(Duration.ofHours(i)),
                    failedAt.get(i),
                    "each retry when the last run failed");
        }
        assertEquals(
                "kernel 7.6.0-100.fc51.x86_64 (x86_64) is outside Linux 5.10-7.5 of zfs 3.1.3: the ZFS module does not build",
                watch.failedBuilds().getFirst().detail());
        Period hold = watch.holds().getFirst();
        assertEquals(List.of(at(heldFrom), at("2030-03-02T12:00:00Z")), List.of(hold.start(), hold.end()));
        assertEquals(
                List.of("builds of this combination failed " + attempts + " times (dispatch.max-attempts " + attempts
                        + "), the last dispatched at " + failedAt.getLast()
                        + "; held until the upstream combination changes"),
                hold.reasons());
        assertEquals(1, watch.holds().size());
        assertEquals(ReleaseLatency.Outcome.SUPERSEDED, release(watch, 1).outcome());
        assertEquals(Optional.of(Duration.ofHours(1)), release(watch, 2).latency());
        assertEquals(1, report.baseline().stream("stable").failed(), "the daily rebuild fails once, on 03-02");
    }

    /** A run id is always known in a replay, so the in-flight window never cuts a long run short. */
    @ParameterizedTest(name = "window {0}, builds take {1}")
    @CsvSource(textBlock = """
            PT3H, PT5H
            PT1H, PT2H
            """)
    void aRunLongerThanTheInFlightWindowIsStillInFlight(String window, String buildDuration) {
        TestHistory history = TestHistory.between("2030-03-01T00:00:00Z", "2030-03-03T00:00:00Z")
                .zfs("2030-02-01T00:00:00Z", "zfs-3.1.3", "5.10", "7.5")
                .release("2030-03-01", "51.20300215.3.0", "7.5.1")
                .release("2030-03-02T00:00:00Z", "51.20300301.3.0", "7.5.2");
        ReplayReport report = Replay.run(
                history.build(), history.settings(Duration.parse(buildDuration), "dispatch.in-flight-window", window));
        StreamSummary watch = report.watch().stream("stable");
        assertEquals(2, watch.dispatched(), "one run per combination");
        List<TimelineEntry> dispatches = report.timeline().stream()
                .filter(e -> e.kind() == TimelineEntry.Kind.DISPATCH)
                .toList();
        assertEquals(
                List.of(at("2030-03-01T00:00:00Z"), at("2030-03-02T00:00:00Z")),
                dispatches.stream().map(TimelineEntry::at).toList());
        assertEquals(
                Optional.of(Duration.parse(buildDuration)), release(watch, 1).latency());
    }

    @Test
    void theSameKernelSeenByTheEngineIsHeldWithoutAnyFailedBuild() {
        StreamSummary watch = TestHistory.between("2030-03-01T00:00:00Z", "2030-03-03T00:00:00Z")
                .zfs("2030-02-01T00:00:00Z", "zfs-3.1.3", "5.10", "7.5")
                .release("2030-03-01", "51.20300215.3.0", "7.5.1")
                .release("2030-03-02T00:00:00Z", "51.20300301.3.0", "7.6.0")
                .replay()
                .watch()
                .stream("stable");
        assertEquals(1, watch.dispatched());
        assertEquals(0, watch.failed());
        assertEquals(List.of(Duration.ofHours(24)), lengths(watch.holds()));
        assertTrue(watch.holds().getFirst().ongoing());
    }

    @Test
    void aKernelUnknownToTheHistoryIsBuiltAndCountedAsUnverified() {
        ReplayReport report = TestHistory.between("2030-03-01T00:00:00Z", "2030-03-03T00:00:00Z")
                .zfs("2030-02-01T00:00:00Z", "zfs-3.1.3", "5.10", "7.5")
                .release("2030-03-01", "51.20300215.3.0", "7.5.1")
                .releaseWithUnknownKernel("2030-03-02T10:00:00Z", "52.20300301.3.0")
                .replay();
        StreamSummary watch = report.watch().stream("stable");
        assertEquals(2, watch.dispatched());
        assertEquals(1, watch.unverified());
        assertEquals(1, watch.succeeded());
        assertEquals(Optional.of(Duration.ofHours(1)), release(watch, 1).latency());
    }
}
