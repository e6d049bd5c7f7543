package dev.coreoswatch.replay;

import java.time.Duration;
import java.util.List;

/** One strategy's summaries, one per stream in configuration order. */
public record StrategyResult(String name, Duration interval, List<StreamSummary> streams) {
    public StrategyResult {
        streams = List.copyOf(streams);
    }

    public StreamSummary stream(String name) {
        return streams.stream()
                .filter(s -> s.stream().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stream " + name + " in this replay"));
    }
}
