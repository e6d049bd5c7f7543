package dev.coreoswatch.cli;

import dev.coreoswatch.config.ConfigSource;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Configuration keys through Micronaut's environment: -D properties and environment variables, Micronaut's own mapping. */
@Singleton
final class MicronautConfigSource implements ConfigSource {
    private final Environment environment;

    MicronautConfigSource(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Optional<String> get(String key) {
        return environment.getProperty(key, String.class)
                // A contract variable that Micronaut's mapping does not produce (EVENT_BUS_NAME).
                .or(() -> Optional.ofNullable(System.getenv(ConfigSource.environmentName(key))))
                .filter(v -> !v.isBlank());
    }
}
