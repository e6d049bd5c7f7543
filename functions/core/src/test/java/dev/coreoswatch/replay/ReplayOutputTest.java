package dev.coreoswatch.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayOutputTest {
    private static final ReplayReport REPORT = TestHistory.between("2030-03-01T00:00:00Z", "2030-03-08T00:00:00Z")
            .zfs("2030-02-01T00:00:00Z", "zfs-3.1.2", "5.10", "7.4")
            .release("2030-03-01", "51.20300215.3.0", "7.4.3")
            .release("2030-03-04T10:10:00Z", "51.20300301.3.0", "7.5.1")
            .zfs("2030-03-06T07:45:00Z", "zfs-3.1.3", "5.10", "7.5")
            .replay("coreos.architectures", "x86_64");

    @Test
    void jsonCarriesSettingsBothSummariesAndTheTimeline() {
        JsonNode root = Json.parse(ReplayJson.write(REPORT).getBytes(StandardCharsets.UTF_8), "replay JSON");
        assertEquals("test history", root.get("history").textValue());
        assertEquals("2030-03-01T00:00:00Z", root.get("from").textValue());
        assertEquals("2030-03-08T00:00:00Z", root.get("to").textValue());
        JsonNode settings = root.get("settings");
        assertEquals("PT30M", settings.get("interval").textValue());
        assertEquals("PT1H", settings.get("buildDuration").textValue());
        assertEquals("PT3H", settings.get("inFlightWindow").textValue());
        assertEquals(2, settings.get("maxAttempts").intValue());
        assertEquals("02:50Z", settings.get("dailyAt").textValue());
        assertEquals("[\"x86_64\"]", settings.get("architectures").toString());
        assertTrue(settings.get("zfsSeries").isNull());

        JsonNode watch = root.get("coreosWatch").get("streams").get(0);
        assertEquals("stable", watch.get("stream").textValue());
        assertEquals(2, watch.get("builds").get("dispatched").intValue());
        assertEquals(0, watch.get("builds").get("failed").intValue());
        JsonNode lag = watch.get("imageBehindStream");
        assertEquals("PT46H50M", lag.get("longest").textValue());
        assertEquals("PT1H", lag.get("withoutImageFromStart").textValue());
        assertEquals(
                "2030-03-04T10:10:00Z", lag.get("periods").get(1).get("start").textValue());
        JsonNode hold = watch.get("holds").get("periods").get(0);
        assertEquals("2030-03-04T10:30:00Z", hold.get("start").textValue());
        assertEquals("PT45H30M", hold.get("length").textValue());
        assertEquals(1, watch.get("holds").get("count").intValue());
        assertEquals("PT45H30M", watch.get("holds").get("longest").textValue());
        JsonNode second = watch.get("releases").get("list").get(1);
        assertEquals("51.20300301.3.0", second.get("coreosVersion").textValue());
        assertEquals("PT46H50M", second.get("latency").textValue());
        assertEquals("BUILT", second.get("outcome").textValue());

        JsonNode daily = root.get("dailyRebuild");
        assertEquals("PT24H", daily.get("interval").textValue());
        JsonNode builds = daily.get("streams").get(0).get("builds");
        assertEquals(7, builds.get("dispatched").intValue());
        assertEquals(
                7,
                builds.get("succeeded").intValue()
                        + builds.get("unverified").intValue()
                        + builds.get("redundant").intValue()
                        + builds.get("failed").intValue(),
                "each build in one count");
        assertEquals(2, builds.get("failedKernelOutsideRange").intValue());
        assertEquals(0, builds.get("failedNoZfsRelease").intValue());
        JsonNode failed = daily.get("streams").get(0).get("failedBuilds");
        assertEquals(2, failed.size());
        assertEquals("2030-03-05T02:50:00Z", failed.get(0).get("dispatchedAt").textValue());
        JsonNode changed = root.get("dailySkipUnchanged").get("streams").get(0).get("builds");
        assertEquals(
                List.of(4, 0),
                List.of(
                        changed.get("dispatched").intValue(),
                        changed.get("redundant").intValue()));
        assertEquals("3.1.2", failed.get(0).get("zfsVersion").textValue());

        JsonNode timeline = root.get("timeline");
        assertEquals(REPORT.timeline().size(), timeline.size());
        assertEquals("HOLD", timeline.get(4).get("event").textValue());
        assertTrue(timeline.get(5).get("stream").isNull(), "a ZFS change applies to every stream");
    }

    /** Every build is in exactly one of the rows under "builds dispatched", in every column. */
    @Test
    void theBuildRowsOfTheTextAddUp() {
        String text = ReplayText.write(REPORT);
        String[] lines = text.split("\n");
        int start = 0;
        while (!lines[start].startsWith("  builds dispatched")) {
            start++;
        }
        for (int column = 0; column < 3; column++) {
            int sum = 0;
            for (int i = start + 1; lines[i].startsWith("    "); i++) {
                sum += number(lines[i], column);
            }
            assertEquals(number(lines[start], column), sum, text);
        }
    }

    private static int number(String row, int column) {
        String[] parts = row.strip().split(" +");
        return Integer.parseInt(parts[parts.length - 3 + column]);
    }

    @Test
    void textShowsTheTimelineAndBothColumns() {
        String text = ReplayText.write(REPORT);
        assertTrue(text.contains("2030-03-04 10:30  stable   HOLD      51.20300301.3.0 zfs 3.1.2"), text);
        assertTrue(text.matches("(?s).*  builds dispatched +2 +7 +4\n.*"), text);
        assertTrue(text.matches("(?s).*    failed: kernel outside the ZFS range +0 +2 +2\n.*"), text);
        assertTrue(text.contains("  2030-03-04 10:30 .. 2030-03-06 08:00  1d 21h 30m"), text);
        assertTrue(text.contains("  2030-03-05 02:50 .. 2030-03-06 02:50    2 x 51.20300301.3.0 zfs 3.1.2"), text);
        assertTrue(text.contains("naive daily (rebuilds every day, whatever changed)"), text);
        assertTrue(text.matches("(?s).*  image behind the stream, longest +1d 22h 50m .*"), text);
    }

    @Test
    void durationsReadAsDaysHoursMinutes() {
        assertEquals("0m", Durations.human(Duration.ZERO));
        assertEquals("55m", Durations.human(Duration.ofMinutes(55)));
        assertEquals("1d 21h 30m", Durations.human(Duration.parse("PT45H30M")));
        assertEquals("36d", Durations.human(Duration.ofDays(36)));
    }
}
