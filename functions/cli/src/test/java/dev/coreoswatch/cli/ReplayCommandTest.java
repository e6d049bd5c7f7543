package dev.coreoswatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coreos-watch replay} in process, through Main.run as the jar runs it. */
class ReplayCommandTest {
    private record Run(int exitCode, String out, String err) {}

    /** Runs one command line with the given configuration keys as -D system properties. */
    private static Run run(Map<String, String> properties, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        properties.forEach(System::setProperty);
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            properties.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void replayJsonOfTheShippedHistoryIsOneDocumentWithBothSummaries() {
        Run run = run(Map.of(), "replay", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode root =
                Json.parse(run.out().getBytes(StandardCharsets.UTF_8), "replay --json"); // rejects anything after it
        assertEquals("shipped history", root.get("history").textValue());
        assertEquals("2024-07-03T00:00:00Z", root.get("from").textValue());
        JsonNode watch = root.get("coreosWatch").get("streams").get(0).get("builds");
        JsonNode daily = root.get("dailyRebuild").get("streams").get(0).get("builds");
        assertEquals(58, watch.get("dispatched").intValue());
        assertEquals(0, watch.get("failed").intValue());
        assertEquals(749, daily.get("dispatched").intValue());
        assertEquals(78, daily.get("failed").intValue());
        assertEquals(
                134,
                root.get("dailySkipUnchanged")
                        .get("streams")
                        .get(0)
                        .get("builds")
                        .get("dispatched")
                        .intValue());
        assertTrue(
                run.err().contains("coreos-watch: replayed 2024-07-03T00:00:00Z .. 2026-07-22T00:00:00Z in "),
                run.err());
    }

    /** The commands of issue 17: a run longer than the in-flight window no longer doubles the builds (115 and 117 before). */
    @Test
    void aLongBuildIsDispatchedOncePerCombination() {
        for (Run run : new Run[] {
            run(Map.of(), "replay", "--json", "--build-duration=PT5H"),
            run(Map.of("dispatch.in-flight-window", "PT1H"), "replay", "--json", "--build-duration=PT2H")
        }) {
            assertEquals(0, run.exitCode(), run.err());
            JsonNode root = Json.parse(run.out().getBytes(StandardCharsets.UTF_8), "replay --json");
            assertEquals(
                    58,
                    root.get("coreosWatch")
                            .get("streams")
                            .get(0)
                            .get("builds")
                            .get("dispatched")
                            .intValue());
        }
    }

    @Test
    void svgDrawsTheTimelineIntoAFile(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("replay.svg");
        Run run = run(Map.of(), "replay", "--svg", svg.toString());
        assertEquals(0, run.exitCode(), run.err());
        String picture = Files.readString(svg);
        assertTrue(
                picture.startsWith(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""),
                picture);
        assertEquals(58, picture.split("<line class=\"build ", -1).length - 1, "one tick per build");
        assertTrue(run.out().contains("builds dispatched"), "the text report still goes to stdout");

        Run unwritable = run(
                Map.of(),
                "replay",
                "--svg",
                dir.resolve("missing/dir/replay.svg").toString());
        assertEquals(2, unwritable.exitCode());
        assertTrue(
                unwritable.err().contains("coreos-watch: --svg: cannot write " + dir.resolve("missing/dir/replay.svg")),
                unwritable.err());
    }

    @Test
    void theConfigurationKeysOfCheckApply() {
        Run run = run(Map.of("zfs.series", "2.4"), "replay", "--json", "--from", "2025-12-01", "--to", "2025-12-31");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode root = Json.parse(run.out().getBytes(StandardCharsets.UTF_8), "replay --json");
        assertEquals("2.4", root.get("settings").get("zfsSeries").textValue());
        assertEquals("2026-01-01T00:00:00Z", root.get("to").textValue());
        JsonNode errors = root.get("coreosWatch").get("streams").get(0).get("errors");
        // no 2.4 release until zfs-2.4.0 on 2025-12-18T17:31:29Z: ERROR from the start until the 18:00 run
        assertEquals(
                "2025-12-01T00:00:00Z",
                errors.get("periods").get(0).get("start").textValue());
        assertEquals(
                "2025-12-18T18:00:00Z", errors.get("periods").get(0).get("end").textValue());
    }

    @Test
    void aHistoryFileAndTheTextReport(@TempDir Path dir) throws Exception {
        Path history = Files.writeString(dir.resolve("history.json"), """
                {"format": "coreos-watch-history/1", "period": {"from": "2030-03-01T00:00:00Z", "to": "2030-03-04T00:00:00Z"},
                 "architectures": ["x86_64"],
                 "fcos": {"stable": [{"release": "51.20300215.3.0", "date": "2030-03-01", "kernels": {"x86_64": "7.4.3-100.fc51.x86_64"}},
                                     {"release": "51.20300301.3.0", "date": "2030-03-02T09:00:00Z", "kernels": {"x86_64": "7.5.0-100.fc51.x86_64"}}]},
                 "zfs": [{"tag": "zfs-3.1.2", "date": "2030-02-01T00:00:00Z", "linuxMinimum": "5.10", "linuxMaximum": "7.4"}]}
                """);
        Run run = run(
                Map.of("coreos.architectures", "x86_64"),
                "replay",
                "--history",
                history.toString(),
                "--interval",
                "PT1H");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("2030-03-02 09:00  stable   HOLD      51.20300301.3.0 zfs 3.1.2"), run.out());
        assertTrue(run.out().matches("(?s).*  builds dispatched +1 +3 +2\n.*"), run.out());
    }

    @Test
    void badUsageExitsWithTwoNamingTheOptionOrKey(@TempDir Path dir) throws Exception {
        Run from = run(Map.of(), "replay", "--from", "2020-01-01");
        assertEquals(2, from.exitCode());
        assertTrue(from.err().contains("--from: 2020-01-01T00:00:00Z is outside the history's period"), from.err());
        assertEquals("", from.out());

        Run interval = run(Map.of(), "replay", "--interval", "30 minutes");
        assertEquals(2, interval.exitCode());
        assertTrue(interval.err().contains("--interval: \"30 minutes\" is not an ISO-8601 duration"), interval.err());

        Run attempts = run(Map.of("dispatch.max-attempts", "0"), "replay");
        assertEquals(2, attempts.exitCode());
        assertTrue(
                attempts.err().contains("dispatch.max-attempts: \"0\" is not a whole number from 1 to 100"),
                attempts.err());

        Run stream = run(Map.of("coreos.streams", "next"), "replay");
        assertEquals(2, stream.exitCode());
        assertTrue(
                stream.err().contains("coreos.streams: the history has no FCOS releases of stream next"), stream.err());

        Path broken = Files.writeString(
                dir.resolve("broken.json"), "{\"format\": \"coreos-watch-history/1\", \"period\": 3}");
        Run history = run(Map.of(), "replay", "--history", broken.toString());
        assertEquals(2, history.exitCode());
        assertTrue(
                history.err().contains("--history: history " + broken + ": period: is not a JSON object"),
                history.err());
    }
}
