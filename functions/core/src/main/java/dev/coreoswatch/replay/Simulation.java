package dev.coreoswatch.replay;

import dev.coreoswatch.model.Arch;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Walks one stream through the window at the strategy's interval. Before each run, everything
 * that happened since the last one is applied in time order, at its own moment: builds finishing
 * (a successful one pushes its image), ZFS releases and FCOS releases. Then the strategy runs on
 * the upstream it can see and the image as it is, and may dispatch a build that finishes
 * {@code buildDuration} later.
 */
final class Simulation {
    private final History history;
    private final ReplaySettings settings;
    private final ZfsTimeline zfs;

    Simulation(History history, ReplaySettings settings, ZfsTimeline zfs) {
        this.history = history;
        this.settings = settings;
        this.zfs = zfs;
    }

    /** @param timeline where timeline entries go, or null to keep none */
    StreamSummary run(String stream, Strategy strategy, List<TimelineEntry> timeline) {
        return new Walk(stream, strategy, timeline).run();
    }

    /** The state of one stream's walk. */
    private final class Walk {
        private final String stream;
        private final Strategy strategy;
        private final List<Arch> arches = settings.architectures();
        private final List<FcosRelease> releases;
        private final List<ZfsTimeline.State> zfsStates = zfs.states();
        private final SimulatedRegistry registry;
        private final StreamRecorder recorder;
        // Every build takes the same time and dispatches come in time order, so builds finish in dispatch order.
        private final Deque<SimulatedBuild> building = new ArrayDeque<>();
        private int nextRelease;
        private int zfsIndex;
        private FcosRelease current;

        Walk(String stream, Strategy strategy, List<TimelineEntry> timeline) {
            this.stream = stream;
            this.strategy = strategy;
            this.releases = history.streams().get(stream);
            this.registry = new SimulatedRegistry(settings.imageFor(stream).toString());
            this.recorder = new StreamRecorder(stream, settings.from(), arches, timeline);
        }

        StreamSummary run() {
            Instant to = settings.to();
            for (Instant now = strategy.firstRun(settings.from());
                    now.isBefore(to);
                    now = now.plus(strategy.interval())) {
                applyEventsUntil(now, true);
                if (current != null) { // else the stream has no release yet
                    runAt(now);
                }
            }
            applyEventsUntil(to, false); // what happens after the last run still counts, up to the end
            return recorder.finish(to, building);
        }

        private void runAt(Instant now) {
            ZfsTimeline.State zfsState = zfsStates.get(zfsIndex);
            Strategy.Step step = strategy.step(new Strategy.Moment(stream, now, current, zfsState, registry.target()));
            String coreos = current.version().text();
            String zfsVersion =
                    zfsState.target().map(t -> t.release().version().text()).orElse(null);
            recorder.step(now, step, coreos, zfsVersion);
            if (step.dispatch()) {
                boolean redundant = registry.carries(coreos, zfsVersion, arches);
                SimulatedBuild build = SimulatedBuild.of(
                        stream, current, zfsState, arches, now, now.plus(settings.buildDuration()), redundant);
                recorder.dispatched(build, step.reason());
                strategy.dispatched(build);
                building.addLast(build);
            }
        }

        /** Applies events up to {@code until}; at equal times a build finishes first, then ZFS, then FCOS. */
        private void applyEventsUntil(Instant until, boolean inclusive) {
            while (true) {
                Instant landing =
                        building.isEmpty() ? null : building.peekFirst().landsAt();
                Instant zfsChange = zfsIndex + 1 < zfsStates.size()
                        ? zfsStates.get(zfsIndex + 1).since()
                        : null;
                Instant release = nextRelease < releases.size()
                        ? releases.get(nextRelease).date()
                        : null;
                Instant next = earliest(earliest(landing, zfsChange), release);
                if (next == null || next.isAfter(until) || (!inclusive && next.equals(until))) {
                    return;
                }
                if (next.equals(landing)) {
                    SimulatedBuild build = building.pollFirst();
                    registry.push(build);
                    recorder.landed(build, registry);
                } else if (next.equals(zfsChange)) {
                    zfsIndex++;
                } else {
                    current = releases.get(nextRelease++);
                    recorder.released(current, registry);
                }
            }
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
