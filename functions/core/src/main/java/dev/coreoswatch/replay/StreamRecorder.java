package dev.coreoswatch.replay;

import dev.coreoswatch.model.Action;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.KernelVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Turns one stream's walk into its summary (and, for coreos-watch, its timeline entries). */
final class StreamRecorder {
    /** A release whose image is still awaited; after {@code supersededAt}, only a build dispatched before it counts. */
    private static final class Awaited {
        final String coreos;
        final Instant releasedAt;
        Instant supersededAt;
        Instant imageAt;

        Awaited(String coreos, Instant releasedAt) {
            this.coreos = coreos;
            this.releasedAt = releasedAt;
        }
    }

    private final String stream;
    private final Instant from;
    private final List<Arch> arches;
    private final List<TimelineEntry> timeline; // null: not recorded
    private final List<Awaited> releases = new ArrayList<>();
    private final List<SimulatedBuild> builds = new ArrayList<>();
    private final List<Period> holds = new ArrayList<>();
    private final List<Period> errors = new ArrayList<>();
    private int dispatched;
    private int succeeded;
    private int unverified;
    private int failed;
    private int failedNoZfs;
    private int redundant;
    private final List<Lag> lags = new ArrayList<>();
    private String currentCoreos;
    private Instant behindSince; // null: the image carries the stream's release
    private Instant firstImageAt;
    private Action openAction;
    private Instant openSince;
    private final List<String> openReasons = new ArrayList<>();

    StreamRecorder(String stream, Instant from, List<Arch> arches, List<TimelineEntry> timeline) {
        this.stream = stream;
        this.from = from;
        this.arches = List.copyOf(arches);
        this.timeline = timeline;
    }

    /** The stream points at {@code release} from its date on; releases before the replay's start are only context. */
    void released(FcosRelease release, SimulatedRegistry registry) {
        currentCoreos = release.version().text();
        Instant visible = release.date().isBefore(from) ? from : release.date();
        if (registry.carriesCoreos(currentCoreos, arches)) {
            catchUp(visible);
        } else if (behindSince == null) {
            behindSince = visible;
        }
        for (Awaited a : releases) {
            if (a.imageAt == null && a.supersededAt == null) {
                a.supersededAt = release.date();
            }
        }
        if (release.date().isBefore(from)) {
            return;
        }
        Awaited awaited = new Awaited(release.version().text(), release.date());
        if (registry.carriesCoreos(awaited.coreos, arches)) {
            awaited.imageAt = release.date(); // back to a release the image already carries
        }
        releases.add(awaited);
        List<String> kernels = new ArrayList<>();
        for (Arch arch : arches) {
            kernels.add(
                    arch + " " + release.kernel(arch).map(KernelVersion::text).orElse("unknown")
                            + (release.kernel(arch).isPresent() && !release.kernelsVisible()
                                    ? " (unknown to the watcher)"
                                    : ""));
        }
        add(release.date(), TimelineEntry.Kind.RELEASE, awaited.coreos, null, "kernel " + String.join(", ", kernels));
    }

    void dispatched(SimulatedBuild build, String reason) {
        dispatched++;
        builds.add(build);
        // One row per build, so that the rows add up to the dispatches; a rebuild is never new.
        if (build.outcome() == BuildOutcome.FAILED) {
            failed++;
            if (build.zfsVersion() == null) {
                failedNoZfs++;
            }
        } else if (build.redundant()) {
            redundant++;
        } else if (build.outcome() == BuildOutcome.UNVERIFIED) {
            unverified++;
        } else {
            succeeded++;
        }
        add(build.dispatchedAt(), TimelineEntry.Kind.DISPATCH, build.coreosVersion(), build.zfsVersion(), reason);
    }

    void landed(SimulatedBuild build, SimulatedRegistry registry) {
        add(
                build.landsAt(),
                build.pushed() ? TimelineEntry.Kind.LANDED : TimelineEntry.Kind.FAILED,
                build.coreosVersion(),
                build.zfsVersion(),
                build.detail());
        if (!build.pushed()) {
            return;
        }
        if (firstImageAt == null) {
            firstImageAt = build.landsAt();
        }
        if (currentCoreos != null && registry.carriesCoreos(currentCoreos, arches)) {
            catchUp(build.landsAt());
        }
        for (Awaited a : releases) {
            if (a.imageAt == null
                    && a.coreos.equals(build.coreosVersion())
                    && (a.supersededAt == null || build.dispatchedAt().isBefore(a.supersededAt))) {
                a.imageAt = build.landsAt();
            }
        }
    }

    /** One scheduled run's action: HOLD and ERROR runs make periods, anything else closes them. */
    void step(Instant now, Strategy.Step step, String coreos, String zfs) {
        Action action = step.action();
        boolean periodic = action == Action.HOLD || action == Action.ERROR;
        if (openAction != null && openAction != action) {
            close(now, false);
        }
        if (!periodic) {
            return;
        }
        if (openAction == null) {
            openAction = action;
            openSince = now;
        }
        if (openReasons.isEmpty() || !openReasons.getLast().equals(step.reason())) {
            if (!openReasons.contains(step.reason())) {
                openReasons.add(step.reason());
            }
            add(
                    now,
                    action == Action.HOLD ? TimelineEntry.Kind.HOLD : TimelineEntry.Kind.ERROR,
                    coreos,
                    zfs,
                    step.reason());
        }
    }

    StreamSummary finish(Instant to, Collection<SimulatedBuild> unfinished) {
        if (openAction != null) {
            close(to, true);
        }
        if (behindSince != null) {
            lags.add(new Lag(behindSince, to, true));
        }
        List<ReleaseLatency> latencies = new ArrayList<>();
        for (Awaited a : releases) {
            ReleaseLatency.Outcome outcome = a.imageAt != null
                    ? ReleaseLatency.Outcome.BUILT
                    : a.supersededAt != null
                            ? ReleaseLatency.Outcome.SUPERSEDED
                            : ReleaseLatency.Outcome.NOT_BUILT_BY_END;
            latencies.add(new ReleaseLatency(a.coreos, a.releasedAt, Optional.ofNullable(a.imageAt), outcome));
        }
        return new StreamSummary(
                stream,
                dispatched,
                succeeded,
                unverified,
                failed,
                failedNoZfs,
                redundant,
                unfinished.size(),
                builds,
                holds,
                errors,
                latencies,
                lags,
                Duration.between(from, firstImageAt == null ? to : firstImageAt));
    }

    /** The image carries the stream's release again. */
    private void catchUp(Instant at) {
        if (behindSince != null) {
            lags.add(new Lag(behindSince, at, false));
            behindSince = null;
        }
    }

    private void close(Instant end, boolean ongoing) {
        Period period = new Period(openAction, openSince, end, ongoing, openReasons);
        (openAction == Action.HOLD ? holds : errors).add(period);
        if (!ongoing) {
            add(
                    end,
                    openAction == Action.HOLD ? TimelineEntry.Kind.HOLD_END : TimelineEntry.Kind.ERROR_END,
                    null,
                    null,
                    "after " + Durations.human(period.length()));
        }
        openAction = null;
        openSince = null;
        openReasons.clear();
    }

    private void add(Instant at, TimelineEntry.Kind kind, String coreos, String zfs, String detail) {
        if (timeline != null) {
            timeline.add(new TimelineEntry(at, stream, kind, coreos, zfs, detail));
        }
    }
}
