package dev.coreoswatch.events;

import java.time.Instant;
import java.util.List;

/**
 * The fields every event about a combination carries (the detail of {@code UpstreamObserved}).
 * {@code releasedAt} (an addition to docs/contract.md section 5, optional) is when FCOS published the
 * stream's release, as its metadata says; null where it did not say. {@code target} and
 * {@code targetImage} (revision 2) say which target of the fleet the event is about; the image is
 * null where the watcher has none configured.
 */
public record Observed(
        String stream,
        String coreosVersion,
        String zfsVersion,
        List<ObservedArch> architectures,
        boolean force,
        Instant observedAt,
        String correlationId,
        Instant releasedAt,
        String target,
        String targetImage) {
    public Observed {
        architectures = List.copyOf(architectures);
        target = target == null ? DEFAULT_TARGET : target;
    }

    /** The name of the one target a setup without a {@code targets} list has. */
    public static final String DEFAULT_TARGET = "default";

    /** Of the default target (single-target setups, tests). */
    public Observed(
            String stream,
            String coreosVersion,
            String zfsVersion,
            List<ObservedArch> architectures,
            boolean force,
            Instant observedAt,
            String correlationId,
            Instant releasedAt) {
        this(
                stream,
                coreosVersion,
                zfsVersion,
                architectures,
                force,
                observedAt,
                correlationId,
                releasedAt,
                DEFAULT_TARGET,
                null);
    }

    /** The same observation, said of {@code name} and its image. */
    public Observed forTarget(String name, String image) {
        return new Observed(
                stream,
                coreosVersion,
                zfsVersion,
                architectures,
                force,
                observedAt,
                correlationId,
                releasedAt,
                name,
                image);
    }

    /** Without a release date (events written before the field existed, tests). */
    public Observed(
            String stream,
            String coreosVersion,
            String zfsVersion,
            List<ObservedArch> architectures,
            boolean force,
            Instant observedAt,
            String correlationId) {
        this(stream, coreosVersion, zfsVersion, architectures, force, observedAt, correlationId, null);
    }
}
