package dev.coreoswatch.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.config.ConfigException;
import dev.coreoswatch.config.ConfigSource;
import dev.coreoswatch.config.WatchConfig;
import dev.coreoswatch.model.Arch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplaySettingsTest {
    private static final History HISTORY = TestHistory.between("2030-03-01T00:00:00Z", "2030-03-15T00:00:00Z")
            .zfs("2030-02-01T00:00:00Z", "zfs-3.1.3", "5.10", "7.5")
            .release("2030-03-01", "51.20300215.3.0", "7.5.1")
            .build();

    private static ReplaySettings settings(Map<String, String> config, String from, String to, Duration interval) {
        return ReplaySettings.of(
                WatchConfig.load(ConfigSource.of(config)),
                HISTORY,
                Optional.ofNullable(from).map(ReplaySettings::parseFrom),
                Optional.ofNullable(to).map(ReplaySettings::parseTo),
                interval,
                Duration.ofHours(1));
    }

    @Test
    void withoutFromAndToTheHistorysPeriodIsReplayedWithCheckKeys() {
        ReplaySettings s = settings(
                Map.of(
                        "zfs.series",
                        "3.1",
                        "coreos.architectures",
                        "aarch64",
                        "dispatch.in-flight-window",
                        "PT5H",
                        "target.image",
                        "registry.example/me/zfs-coreos",
                        "target.tag",
                        "{stream}-zfs"),
                null,
                null,
                Duration.ofMinutes(30));
        assertEquals(Instant.parse("2030-03-01T00:00:00Z"), s.from());
        assertEquals(Instant.parse("2030-03-15T00:00:00Z"), s.to());
        assertEquals(List.of(Arch.AARCH64), s.architectures());
        assertEquals("3.1", s.zfsSeries().orElseThrow().text());
        assertEquals(Duration.ofHours(5), s.inFlightWindow());
        assertEquals(
                "registry.example/me/zfs-coreos:stable-zfs",
                s.imageFor("stable").toString());
    }

    @Test
    void aDateForToMeansTheWholeDay() {
        ReplaySettings s = settings(Map.of(), "2030-03-02", "2030-03-04", Duration.ofMinutes(30));
        assertEquals(Instant.parse("2030-03-02T00:00:00Z"), s.from());
        assertEquals(Instant.parse("2030-03-05T00:00:00Z"), s.to());
        assertEquals(
                Instant.parse("2030-03-04T06:00:00Z"),
                settings(Map.of(), null, "2030-03-04T06:00:00Z", Duration.ofMinutes(30))
                        .to());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            before the history       | 2030-02-01 | -          | PT30M | --from | outside the history's period
            after the history        | -          | 2030-03-20 | PT30M | --to   | after the end of the history's period
            to before from           | 2030-03-05 | 2030-03-03 | PT30M | --to   | is not after --from
            unreadable date          | 1.3.2030   | -          | PT30M | --from | is neither a date
            too many steps           | -          | -          | PT0.1S | --interval | walks more than 2000000 steps
            """)
    void badWindowsNameTheOption(String name, String from, String to, String interval, String key, String message) {
        ConfigException e =
                assertThrows(ConfigException.class, () -> settings(Map.of(), from, to, Duration.parse(interval)));
        assertEquals(key, e.key());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aStreamOrArchitectureTheHistoryLacksNamesTheKey() {
        ConfigException stream = assertThrows(
                ConfigException.class,
                () -> settings(Map.of("coreos.streams", "stable,testing"), null, null, Duration.ofMinutes(30)));
        assertEquals(
                "coreos.streams: the history has no FCOS releases of stream testing (it has [stable])",
                stream.getMessage());
        ConfigException arch = assertThrows(
                ConfigException.class,
                () -> settings(Map.of("coreos.architectures", "ppc64le"), null, null, Duration.ofMinutes(30)));
        assertEquals(
                "coreos.architectures: the history does not cover ppc64le (it covers [x86_64, aarch64])",
                arch.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"PT0S, must be positive", "-PT1H, must be positive", "30m, is not an ISO-8601 duration"})
    void durationsMustBePositiveIsoDurations(String text, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> ReplaySettings.parseDuration("--interval", text));
        assertEquals("--interval", e.key());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0", "-1", "two", "1000"})
    void theAttemptsLimitIsAWholeNumberFromOne(String value) {
        ConfigException e = assertThrows(
                ConfigException.class, () -> WatchConfig.load(ConfigSource.of(Map.of("dispatch.max-attempts", value))));
        assertEquals("dispatch.max-attempts", e.key());
        assertTrue(e.getMessage().contains("is not a whole number from 1 to 100"), e.getMessage());
    }

    @Test
    void theAttemptsLimitDefaultsToTwo() {
        assertEquals(2, WatchConfig.load(ConfigSource.of(Map.of())).builds().maxAttempts());
        assertEquals(
                5,
                WatchConfig.load(ConfigSource.of(Map.of("dispatch.max-attempts", " 5 ")))
                        .builds()
                        .maxAttempts());
    }
}
