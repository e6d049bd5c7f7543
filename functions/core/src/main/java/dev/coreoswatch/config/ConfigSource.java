package dev.coreoswatch.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Where configuration keys of CONTRACT section 2 are looked up. */
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
     * The variable CONTRACT section 2 names for a key: Micronaut's mapping ({@code github.workflow.repository} is
     * {@code GITHUB_WORKFLOW_REPOSITORY}), except {@code events.bus-name}, whose variable is {@code EVENT_BUS_NAME}
     * (what template.yaml sets), not the mapping's {@code EVENTS_BUS_NAME}.
     */
    static String environmentName(String key) {
        if (key.equals("events.bus-name")) {
            return "EVENT_BUS_NAME";
        }
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
