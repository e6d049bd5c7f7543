package dev.coreoswatch.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.config.ConfigSource;
import dev.coreoswatch.config.WatchConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped two years of FCOS stable and OpenZFS, OpenZFS releases seen when GitHub published
 * them. Numbers checked by hand against the CSV rows and the releases' publication times (see
 * docs/replay.md): the five holds, the 749 naive daily builds and the 78 that fail.
 */
class ShippedHistoryReplayTest {
    private static final History SHIPPED = History.shipped();

    private static ReplayReport replay(String... keyValues) {
        return replay(ReplaySettings.DEFAULT_BUILD_DURATION, keyValues);
    }

    private static ReplayReport replay(Duration buildDuration, String... keyValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        ReplaySettings settings = ReplaySettings.of(
                WatchConfig.load(ConfigSource.of(values)),
                SHIPPED,
                Optional.empty(),
                Optional.empty(),
                ReplaySettings.DEFAULT_INTERVAL,
                buildDuration);
        return Replay.run(SHIPPED, settings);
    }

    @Test
    void theDefaultPolicyOverTwoYears() {
        ReplayReport report = replay();
        StreamSummary watch = report.watch().stream("stable");
        assertEquals(
                58, watch.dispatched(), "52 FCOS releases + 6 ZFS releases that changed the choice outside a hold");
        assertEquals(0, watch.failed());
        assertEquals(
                8, watch.unverified(), "the six Fedora 44 releases, and the 2.4.2 and 2.4.3 rebuilds of two of them");
        assertEquals(0, watch.redundant());
        assertEquals(
                List.of(
                        Instant.parse("2024-07-30T00:00:00Z"),
                        Instant.parse("2024-10-29T00:00:00Z"),
                        Instant.parse("2025-04-29T00:00:00Z"),
                        Instant.parse("2025-11-12T02:30:00Z"),
                        Instant.parse("2026-02-03T20:30:00Z")),
                watch.holds().stream().map(Period::start).toList());
        // 6.9 until 2.2.5 (08-03 01:03, no publication time known), 6.11 until 2.2.7 (published 12-11 22:55), 6.14
        // until
        // 2.3.2 (05-01 18:20), 6.17 until 2.3.5 (11-17 17:11), 6.18 until 2.4.1 (02-24 19:34; 2.4.0 is a .0)
        assertEquals(
                List.of("PT97H30M", "PT1055H", "PT66H30M", "PT135H", "PT503H30M"),
                watch.holds().stream().map(p -> p.length().toString()).toList());
        assertEquals(Duration.parse("PT1857H30M"), watch.heldFor());
        assertEquals(56, watch.releases().size());
        assertEquals(List.of(52L, 4L, 0L), outcomes(watch));
        assertEquals(Optional.of(Duration.parse("PT1H4M29S")), watch.medianLatency());
        assertEquals(
                Optional.of(Duration.ofHours(408)),
                watch.maxLatency(),
                "41.20241109.3.0: 11-25 until 2.2.7 was published");

        StreamSummary daily = report.baseline().stream("stable");
        assertEquals(749, daily.dispatched(), "one a day at 02:50 from 2024-07-03 to 2026-07-21");
        assertEquals(78, daily.failed(), "4 + 14 + 13 + 17 + 2 + 1 + 6 + 15 + 6 days with a kernel outside the range");
        assertEquals(0, daily.failedNoZfs());
        assertEquals(7, daily.unverified(), "new images of a Fedora 44 kernel; the other days rebuild one");
        assertEquals(615, daily.redundant());
        assertEquals(List.of(51L, 4L, 1L), outcomes(daily));
        assertEquals(Optional.of(Duration.parse("PT6H47M52S")), daily.medianLatency());
        assertEquals(Optional.of(Duration.parse("PT411H50M")), daily.maxLatency());
    }

    @Test
    void aZfsReleaseCountsFromItsPublicationNotItsTag() {
        ReplayReport report = replay();
        // zfs-2.2.7 was tagged 2024-12-04 22:12 and published 2024-12-11 22:55: a watcher saw it a week later.
        TimelineEntry zfs227 = report.timeline().stream()
                .filter(e -> e.kind() == TimelineEntry.Kind.ZFS && "2.2.7".equals(e.zfsVersion()))
                .findFirst()
                .orElseThrow();
        assertEquals(Instant.parse("2024-12-11T22:55:35Z"), zfs227.at());
        assertEquals(
                Instant.parse("2024-12-11T23:00:00Z"),
                report.watch().stream("stable").holds().get(1).end());
        assertEquals(
                Optional.of(Instant.parse("2024-12-11T22:55:35Z")),
                SHIPPED.zfs().stream()
                        .filter(z -> z.release().tag().equals("zfs-2.2.7"))
                        .findFirst()
                        .orElseThrow()
                        .release()
                        .publishedAt());
    }

    /** The run guard: a combination is in flight until its run completes, however long that takes. */
    @ParameterizedTest(name = "window {0}, builds take {1}")
    @CsvSource(textBlock = """
            PT3H, PT1H
            PT3H, PT5H
            PT1H, PT2H
            PT30M, PT12H
            """)
    void aCombinationIsDispatchedOnceWhateverTheBuildDurationAndWindow(String window, String buildDuration) {
        StreamSummary watch =
                replay(Duration.parse(buildDuration), "dispatch.in-flight-window", window).watch().stream("stable");
        long combinations = watch.builds().stream()
                .map(b -> b.coreosVersion() + " " + b.zfsVersion())
                .distinct()
                .count();
        assertEquals(combinations, watch.dispatched(), "no combination is dispatched twice");
        assertEquals(58, watch.dispatched());
        assertEquals(0, watch.failed());
    }

    @Test
    void theImageLaggedTheStreamLongerThanAnyReleaseWaited() {
        StreamSummary watch = replay().watch().stream("stable");
        // 2024-10-29 00:00 (6.11.3 held) to 2024-12-12 00:00 (the 2.2.7 build of 41.20241109.3.0 lands): three releases
        // superseded one another meanwhile, so no single release waited that long.
        assertEquals(Optional.of(Duration.ofHours(1056)), watch.longestLag());
        Lag longest =
                watch.lags().stream().max(Comparator.comparing(Lag::length)).orElseThrow();
        assertEquals(Instant.parse("2024-10-29T00:00:00Z"), longest.start());
        assertTrue(watch.maxLatency().orElseThrow().compareTo(watch.longestLag().orElseThrow()) < 0);
        assertEquals(Duration.ofHours(1), watch.withoutImage(), "the first run builds; it lands an hour later");

        StreamSummary pinned = replay("zfs.series", "2.4").watch().stream("stable");
        assertEquals(
                Duration.parse("PT12811H"),
                pinned.withoutImage(),
                "533 days without any image: no 2.4 release before 2025-12-18");
        assertEquals(pinned.longestLag(), Optional.of(pinned.withoutImage()));
    }

    @Test
    void aDayWithoutAZfsReleaseIsNotAKernelOutsideTheRange() {
        StreamSummary daily = replay("zfs.series", "2.4").baseline().stream("stable");
        assertEquals(534, daily.failedNoZfs(), "every day until 2025-12-18 has no 2.4 release to build with");
        assertEquals(0, daily.failedKernel());
        assertTrue(daily.failedBuilds().stream()
                .allMatch(b -> b.zfsVersion() == null && b.detail().startsWith("no ZFS release")));
        StreamSummary mixed = replay("zfs.series", "2.3").baseline().stream("stable");
        assertEquals(List.of(195, 30), List.of(mixed.failedNoZfs(), mixed.failedKernel()));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(textBlock = """
            zfs.allow-dot-zero, false, 58, 5, PT1857H30M, PT0S,     78, 615, 134
            zfs.allow-dot-zero, true,  62, 4, PT1354H,    PT0S,     57, 632, 117
            zfs.series,         2.4,   20, 0, PT0S,       PT12810H, 534, 196, 553
            zfs.series,         2.3,   46, 3, PT705H,     PT4678H,  225, 479, 270
            zfs.series,         2.2,   38, 5, PT6690H,    PT0S,     279, 434, 315
            """)
    void eachZfsPolicyNextToTheDailyBuilds(
            String key,
            String value,
            int dispatched,
            int holds,
            String held,
            String errored,
            int dailyFailed,
            int dailyRedundant,
            int skipUnchangedDispatched) {
        ReplayReport report = replay(key, value);
        StreamSummary watch = report.watch().stream("stable");
        assertEquals(dispatched, watch.dispatched());
        assertEquals(0, watch.failed(), "the engine never dispatches a build it can see fail");
        assertEquals(holds, watch.holds().size());
        assertEquals(Duration.parse(held), watch.heldFor());
        assertEquals(Duration.parse(errored), watch.erroredFor());
        StreamSummary daily = report.baseline().stream("stable");
        assertEquals(dailyFailed, daily.failed());
        assertEquals(dailyRedundant, daily.redundant());
        StreamSummary changed = report.skipUnchanged().stream("stable");
        assertEquals(skipUnchangedDispatched, changed.dispatched());
        assertEquals(0, changed.redundant(), "it never rebuilds what the image has");
        assertEquals(
                dailyFailed,
                changed.failed(),
                "a doomed combination is never in the image, so it is retried every day");
        for (StreamSummary s : List.of(watch, daily, changed)) {
            assertEquals(
                    s.dispatched(),
                    s.succeeded() + s.unverified() + s.redundant() + s.failedKernel() + s.failedNoZfs(),
                    s.stream() + ": the build rows add up");
        }
    }

    @Test
    void twoYearsAtThirtyMinutesReplayInWellUnderAFewSeconds() {
        assertTimeout(Duration.ofSeconds(5), () -> replay());
    }

    private static List<Long> outcomes(StreamSummary s) {
        return List.of(
                s.releasesWith(ReleaseLatency.Outcome.BUILT),
                s.releasesWith(ReleaseLatency.Outcome.SUPERSEDED),
                s.releasesWith(ReleaseLatency.Outcome.NOT_BUILT_BY_END));
    }
}
