package dev.coreoswatch.config;

import dev.coreoswatch.model.Printable;
import dev.coreoswatch.registry.ImageReference;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One image the fleet keeps built (docs/contract.md section 2b): its name and its whole configuration,
 * its own keys over the document's top level over the defaults. The image, tag template,
 * workflow and policy (blocked versions, ZFS pin) are read from that configuration.
 */
public record Target(String name, WatchConfig config) {
    /** The name of the one target a setup without a {@code targets} list describes. */
    public static final String DEFAULT = "default";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    public Target {
        if (!isValidName(name)) {
            throw new ConfigException(
                    "name",
                    "target name " + Printable.quote(name) + " is not valid: use " + NAME.pattern()
                            + ", e.g. custom-coreos");
        }
    }

    /** {@code ^[a-z0-9][a-z0-9-]{0,39}$}: a name that is safe in keys, metrics dimensions and messages. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
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
