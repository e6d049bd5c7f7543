package dev.coreoswatch.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import dev.coreoswatch.config.ConfigSource;
import dev.coreoswatch.config.WatchConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped two years of FCOS stable and OpenZFS. Numbers checked by hand against the CSV rows
 * (see docs/replay.md): the five holds, the 749 daily builds and the 61 that fail.
 */
class ShippedHistoryReplayTest {
    private static final History SHIPPED = History.shipped();

    private static ReplayReport replay(String... keyValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        ReplaySettings settings = ReplaySettings.of(WatchConfig.load(ConfigSource.of(values)), ReplaySettings.maxAttempts(ConfigSource.of(values)),
                SHIPPED, Optional.empty(),
                Optional.empty(), ReplaySettings.DEFAULT_INTERVAL, ReplaySettings.DEFAULT_BUILD_DURATION);
        return Replay.run(SHIPPED, settings);
    }

    @Test
    void theDefaultPolicyOverTwoYears() {
        ReplayReport report = replay();
        StreamSummary watch = report.watch().stream("stable");
        assertEquals(59, watch.dispatched(), "53 FCOS releases + 6 ZFS releases that changed the choice outside a hold");
        assertEquals(0, watch.failed());
        assertEquals(7, watch.unverified(), "the six Fedora 44 releases and the 2.4.3 rebuild of one of them");
        assertEquals(0, watch.redundant());
        assertEquals(List.of(Instant.parse("2024-07-30T00:00:00Z"), Instant.parse("2024-10-29T00:00:00Z"),
                Instant.parse("2025-04-29T00:00:00Z"), Instant.parse("2025-11-12T02:30:00Z"), Instant.parse("2026-02-03T20:30:00Z")),
                watch.holds().stream().map(Period::start).toList());
        // 6.9 until 2.2.5, 6.11 until 2.2.7, 6.14 until 2.3.2, 6.17 until 2.3.5, 6.18 until 2.4.1 (2.4.0 is a .0)
        assertEquals(List.of("PT97H30M", "PT886H30M", "PT42H", "PT39H", "PT383H"),
                watch.holds().stream().map(p -> p.length().toString()).toList());
        assertEquals(Duration.ofHours(1448), watch.heldFor());
        assertEquals(56, watch.releases().size());
        assertEquals(List.of(53L, 3L, 0L), outcomes(watch));
        assertEquals(Optional.of(Duration.parse("PT1H4M29S")), watch.medianLatency());
        assertEquals(Optional.of(Duration.parse("PT239H30M")), watch.maxLatency(), "41.20241109.3.0: 11-25 until 2.2.7");

        StreamSummary daily = report.baseline().stream("stable");
        assertEquals(749, daily.dispatched(), "one a day from 2024-07-03 to 2026-07-21");
        assertEquals(61, daily.failed(), "5 + 14 + 13 + 10 + 2 + 1 + 15 + 1 days with a kernel outside the range");
        assertEquals(71, daily.unverified(), "every day from 2026-05-12 to 2026-07-21 builds an unknown Fedora 44 kernel");
        assertEquals(635, daily.redundant());
        assertEquals(List.of(51L, 4L, 1L), outcomes(daily));
        assertEquals(Optional.of(Duration.parse("PT3H16M2S")), daily.medianLatency());
        assertEquals(Optional.of(Duration.ofHours(241)), daily.maxLatency());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(textBlock = """
            zfs.allow-dot-zero, false, 59, 5, PT1448H, PT0S,     61, 635
            zfs.allow-dot-zero, true,  63, 4, PT1065H, PT0S,     45, 647
            zfs.series,         2.4,   20, 0, PT0S,    PT12810H, 534, 198
            zfs.series,         2.3,   47, 3, PT467H30M, PT4678H, 214, 492
            """)
    void eachZfsPolicyNextToTheDailyRebuild(String key, String value, int dispatched, int holds, String held, String errored,
                                            int dailyFailed, int dailyRedundant) {
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
    }

    @Test
    void twoYearsAtThirtyMinutesReplayInWellUnderAFewSeconds() {
        assertTimeout(Duration.ofSeconds(5), () -> replay());
    }

    private static List<Long> outcomes(StreamSummary s) {
        return List.of(s.releasesWith(ReleaseLatency.Outcome.BUILT), s.releasesWith(ReleaseLatency.Outcome.SUPERSEDED),
                s.releasesWith(ReleaseLatency.Outcome.NOT_BUILT_BY_END));
    }
}
