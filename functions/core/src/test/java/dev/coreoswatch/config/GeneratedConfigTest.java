package dev.coreoswatch.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.model.Printable;
import dev.coreoswatch.testing.Gen;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Generated configurations: every one loads or fails with a {@link ConfigException} naming a key
 * (exit 2), never another exception; what loads is usable (the window can be added to any time
 * of this millennium); and no message shows the token, the password or a URL's user info.
 */
class GeneratedConfigTest {
    private static final Map<String, List<String>> SAMPLES = Map.ofEntries(
            Map.entry("coreos.streams", List.of("stable", "stable,testing,next", "Stable")),
            Map.entry("coreos.architectures", List.of("x86_64,aarch64", "x86_64")),
            Map.entry(
                    "coreos.metadata-url",
                    List.of("https://builds.coreos.fedoraproject.org", "http://127.0.0.1:8080/x")),
            Map.entry("zfs.repository", List.of("openzfs/zfs", "../..", "owner/..")),
            Map.entry("zfs.series", List.of("2.4", "2.3")),
            Map.entry(
                    "target.image",
                    List.of("ghcr.io/acme/custom-coreos", "ghcr.io/acme/custom-coreos:v1", "localhost:5000/a/b")),
            Map.entry("target.tag", List.of("{stream}", "{stream}-zfs")),
            Map.entry("registry.plain-http", List.of("localhost:5000", "registry.lan:5000")),
            Map.entry(
                    "github.api-url",
                    List.of("https://api.github.com", "http://ghe.lan/api/v3", "http://127.0.0.1:9/api/v3")),
            Map.entry("github.workflow.repository", List.of("acme/fcos-builds", "owner/..")),
            Map.entry("github.workflow.file", List.of("build.yaml", "..")),
            Map.entry("github.workflow.ref", List.of("main", "release/1")),
            Map.entry("dispatch.in-flight-window", List.of("PT3H", "P1D", "PT9223372036854775807S", "P30D", "PT721H")),
            Map.entry("dispatch.dry-run", List.of("true", "false", "yes")),
            Map.entry("notify.topic-arn", List.of("arn:aws:sns:eu-west-1:123456789012:alarms")));

    @Test
    void anyConfigurationLoadsOrNamesAKeyWithoutShowingASecret() {
        Gen.forAll("configuration", GeneratedConfigTest::configuration, values -> {
            try {
                WatchConfig config = WatchConfig.load(ConfigSource.of(values));
                Instant.parse("9999-01-01T00:00:00Z").plus(config.inFlightWindow());
            } catch (ConfigException e) {
                assertTrue(
                        values.containsKey(e.key())
                                || SAMPLES.containsKey(e.key())
                                || e.key().startsWith("registry.")
                                || e.key().startsWith("github."),
                        e.key());
                assertTrue(Printable.isClean(e.getMessage()), () -> Gen.show(e.getMessage()));
                for (String secretKey : List.of("github.token", "registry.password")) {
                    String secret = values.get(secretKey);
                    if (secret != null && secret.strip().length() >= 4) {
                        assertFalse(
                                e.getMessage().contains(secret.strip()),
                                () -> secretKey + " shown in " + Gen.show(e.getMessage()));
                    }
                }
                assertFalse(e.getMessage().contains("hunter2"), e::getMessage);
            }
        });
    }

    private static Map<String, String> configuration(Gen gen) {
        Map<String, String> values = new HashMap<>();
        for (Map.Entry<String, List<String>> key : SAMPLES.entrySet()) {
            if (gen.chance(30)) {
                values.put(key.getKey(), gen.chance(80) ? gen.nearly(key.getValue()) : gen.text(30));
            }
        }
        if (gen.chance(50)) {
            values.put(
                    "github.token",
                    gen.oneOf(
                            "ghp_" + gen.from("abcdefXYZ0123456789", 20, 40),
                            "ghp_\u201csmart\u201d" + gen.from("abc", 4, 8),
                            "ghp_line\nbreak" + gen.from("abc", 4, 8),
                            gen.text(40)));
        }
        if (gen.chance(30)) {
            values.put("registry.username", gen.oneOf("ci-bot", "a:b", gen.text(10)));
            values.put("registry.password", gen.oneOf("hunter2-" + gen.from("xyz", 4, 8), "pw\r\nX: 1", gen.text(30)));
        }
        if (gen.chance(10)) {
            values.put(
                    "coreos.metadata-url",
                    "https://user:hunter2@" + gen.oneOf("host", "h ost", "[::1", "ho%st") + "/x");
        }
        return values;
    }
}
