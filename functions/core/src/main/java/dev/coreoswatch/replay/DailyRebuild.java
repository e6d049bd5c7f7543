package dev.coreoswatch.replay;

import dev.coreoswatch.model.Action;
import dev.coreoswatch.model.Combination;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * The baselines: a daily cron at {@link #AT} UTC that builds whatever is newest, without looking at
 * the kernel range or the blocked versions. The naive one rebuilds every day; the one that skips
 * unchanged inputs (as builders such as ublue-os/ucore do) builds only when the image does not
 * already carry the CoreOS and ZFS versions it would build. Both take the ZFS release by the same
 * configured policy, so that the comparison with coreos-watch is about when and whether to build,
 * not about which ZFS line.
 */
final class DailyRebuild implements Strategy {
    static final Duration INTERVAL = Duration.ofDays(1);
    /** A realistic cron hour: not 00:00, where half the FCOS releases carry date-only times. */
    static final LocalTime AT = LocalTime.of(2, 50);

    private final boolean skipUnchanged;

    private DailyRebuild(boolean skipUnchanged) {
        this.skipUnchanged = skipUnchanged;
    }

    static DailyRebuild naive() {
        return new DailyRebuild(false);
    }

    static DailyRebuild skippingUnchanged() {
        return new DailyRebuild(true);
    }

    @Override
    public Duration interval() {
        return INTERVAL;
    }

    @Override
    public Instant firstRun(Instant from) {
        ZonedDateTime day = from.atZone(ZoneOffset.UTC);
        Instant today = day.toLocalDate().atTime(AT).toInstant(ZoneOffset.UTC);
        return today.isBefore(from) ? today.plus(INTERVAL) : today;
    }

    @Override
    public Step step(Moment moment) {
        if (!skipUnchanged) {
            return new Step(Action.BUILD, "daily rebuild", true);
        }
        String coreos = moment.release().version().text();
        String zfs =
                moment.zfs().target().map(t -> t.release().version().text()).orElse(null);
        Combination wanted = new Combination(coreos, zfs, Map.of());
        boolean unchanged = !moment.image().labels().isEmpty()
                && moment.image().labels().entrySet().stream()
                        .allMatch(e -> wanted.carriedBy(e.getValue(), e.getKey()));
        return unchanged
                ? new Step(Action.SKIP, "inputs unchanged", false)
                : new Step(Action.BUILD, "inputs changed", true);
    }
}
