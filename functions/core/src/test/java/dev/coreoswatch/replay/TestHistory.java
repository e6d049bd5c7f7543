package dev.coreoswatch.replay;

import dev.coreoswatch.config.ConfigSource;
import dev.coreoswatch.config.WatchConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hand-made histories in the shipped format (written as JSON and read by {@link HistoryParser},
 * so every scenario also goes through the parser). Versions and kernels are invented (FCOS 51,
 * kernels 7.x, OpenZFS 3.x) so that no test can be tuned to the real history's numbers.
 */
final class TestHistory {
    private final String from;
    private final String to;
    private final List<String> releases = new ArrayList<>();
    private final List<String> zfs = new ArrayList<>();

    private TestHistory(String from, String to) {
        this.from = from;
        this.to = to;
    }

    static TestHistory between(String from, String to) {
        return new TestHistory(from, to);
    }

    /** A stable release whose kernel line is {@code line} on both arches, known to the watcher. */
    TestHistory release(String date, String version, String kernel) {
        return release(date, version, kernel, true);
    }

    /** The kernel chain found nothing for this release: the engine is told "unknown", the build gets {@code kernel}. */
    TestHistory releaseWithHiddenKernel(String date, String version, String kernel) {
        return release(date, version, kernel, false);
    }

    TestHistory releaseWithUnknownKernel(String date, String version) {
        releases.add("{\"release\": \"" + version + "\", \"date\": \"" + date + "\", \"kernels\": {\"x86_64\": null}}");
        return this;
    }

    TestHistory zfs(String date, String tag, String min, String max) {
        return zfs(date, tag, min, max, false);
    }

    TestHistory draftZfs(String date, String tag, String min, String max) {
        return zfs(date, tag, min, max, true);
    }

    private TestHistory zfs(String date, String tag, String min, String max, boolean draft) {
        zfs.add("{\"tag\": \"" + tag + "\", \"date\": \"" + date + "\", \"draft\": " + draft + ", \"linuxMinimum\": \""
                + min + "\", \"linuxMaximum\": \"" + max + "\"}");
        return this;
    }

    private TestHistory release(String date, String version, String kernel, boolean visible) {
        String fc = version.substring(0, version.indexOf('.'));
        releases.add("{\"release\": \"" + version + "\", \"date\": \"" + date + "\", \"kernels\": {\"x86_64\": \""
                + kernel + "-100.fc" + fc + ".x86_64\", \"aarch64\": \"" + kernel + "-100.fc" + fc + ".aarch64\"}"
                + (visible ? "" : ", \"kernelsVisible\": false") + "}");
        return this;
    }

    String json() {
        return "{\"format\": \"coreos-watch-history/1\", \"period\": {\"from\": \"" + from + "\", \"to\": \"" + to
                + "\"},\n"
                + " \"architectures\": [\"x86_64\", \"aarch64\"],\n"
                + " \"fcos\": {\"stable\": [\n  " + String.join(",\n  ", releases) + "]},\n"
                + " \"zfs\": [\n  " + String.join(",\n  ", zfs) + "]}\n";
    }

    History build() {
        return HistoryParser.parse(json().getBytes(StandardCharsets.UTF_8), "test history");
    }

    /** Replays this history with {@code check}'s configuration keys; 30-minute runs, one-hour builds. */
    ReplayReport replay(String... keyValues) {
        return Replay.run(build(), settings(keyValues));
    }

    ReplaySettings settings(String... keyValues) {
        return settings(Duration.ofHours(1), keyValues);
    }

    ReplaySettings settings(Duration buildDuration, String... keyValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        History history = build();
        return ReplaySettings.of(
                WatchConfig.load(ConfigSource.of(values)),
                history,
                Optional.empty(),
                Optional.empty(),
                Duration.ofMinutes(30),
                buildDuration);
    }
}
