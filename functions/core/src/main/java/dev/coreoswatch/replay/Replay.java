package dev.coreoswatch.replay;

import dev.coreoswatch.decision.Decider;
import dev.coreoswatch.decision.ZfsPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Backtests the policy on a history: coreos-watch (the real {@link ZfsPolicy} and
 * {@link Decider}, built from the same configuration keys as {@code check}) and two daily baselines
 * (a naive rebuild, and one that skips unchanged inputs), each over the same window and the same
 * simulated builds.
 */
public final class Replay {
    public static final String WATCH = "coreos-watch";
    public static final String BASELINE = "naive daily";
    public static final String SKIP_UNCHANGED = "daily, skip unchanged";

    private Replay() {}

    public static ReplayReport run(History history, ReplaySettings settings) {
        return run(history, settings, DecisionObserver.NONE);
    }

    public static ReplayReport run(History history, ReplaySettings settings, DecisionObserver observer) {
        ZfsTimeline zfs = zfsTimeline(history, settings);
        Decider decider = new Decider(settings.blockedVersions());
        Simulation simulation = new Simulation(history, settings, zfs);
        List<TimelineEntry> timeline = new ArrayList<>(zfsEntries(zfs, settings));
        List<StreamSummary> watched = new ArrayList<>();
        List<StreamSummary> rebuilt = new ArrayList<>();
        List<StreamSummary> changedOnly = new ArrayList<>();
        for (String stream : settings.streams()) {
            RunGuard guard = new RunGuard(settings.targetImage().name(), settings.maxAttempts());
            Strategy watch = new WatchStrategy(decider, settings.architectures(), settings.interval(), guard, observer);
            watched.add(simulation.run(stream, watch, timeline));
            rebuilt.add(simulation.run(stream, DailyRebuild.naive(), null));
            changedOnly.add(simulation.run(stream, DailyRebuild.skippingUnchanged(), null));
        }
        timeline.sort(Comparator.comparing(TimelineEntry::at)); // stable: entries of one moment keep their order
        return new ReplayReport(
                history.source(),
                settings,
                new StrategyResult(WATCH, settings.interval(), watched),
                new StrategyResult(BASELINE, DailyRebuild.INTERVAL, rebuilt),
                new StrategyResult(SKIP_UNCHANGED, DailyRebuild.INTERVAL, changedOnly),
                timeline);
    }

    /** The ZFS release the configured policy takes at each moment of the history. */
    static ZfsTimeline zfsTimeline(History history, ReplaySettings settings) {
        return ZfsTimeline.of(history.zfs(), new ZfsPolicy(settings.zfsSeries(), settings.zfsAllowDotZero()));
    }

    /** Changes of the ZFS choice inside the window; the choice at its start is context, not a change. */
    private static List<TimelineEntry> zfsEntries(ZfsTimeline zfs, ReplaySettings settings) {
        List<TimelineEntry> entries = new ArrayList<>();
        List<ZfsTimeline.State> states = zfs.states();
        for (int i = 1; i < states.size(); i++) {
            ZfsTimeline.State state = states.get(i);
            if (state.since().isBefore(settings.from())
                    || !state.since().isBefore(settings.to())
                    || state.sameChoice(states.get(i - 1))) {
                continue;
            }
            entries.add(new TimelineEntry(
                    state.since(),
                    null,
                    TimelineEntry.Kind.ZFS,
                    null,
                    state.target().map(t -> t.release().version().text()).orElse(null),
                    state.describe()));
        }
        return entries;
    }
}
