package dev.coreoswatch.registry;

import dev.coreoswatch.model.Platform;
import java.util.Map;
import java.util.Optional;

/**
 * What a reference resolved to. {@code absence} is set when the tag or repository does not exist
 * (404 MANIFEST_UNKNOWN / NAME_UNKNOWN): that means "not built", everything else is an exception.
 * A requested platform that the image does not carry is simply not in {@code platforms}.
 */
public record ImageLookup(
        ImageReference reference,
        Optional<String> digest,
        Map<Platform, PlatformImage> platforms,
        Optional<String> absence) {
    public ImageLookup {
        platforms = Map.copyOf(platforms);
    }

    public static ImageLookup absent(ImageReference reference, String why) {
        return new ImageLookup(reference, Optional.empty(), Map.of(), Optional.of(why));
    }

    public Optional<PlatformImage> platform(Platform platform) {
        return Optional.ofNullable(platforms.get(platform));
    }
}
