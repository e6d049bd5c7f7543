package dev.coreoswatch.registry;

import dev.coreoswatch.model.Platform;
import java.util.List;
import java.util.Optional;

/** A manifest as read: an index of per-platform manifests, or one image manifest. */
sealed interface Manifest permits Manifest.Index, Manifest.Image {

    /** OCI image index or Docker manifest list. */
    record Index(String mediaType, List<Entry> entries) implements Manifest {
        public Index {
            entries = List.copyOf(entries);
        }
    }

    /** One entry of an index; attestation entries carry the platform {@code unknown/unknown}. */
    record Entry(String digest, Optional<String> mediaType, Optional<Platform> platform) {
        boolean isAttestation() {
            return platform.map(p -> p.matches("unknown", "unknown")).orElse(false);
        }

        /** Same os and architecture; a variant only counts when the caller asked for one. */
        boolean serves(Platform wanted) {
            return !isAttestation()
                    && platform.map(p -> p.matches(wanted.os(), wanted.architecture())
                                    && (wanted.variant() == null
                                            || wanted.variant().equals(p.variant())))
                            .orElse(false);
        }
    }

    /** OCI image manifest or Docker v2 schema 2 manifest; what we need of it is the config blob. */
    record Image(String mediaType, String configDigest, Optional<String> configMediaType) implements Manifest {}
}
