package dev.coreoswatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.model.Arch;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The configuration document of CONTRACT section 2b: format, inheritance, precedence, errors. */
class FleetConfigTest {
    private static final String CONTRACT_EXAMPLE = """
            coreos:
              streams: [stable, testing]
            github:
              workflow: {repository: owner/builds, file: build.yaml, ref: main}
            targets:
              - name: custom-coreos
                target: {image: ghcr.io/owner/custom-coreos}
              - name: custom-coreos-lts
                target: {image: ghcr.io/owner/custom-coreos-lts, tag: "{stream}-lts"}
                coreos: {streams: [stable]}
                zfs: {series: "2.3"}
                github:
                  workflow: {repository: owner/builds-lts}
            """;

    private static final ConfigSource NOTHING = ConfigSource.of(Map.of());

    private static Fleet load(String document, ConfigSource overrides) {
        return Fleet.load(overrides, Optional.of(ConfigDocument.parse(document, "test.yaml")));
    }

    @Test
    void theContractsExampleInheritsFromTheTopLevel() {
        Fleet fleet = load(CONTRACT_EXAMPLE, NOTHING);

        assertEquals(List.of("custom-coreos", "custom-coreos-lts"), fleet.names());
        WatchConfig first = fleet.targets().get(0).config();
        WatchConfig lts = fleet.targets().get(1).config();
        assertEquals(List.of("stable", "testing"), first.streams());
        assertEquals("owner/builds", first.workflowRepository().orElseThrow());
        assertEquals("stable", first.tagFor("stable"));
        assertEquals(Optional.empty(), first.zfsSeries());
        assertEquals(List.of("stable"), lts.streams());
        assertEquals("stable-lts", lts.tagFor("stable"));
        assertEquals("2.3", lts.zfsSeries().orElseThrow().text());
        assertEquals("owner/builds-lts", lts.workflowRepository().orElseThrow());
        assertEquals("build.yaml", lts.workflowFile(), "inherited from the top level");
        assertEquals(List.of(Arch.X86_64, Arch.AARCH64), lts.architectures(), "the default");
    }

    @Test
    void jsonIsTheSameDocumentAndKeepsNumbersAsWritten() {
        Fleet fleet = load("""
                {"zfs": {"series": 2.10}, "targets": [{"name": "a", "target": {"image": "ghcr.io/o/a"}}]}
                """, NOTHING);

        assertEquals(
                "2.10",
                fleet.targets().get(0).config().zfsSeries().orElseThrow().text());
    }

    @Test
    void yamlNumbersStayTextToo() {
        Fleet fleet = load("zfs: {series: 2.10}\ntarget: {image: ghcr.io/o/a}\n", NOTHING);

        assertEquals(List.of("default"), fleet.names());
        assertEquals("2.10", fleet.shared().zfsSeries().orElseThrow().text());
    }

    @Test
    void environmentAndPropertiesWinOverTheDocumentWhichWinsOverDefaults() {
        ConfigSource environment = ConfigSource.of(Map.of("coreos.streams", "next"));
        Fleet fleet = load(CONTRACT_EXAMPLE, environment);

        assertEquals(List.of("next"), fleet.targets().get(0).config().streams());
        assertEquals(List.of("next"), fleet.targets().get(1).config().streams());
        assertEquals("main", fleet.targets().get(1).config().workflowRef());
    }

    @Test
    void withoutTargetsTheTopLevelIsTheDefaultTarget() {
        Fleet fleet = load("target:\n  image: ghcr.io/o/one\n  tag: \"{stream}-zfs\"\n", NOTHING);

        assertEquals(List.of(Target.DEFAULT), fleet.names());
        assertEquals("ghcr.io/o/one", fleet.targets().get(0).imageName());
        assertEquals("stable-zfs", fleet.shared().tagFor("stable"));
    }

    @Test
    void flatKeysAreTheSameKeys() {
        Fleet fleet = load("coreos.streams: [testing]\ntarget.image: ghcr.io/o/one\n", NOTHING);

        assertEquals(List.of("testing"), fleet.shared().streams());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "duplicate name|targets: [{name: a, target: {image: ghcr.io/o/a}}, {name: a, target: {image: ghcr.io/o/b}}]|target \"a\": name: two targets are named \"a\"",
                "malformed name|targets: [{name: Big_Name, target: {image: ghcr.io/o/a}}]|targets[0].name: \"Big_Name\" is not a valid target name",
                "missing name|targets: [{target: {image: ghcr.io/o/a}}]|targets[0].name: every target needs a name",
                "missing image|targets: [{name: a, coreos: {streams: [stable]}}]|target \"a\": target.image: every target needs its image",
                "unknown key in a target|targets: [{name: a, target: {image: ghcr.io/o/a}, zfs: {seires: '2.3'}}]|target \"a\": zfs.seires: cannot be set per target",
                "shared key in a target|targets: [{name: a, target: {image: ghcr.io/o/a}, github: {api-url: 'https://x'}}]|target \"a\": github.api-url: cannot be set per target",
                "unknown top-level key|coreos: {stream: [stable]}|coreos.stream: is not a configuration key",
                "bad pin|targets: [{name: a, target: {image: ghcr.io/o/a}, zfs: {series: two}}]|target \"a\": zfs.series: ",
                "bad blocked version|targets: [{name: a, target: {image: ghcr.io/o/a}, coreos: {blocked-versions: [x.y]}}]|target \"a\": coreos.blocked-versions: ",
                "bad image|targets: [{name: a, target: {image: 'Not An Image'}}]|target \"a\": target.image: ",
                "duplicate yaml key|coreos: {streams: [a]}\\ncoreos: {streams: [b]}|config: test.yaml is not a valid YAML document: found duplicate key coreos",
                "nested and flat twice|coreos: {streams: [a]}\\ncoreos.streams: [b]|coreos.streams: is given twice",
                "not a mapping|[1, 2]|config: test.yaml must be a mapping",
                "bad json|{\"coreos\": |config: test.yaml is not valid JSON",
                "json with a second value|{\"coreos\": {}} {}|config: test.yaml is not valid JSON (line 1, column 16)",
                "duplicate json key|{\"coreos\": {}, \"coreos\": {}}|config: test.yaml is not valid JSON (line 1, column ",
            })
    void everyErrorNamesTheTargetAndTheKey(String what, String document, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(document.replace("\\n", "\n"), NOTHING));

        assertTrue(e.getMessage().startsWith(message), () -> what + ": " + e.getMessage());
    }

    @Test
    void anImageFromTheEnvironmentCannotServeSeveralTargets() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> load(CONTRACT_EXAMPLE, ConfigSource.of(Map.of("target.image", "ghcr.io/o/x"))));

        assertEquals("target.image", e.key());
    }

    @Test
    void selectKeepsTheDocumentsOrderAndRejectsUnknownNames() {
        Fleet fleet = load(CONTRACT_EXAMPLE, NOTHING);

        assertEquals(
                List.of("custom-coreos-lts"),
                fleet.select(List.of("custom-coreos-lts")).names());
        assertEquals(
                List.of("custom-coreos", "custom-coreos-lts"),
                fleet.select(List.of("custom-coreos-lts", "custom-coreos")).names());
        ConfigException e = assertThrows(ConfigException.class, () -> fleet.select(List.of("nope")));
        assertTrue(e.getMessage().startsWith("--target: no target is named \"nope\""), e.getMessage());
    }
}
