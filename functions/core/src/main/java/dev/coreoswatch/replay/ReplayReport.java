package dev.coreoswatch.replay;

import java.util.List;

/**
 * A replay's result: coreos-watch, the naive daily rebuild ({@code baseline}) and the daily build
 * that skips unchanged inputs over the same history and window, and coreos-watch's timeline
 * (oldest first).
 */
public record ReplayReport(
        String historySource,
        ReplaySettings settings,
        StrategyResult watch,
        StrategyResult baseline,
        StrategyResult skipUnchanged,
        List<TimelineEntry> timeline) {
    public ReplayReport {
        timeline = List.copyOf(timeline);
    }
}
