package dev.coreoswatch.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a fresh build of one stream would contain today: the payload of {@code UpstreamObserved}.
 * {@code evidence} is the human trail (which document said what), for logs and {@code --explain}.
 */
public record UpstreamObservation(
        String stream,
        Version coreosVersion,
        ZfsRelease zfs,
        LinuxRange linuxRange,
        List<ArchObservation> architectures,
        Optional<Instant> releasedAt,
        Instant observedAt,
        List<String> evidence) {
    public UpstreamObservation {
        architectures = List.copyOf(architectures);
        evidence = List.copyOf(evidence);
    }
}
