package dev.coreoswatch.replay;

import dev.coreoswatch.model.Action;
import java.time.Duration;

/**
 * The baseline: once a day, build whatever is newest, without looking at the image or the kernel
 * range. It takes the ZFS release by the same configured policy, so that the comparison with
 * coreos-watch is about when and whether to build, not about which ZFS line.
 */
final class DailyRebuild implements Strategy {
    static final Duration INTERVAL = Duration.ofDays(1);

    @Override
    public Duration interval() {
        return INTERVAL;
    }

    @Override
    public Step step(Moment moment) {
        return new Step(Action.BUILD, "daily rebuild", true);
    }
}
