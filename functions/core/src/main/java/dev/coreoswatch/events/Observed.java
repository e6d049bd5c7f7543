package dev.coreoswatch.events;

import java.time.Instant;
import java.util.List;

/** The fields every event about a combination carries (the detail of {@code UpstreamObserved}). */
public record Observed(String stream, String coreosVersion, String zfsVersion, List<ObservedArch> architectures, boolean force,
                       Instant observedAt, String correlationId) {
    public Observed {
        architectures = List.copyOf(architectures);
    }
}
