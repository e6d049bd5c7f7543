package dev.coreoswatch.replay;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a strategy did to one stream over the replay. Build counts are by outcome as judged at
 * dispatch ({@code stillBuildingAtEnd} of them had not finished when the replay ended), and each
 * build is counted once: {@code succeeded + unverified + redundant + failed = dispatched}.
 * {@code redundant} builds rebuilt the combination the image already carried; {@code failedNoZfs}
 * of the failed ones had no ZFS release to build with (the others had a kernel outside its range).
 * {@code builds} are every dispatched build, oldest first. {@code lags} are the times the image did not carry the stream's release; {@code withoutImage} runs
 * from the replay's start (with an empty registry) to the first image.
 */
public record StreamSummary(
        String stream,
        int dispatched,
        int succeeded,
        int unverified,
        int failed,
        int failedNoZfs,
        int redundant,
        int stillBuildingAtEnd,
        List<SimulatedBuild> builds,
        List<Period> holds,
        List<Period> errors,
        List<ReleaseLatency> releases,
        List<Lag> lags,
        Duration withoutImage) {
    public StreamSummary {
        builds = List.copyOf(builds);
        holds = List.copyOf(holds);
        errors = List.copyOf(errors);
        releases = List.copyOf(releases);
        lags = List.copyOf(lags);
    }

    public List<SimulatedBuild> failedBuilds() {
        return builds.stream().filter(b -> !b.pushed()).toList();
    }

    /** Failed builds whose kernel was outside the ZFS release's range. */
    public int failedKernel() {
        return failed - failedNoZfs;
    }

    /** The longest time the image lagged the stream, superseded releases included. */
    public Optional<Duration> longestLag() {
        return lags.stream().map(Lag::length).max(Duration::compareTo);
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
