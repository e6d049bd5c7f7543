package dev.coreoswatch.replay;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a strategy did to one stream over the replay. Build counts are by outcome as judged at
 * dispatch ({@code stillBuildingAtEnd} of them had not finished when the replay ended);
 * {@code redundant} builds rebuilt the combination the image already carried.
 */
public record StreamSummary(String stream, int dispatched, int succeeded, int unverified, int failed, int redundant,
                            int stillBuildingAtEnd, List<SimulatedBuild> failedBuilds, List<Period> holds, List<Period> errors,
                            List<ReleaseLatency> releases) {
    public StreamSummary {
        failedBuilds = List.copyOf(failedBuilds);
        holds = List.copyOf(holds);
        errors = List.copyOf(errors);
        releases = List.copyOf(releases);
    }

    public Duration heldFor() {
        return holds.stream().map(Period::length).reduce(Duration.ZERO, Duration::plus);
    }

    public Optional<Duration> longestHold() {
        return holds.stream().map(Period::length).max(Duration::compareTo);
    }

    public Duration erroredFor() {
        return errors.stream().map(Period::length).reduce(Duration.ZERO, Duration::plus);
    }

    public long releasesWith(ReleaseLatency.Outcome outcome) {
        return releases.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** Median time from release to image over the releases that got one (the lower middle for an even count). */
    public Optional<Duration> medianLatency() {
        List<Duration> sorted = latencies();
        return sorted.isEmpty() ? Optional.empty() : Optional.of(sorted.get((sorted.size() - 1) / 2));
    }

    public Optional<Duration> maxLatency() {
        List<Duration> sorted = latencies();
        return sorted.isEmpty() ? Optional.empty() : Optional.of(sorted.getLast());
    }

    private List<Duration> latencies() {
        return releases.stream().flatMap(r -> r.latency().stream()).sorted().toList();
    }
}
