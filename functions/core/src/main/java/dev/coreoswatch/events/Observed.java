package dev.coreoswatch.events;

import java.time.Instant;
import java.util.List;

/**
 * The fields every event about a combination carries (the detail of {@code UpstreamObserved}).
 * {@code releasedAt} (an addition to docs/contract.md section 5, optional) is when FCOS published the
 * stream's release, as its metadata says; null where it did not say.
 */
public record Observed(String stream, String coreosVersion, String zfsVersion, List<ObservedArch> architectures, boolean force,
                       Instant observedAt, String correlationId, Instant releasedAt) {
    public Observed {
        architectures = List.copyOf(architectures);
    }

    /** Without a release date (events written before the field existed, tests). */
    public Observed(String stream, String coreosVersion, String zfsVersion, List<ObservedArch> architectures, boolean force,
                    Instant observedAt, String correlationId) {
        this(stream, coreosVersion, zfsVersion, architectures, force, observedAt, correlationId, null);
    }
}
