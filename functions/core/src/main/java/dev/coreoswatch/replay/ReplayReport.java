package dev.coreoswatch.replay;

import java.util.List;

/**
 * A replay's result: coreos-watch and the daily-rebuild baseline over the same history and
 * window, and coreos-watch's timeline (oldest first).
 */
public record ReplayReport(String historySource, ReplaySettings settings, StrategyResult watch, StrategyResult baseline,
                           List<TimelineEntry> timeline) {
    public ReplayReport {
        timeline = List.copyOf(timeline);
    }
}
