package dev.coreoswatch.replay;

import dev.coreoswatch.decision.Decider;
import dev.coreoswatch.model.Action;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.ArchObservation;
import dev.coreoswatch.model.Compatibility;
import dev.coreoswatch.model.Decision;
import dev.coreoswatch.model.KernelVersion;
import dev.coreoswatch.model.UpstreamObservation;
import dev.coreoswatch.pipeline.ZfsTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * coreos-watch as it runs on its schedule: the observation the watcher would make (kernels as
 * the kernel chain would have resolved them, compatibility by {@link Compatibility#of}), the
 * real {@link Decider} on it and the simulated image, then the in-flight guard for a BUILD.
 */
final class WatchStrategy implements Strategy {
    private final Decider decider;
    private final List<Arch> arches;
    private final Duration interval;
    private final RunGuard guard;
    private final DecisionObserver observer;
    private FcosRelease observedRelease;
    private ZfsTimeline.State observedZfs;
    private UpstreamObservation observation;

    WatchStrategy(Decider decider, List<Arch> arches, Duration interval, RunGuard guard, DecisionObserver observer) {
        this.decider = decider;
        this.arches = List.copyOf(arches);
        this.interval = interval;
        this.guard = guard;
        this.observer = observer;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public Step step(Moment moment) {
        if (moment.zfs().target().isEmpty()) {
            // As in pipeline.Check: without a ZFS release every stream is an ERROR, never a BUILD.
            return new Step(Action.ERROR, "OpenZFS release: " + moment.zfs().problem(), false);
        }
        UpstreamObservation upstream = observe(moment);
        Decision decision = decider.decide(upstream, moment.image(), false);
        observer.decided(upstream, moment.image(), decision);
        if (decision.action() == Action.BUILD) {
            return guard.admit(decision, moment.now());
        }
        return new Step(decision.action(), decision.reason(), false);
    }

    @Override
    public void dispatched(SimulatedBuild build) {
        guard.dispatched(build);
    }

    /** Upstream changes only when a release is published: the observation is rebuilt only then. */
    private UpstreamObservation observe(Moment moment) {
        if (moment.release() != observedRelease || moment.zfs() != observedZfs) {
            ZfsTarget zfs = moment.zfs().target().orElseThrow();
            List<ArchObservation> observed = new ArrayList<>();
            for (Arch arch : arches) {
                Optional<KernelVersion> kernel = moment.release().observedKernel(arch);
                observed.add(new ArchObservation(
                        arch,
                        kernel,
                        kernel.isPresent() ? "history" : "unknown",
                        Compatibility.of(kernel, zfs.range())));
            }
            observation = new UpstreamObservation(
                    moment.stream(),
                    moment.release().version(),
                    zfs.release(),
                    zfs.range(),
                    observed,
                    Optional.of(moment.release().date()),
                    moment.now(),
                    List.of());
            observedRelease = moment.release();
            observedZfs = moment.zfs();
        }
        return observation;
    }
}
