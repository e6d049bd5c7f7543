package dev.coreoswatch.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Where configuration keys of docs/contract.md section 2 are looked up. */
@FunctionalInterface
public interface ConfigSource {
    Optional<String> get(String key);

    /** System properties ({@code -Dcoreos.streams=...}) first, then the environment ({@code COREOS_STREAMS}). */
    static ConfigSource system() {
        return system(System.getenv());
    }

    static ConfigSource system(Map<String, String> environment) {
        return key -> Optional.ofNullable(System.getProperty(key))
                .or(() -> Optional.ofNullable(environment.get(environmentName(key))))
                .filter(v -> !v.isBlank());
    }

    static ConfigSource of(Map<String, String> values) {
        return key -> Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    /** The first source that has the key wins. */
    default ConfigSource overriddenBy(ConfigSource first) {
        return key -> first.get(key).or(() -> get(key));
    }

    /**
     * The environment variable of a key, as docs/contract.md section 2 names it: Micronaut's mapping
     * ({@code github.workflow.repository} is {@code GITHUB_WORKFLOW_REPOSITORY}) except where the
     * contract spells it otherwise ({@code events.bus-name} is {@code EVENT_BUS_NAME}, {@code config.file} is {@code COREOS_WATCH_CONFIG}).
     */
    static String environmentName(String key) {
        String named = CONTRACT_NAMES.get(key);
        return named != null
                ? named
                : key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Contract variables that Micronaut's mapping would spell differently. */
    Map<String, String> CONTRACT_NAMES =
            Map.of("events.bus-name", "EVENT_BUS_NAME", "config.file", "COREOS_WATCH_CONFIG");
}
