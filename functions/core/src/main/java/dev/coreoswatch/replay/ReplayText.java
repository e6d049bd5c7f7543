package dev.coreoswatch.replay;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The readable replay: coreos-watch's timeline, then per stream both summaries side by side, its holds and failed builds. */
public final class ReplayText {
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private ReplayText() {}

    public static String write(ReplayReport report) {
        ReplaySettings s = report.settings();
        StringBuilder out = new StringBuilder();
        out.append("Replay of the ")
                .append(report.historySource())
                .append(" from ")
                .append(s.from())
                .append(" to ")
                .append(s.to())
                .append('\n');
        out.append(Replay.WATCH)
                .append(" every ")
                .append(s.interval())
                .append(" (a run is in flight until it completes;")
                .append(" dispatch.max-attempts ")
                .append(s.maxAttempts())
                .append("); a build takes ")
                .append(s.buildDuration())
                .append('\n');
        out.append("baselines, daily at ")
                .append(DailyRebuild.AT)
                .append(" UTC: ")
                .append(Replay.BASELINE)
                .append(" (rebuilds every day, whatever changed) and ")
                .append(Replay.SKIP_UNCHANGED)
                .append(" (builds when the image lacks the CoreOS or ZFS version)\n");
        out.append("zfs: ")
                .append(s.zfsSeries()
                        .map(v -> "pinned to " + v + " (zfs.series)")
                        .orElse(
                                s.zfsAllowDotZero()
                                        ? "newest line, .0 releases taken (zfs.allow-dot-zero)"
                                        : "newest line, a new line's .0 waits for its .1"))
                .append("; blocked: ")
                .append(
                        s.blockedVersions().isEmpty()
                                ? "none"
                                : String.join(
                                        ", ",
                                        s.blockedVersions().stream().sorted().toList()))
                .append("; architectures: ")
                .append(String.join(
                        ", ", s.architectures().stream().map(a -> a.fcosName()).toList()))
                .append("\n\n");
        out.append("Timeline (").append(Replay.WATCH).append(")\n");
        for (TimelineEntry e : report.timeline()) {
            out.append(String.format(
                    "  %s  %-8s %-9s %-34s %s%n",
                    MINUTE.format(e.at()),
                    e.stream() == null ? "all" : e.stream(),
                    e.kind(),
                    combination(e.coreosVersion(), e.zfsVersion()),
                    e.detail()));
        }
        for (String stream : s.streams()) {
            out.append('\n');
            summary(
                    out,
                    report.watch().stream(stream),
                    report.baseline().stream(stream),
                    report.skipUnchanged().stream(stream));
        }
        return out.toString();
    }

    private static void summary(StringBuilder out, StreamSummary watch, StreamSummary daily, StreamSummary changed) {
        List<StreamSummary> columns = List.of(watch, daily, changed);
        out.append(String.format(
                "%-50s %14s %14s %22s%n",
                "Stream " + watch.stream(), Replay.WATCH, Replay.BASELINE, Replay.SKIP_UNCHANGED));
        // The builds rows below "builds dispatched" are one partition: they add up to it.
        row(out, "builds dispatched", columns, x -> String.valueOf(x.dispatched()));
        row(out, "  new image, every kernel inside the ZFS range", columns, x -> String.valueOf(x.succeeded()));
        row(out, "  new image, a kernel the history does not know", columns, x -> String.valueOf(x.unverified()));
        row(out, "  rebuilt the combination the image had", columns, x -> String.valueOf(x.redundant()));
        row(out, "  failed: kernel outside the ZFS range", columns, x -> String.valueOf(x.failedKernel()));
        row(out, "  failed: no ZFS release to build with", columns, x -> String.valueOf(x.failedNoZfs()));
        row(
                out,
                "FCOS releases in the window",
                columns,
                x -> String.valueOf(x.releases().size()));
        row(
                out,
                "  built / superseded / not built by the end",
                columns,
                x -> x.releasesWith(ReleaseLatency.Outcome.BUILT) + "/"
                        + x.releasesWith(ReleaseLatency.Outcome.SUPERSEDED) + "/"
                        + x.releasesWith(ReleaseLatency.Outcome.NOT_BUILT_BY_END));
        row(out, "release to image, median", columns, x -> human(x.medianLatency()));
        row(out, "release to image, longest", columns, x -> human(x.maxLatency()));
        row(out, "image behind the stream, longest", columns, x -> human(x.longestLag()));
        row(out, "no image at all from the start for", columns, x -> Durations.human(x.withoutImage()));
        row(out, "hold periods", columns, x -> String.valueOf(x.holds().size()));
        row(out, "  time held in all", columns, x -> x.holds().isEmpty() ? "-" : Durations.human(x.heldFor()));
        row(out, "  longest hold", columns, x -> human(x.longestHold()));
        if (!watch.errors().isEmpty()) {
            row(out, "time in ERROR", columns, x -> Durations.human(x.erroredFor()));
        }
        periods(out, "Hold periods", watch.stream(), watch.holds());
        periods(out, "ERROR periods", watch.stream(), watch.errors());
        failures(out, Replay.WATCH, watch);
        failures(out, Replay.BASELINE, daily);
        failures(out, Replay.SKIP_UNCHANGED, changed);
    }

    private static void row(
            StringBuilder out, String label, List<StreamSummary> columns, Function<StreamSummary, String> value) {
        out.append(String.format(
                "  %-48s %14s %14s %22s%n",
                label, value.apply(columns.get(0)), value.apply(columns.get(1)), value.apply(columns.get(2))));
    }

    private static void periods(StringBuilder out, String title, String stream, List<Period> periods) {
        if (periods.isEmpty()) {
            return;
        }
        out.append(title)
                .append(" (")
                .append(Replay.WATCH)
                .append(", ")
                .append(stream)
                .append(")\n");
        for (Period p : periods) {
            out.append(String.format(
                    "  %s .. %s  %-12s %s%s%n",
                    MINUTE.format(p.start()),
                    MINUTE.format(p.end()),
                    Durations.human(p.length()) + (p.ongoing() ? "+" : ""),
                    p.reasons().getFirst(),
                    p.reasons().size() > 1 ? " (then " + (p.reasons().size() - 1) + " more reason(s))" : ""));
        }
    }

    /** Consecutive failures of one combination for one reason are one line. */
    private static void failures(StringBuilder out, String strategy, StreamSummary summary) {
        if (summary.failedBuilds().isEmpty()) {
            return;
        }
        out.append("Failed builds (")
                .append(strategy)
                .append(", ")
                .append(summary.stream())
                .append(")\n");
        List<List<SimulatedBuild>> groups = new ArrayList<>();
        for (SimulatedBuild b : summary.failedBuilds()) {
            List<SimulatedBuild> last = groups.isEmpty() ? null : groups.getLast();
            if (last != null
                    && last.getFirst().detail().equals(b.detail())
                    && last.getFirst().coreosVersion().equals(b.coreosVersion())) {
                last.add(b);
            } else {
                groups.add(new ArrayList<>(List.of(b)));
            }
        }
        for (List<SimulatedBuild> g : groups) {
            SimulatedBuild first = g.getFirst();
            out.append(String.format(
                    "  %s .. %s  %3d x %-34s %s%n",
                    MINUTE.format(first.dispatchedAt()),
                    MINUTE.format(g.getLast().dispatchedAt()),
                    g.size(),
                    combination(first.coreosVersion(), first.zfsVersion()),
                    first.detail()));
        }
    }

    private static String combination(String coreos, String zfs) {
        if (coreos == null && zfs == null) {
            return "";
        }
        return (coreos == null ? "" : coreos) + (zfs == null ? "" : (coreos == null ? "" : " ") + "zfs " + zfs);
    }

    private static String human(Optional<Duration> d) {
        return d.map(Durations::human).orElse("-");
    }
}
