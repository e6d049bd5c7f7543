package dev.coreoswatch.cli;

import dev.coreoswatch.config.ConfigDocument;
import dev.coreoswatch.config.ConfigException;
import dev.coreoswatch.config.ConfigSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The CLI's configuration document: {@code --config FILE}, else {@code config.file} / {@code COREOS_WATCH_CONFIG}. */
final class ConfigFile {
    private ConfigFile() {}

    static Optional<ConfigDocument> read(Path option, ConfigSource source) {
        String key = option != null ? "--config" : "config.file";
        Optional<Path> file =
                option != null ? Optional.of(option) : source.get("config.file").map(Path::of);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ConfigDocument.parse(
                    Files.readString(file.get(), StandardCharsets.UTF_8),
                    file.get().toString()));
        } catch (IOException e) {
            throw new ConfigException(
                    key, "cannot read " + file.get() + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
