package dev.coreoswatch.config;

import dev.coreoswatch.registry.ImageReference;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One image the fleet keeps built (CONTRACT section 2b): its name and its whole configuration,
 * its own keys over the document's top level over the defaults. The image, tag template,
 * workflow and policy (blocked versions, ZFS pin) are read from that configuration.
 */
public record Target(String name, WatchConfig config) {
    /** The name of the one target a setup without a {@code targets} list describes. */
    public static final String DEFAULT = "default";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    public Target {
        if (!NAME.matcher(name).matches()) {
            throw new ConfigException("name", "target name " + dev.coreoswatch.model.Printable.quote(name) + " is not valid");
        }
    }

    public Optional<ImageReference> image() {
        return config.targetImage();
    }

    /** The image as the report, events and workflow inputs carry it, or null when none is configured. */
    public String imageName() {
        return config.targetImage().map(ImageReference::name).orElse(null);
    }

    public Target withConfig(WatchConfig other) {
        return new Target(name, other);
    }
}
