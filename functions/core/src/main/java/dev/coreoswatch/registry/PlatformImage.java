package dev.coreoswatch.registry;

import dev.coreoswatch.model.Platform;
import java.util.Map;

/** One platform's image as found: its manifest, its config blob and the config's labels. */
public record PlatformImage(Platform platform, String manifestDigest, String configDigest, Map<String, String> labels) {
    public PlatformImage {
        labels = Map.copyOf(labels);
    }
}
