package dev.coreoswatch.replay;

import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.KernelVersion;
import dev.coreoswatch.model.MajorMinor;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code replay --svg FILE}: one panel per stream. Over time, the FCOS kernel's major.minor per
 * release and the chosen ZFS release's {@code Linux-Maximum} (step lines), coreos-watch's holds
 * and ERROR periods shaded (their reasons in the tooltip), its builds as ticks, and the days the
 * naive daily rebuild failed as marks. Plain SVG 1.1, written as text: no library, no browser.
 */
public final class ReplaySvg {
    private static final int WIDTH = 1200;
    private static final int LEFT = 84;
    private static final int RIGHT = 16;
    private static final int ROW = 18;
    private static final int LEGEND = 70;

    private final ReplayReport report;
    private final History history;
    private final StringBuilder out = new StringBuilder();

    private ReplaySvg(ReplayReport report, History history) {
        this.report = report;
        this.history = history;
    }

    /** The picture of {@code report}, which was replayed over {@code history}. */
    public static String write(ReplayReport report, History history) {
        return new ReplaySvg(report, history).svg();
    }

    private String svg() {
        List<String> streams = report.settings().streams();
        List<List<MajorMinor>> rows = streams.stream().map(this::rows).toList();
        int height = 0;
        for (List<MajorMinor> r : rows) {
            height += panelHeight(r);
        }
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\" font-size=\"11\">%n",
                WIDTH,
                height,
                WIDTH,
                height));
        out.append(
                "<style>.kernel{fill:none;stroke:#1f4e9c;stroke-width:2}.zfs-max{fill:none;stroke:#2a9d3a;stroke-width:2;"
                        + "stroke-dasharray:6 3}.hold-kernel{fill:#f4a261;fill-opacity:.35}.hold-blocked{fill:#999;fill-opacity:.35}"
                        + ".hold-attempts{fill:#e63946;fill-opacity:.3}.hold-other{fill:#b5838d;fill-opacity:.35}"
                        + ".error{fill:#7b2cbf;fill-opacity:.2}.grid{stroke:#ddd;stroke-width:1}.axis{stroke:#444;stroke-width:1}"
                        + ".build{stroke-width:2}.SUCCEEDED{stroke:#2a9d3a}.UNVERIFIED{stroke:#457b9d}.FAILED{stroke:#e63946}"
                        + ".baseline-failed{fill:#e63946}</style>\n");
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        int top = 0;
        for (int i = 0; i < streams.size(); i++) {
            panel(streams.get(i), rows.get(i), top);
            top += panelHeight(rows.get(i));
        }
        out.append("</svg>\n");
        return out.toString();
    }

    private static int panelHeight(List<MajorMinor> rows) {
        return LEGEND + rows.size() * ROW + 80;
    }

    private void panel(String stream, List<MajorMinor> rows, int top) {
        StreamSummary watch = report.watch().stream(stream);
        StreamSummary daily = report.baseline().stream(stream);
        Instant from = report.settings().from();
        Instant to = report.settings().to();
        int plotTop = top + LEGEND;
        int plotBottom = plotTop + rows.size() * ROW;
        Frame f = new Frame(from, to, rows, plotBottom);

        out.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-weight=\"bold\" font-size=\"13\">%s</text>%n",
                LEFT,
                top + 18,
                escape("FCOS " + stream + ": " + report.historySource() + ", " + day(from) + " .. " + day(to) + " ("
                        + policy() + ")")));
        legend(top + 38);

        for (Period p : watch.holds()) {
            shade(f, p, holdClass(p), plotTop, plotBottom);
        }
        for (Period p : watch.errors()) {
            shade(f, p, "error", plotTop, plotBottom);
        }
        for (MajorMinor row : rows) {
            double y = f.y(row);
            out.append(String.format(
                    Locale.ROOT,
                    "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>%n",
                    LEFT,
                    y,
                    WIDTH - RIGHT,
                    y));
            text(LEFT - 6, y + 4, "end", row.toString());
        }
        kernelLine(f, stream);
        zfsLine(f);
        axis(f, plotTop, plotBottom);

        int ticks = plotBottom + 22;
        text(LEFT - 6, ticks + 4, "end", "builds");
        for (SimulatedBuild b : watch.builds()) {
            double x = f.x(b.dispatchedAt());
            out.append(String.format(
                    Locale.ROOT,
                    "<line class=\"build %s\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"><title>%s</title></line>%n",
                    b.outcome(),
                    x,
                    ticks - 7,
                    x,
                    ticks + 7,
                    escape(b.dispatchedAt() + " build " + b.coreosVersion() + " zfs " + b.zfsVersion() + ": "
                            + b.outcome().name().toLowerCase(Locale.ROOT) + ", " + b.detail())));
        }
        int marks = ticks + 22;
        text(LEFT - 6, marks + 4, "end", "daily fails");
        for (SimulatedBuild b : daily.failedBuilds()) {
            out.append(String.format(
                    Locale.ROOT,
                    "<circle class=\"baseline-failed\" cx=\"%.1f\" cy=\"%d\" r=\"2.5\"><title>%s</title></circle>%n",
                    f.x(b.dispatchedAt()),
                    marks,
                    escape(Replay.BASELINE + " " + b.dispatchedAt() + ": " + b.detail())));
        }
    }

    /** Two lines of keys: the lines and shades, then the marks under the plot. */
    private void legend(int y) {
        int x = LEFT;
        x = key(
                x,
                y,
                "<line class=\"kernel\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>",
                "FCOS kernel (" + arch().fcosName() + ")");
        x = key(
                x,
                y,
                "<line class=\"zfs-max\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>",
                "Linux-Maximum of the chosen ZFS release");
        x = box(x, y, "hold-kernel", "hold: kernel outside the ZFS range");
        x = box(x, y, "hold-attempts", "hold: attempts limit");
        x = box(x, y, "hold-blocked", "hold: blocked version");
        box(x, y, "error", "ERROR");
        int second = y + 16;
        x = tick(LEFT, second, "SUCCEEDED", "build (coreos-watch)");
        x = tick(x, second, "UNVERIFIED", "build, kernel unknown to the history");
        x = tick(x, second, "FAILED", "failed build");
        out.append(String.format(
                Locale.ROOT, "<circle class=\"baseline-failed\" cx=\"%d\" cy=\"%d\" r=\"3\"/>%n", x + 4, second - 4));
        text(x + 12, second, "start", "day the " + Replay.BASELINE + " rebuild failed");
    }

    private int key(int x, int y, String line, String label) {
        out.append(String.format(Locale.ROOT, line, x, y - 4, x + 22, y - 4)).append('\n');
        text(x + 26, y, "start", label);
        return x + 40 + label.length() * 6;
    }

    private int box(int x, int y, String cls, String label) {
        out.append(String.format(
                Locale.ROOT, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"14\" height=\"10\"/>%n", cls, x, y - 9));
        text(x + 18, y, "start", label);
        return x + 32 + label.length() * 6;
    }

    private int tick(int x, int y, String cls, String label) {
        // Legend ticks are no builds: their class carries no "build", so that counting builds counts the plot only.
        out.append(String.format(
                Locale.ROOT,
                "<line class=\"%s\" stroke-width=\"2\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>%n",
                cls,
                x + 2,
                y - 10,
                x + 2,
                y + 1));
        text(x + 8, y, "start", label);
        return x + 22 + label.length() * 6;
    }

    private void shade(Frame f, Period p, String cls, int plotTop, int plotBottom) {
        double x1 = f.x(p.start());
        double x2 = Math.max(f.x(p.end()), x1 + 1);
        out.append(String.format(
                Locale.ROOT,
                "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\"><title>%s</title></rect>%n",
                cls,
                x1,
                plotTop,
                x2 - x1,
                plotBottom - plotTop,
                escape(p.action() + " " + p.start() + " .. " + p.end() + " (" + Durations.human(p.length()) + "): "
                        + String.join("; then ", p.reasons()))));
        if (x2 - x1 > 24) {
            text(
                    (x1 + x2) / 2,
                    plotTop + 12,
                    "middle",
                    Durations.human(p.length()).replaceAll(" \\d+m$", ""));
        }
    }

    /** The kernel of the first configured arch, as a step line that breaks where the history does not know it. */
    private void kernelLine(Frame f, String stream) {
        List<double[]> points = new ArrayList<>();
        List<FcosRelease> releases = history.streams().get(stream);
        boolean gap = false;
        for (int i = 0; i < releases.size(); i++) {
            FcosRelease r = releases.get(i);
            Instant end = i + 1 < releases.size() ? releases.get(i + 1).date() : f.to;
            if (!overlaps(r.date(), end, f.from, f.to)) {
                continue;
            }
            Optional<KernelVersion> kernel = r.kernel(arch());
            if (kernel.isEmpty()) {
                if (!gap) { // name the gap once, where it starts
                    double x = f.x(later(r.date(), f.from));
                    boolean nearEnd = x > WIDTH - 200;
                    text(
                            nearEnd ? x - 4 : x + 4,
                            f.y(f.rows.getFirst()) + 4,
                            nearEnd ? "end" : "start",
                            "kernel unknown from here");
                }
                gap = true;
                step(points, "kernel");
                points = new ArrayList<>();
                continue;
            }
            gap = false;
            double y = f.y(kernel.get().line());
            points.add(new double[] {f.x(later(r.date(), f.from)), y});
            points.add(new double[] {f.x(end.isBefore(f.to) ? end : f.to), y});
        }
        step(points, "kernel");
    }

    private void zfsLine(Frame f) {
        List<double[]> points = new ArrayList<>();
        List<ZfsTimeline.State> states =
                Replay.zfsTimeline(history, report.settings()).states();
        for (int i = 0; i < states.size(); i++) {
            ZfsTimeline.State s = states.get(i);
            Instant end = i + 1 < states.size() ? states.get(i + 1).since() : f.to;
            if (!overlaps(s.since(), end, f.from, f.to)) {
                continue;
            }
            if (s.target().isEmpty()) {
                step(points, "zfs-max");
                points = new ArrayList<>();
                continue;
            }
            double y = f.y(s.target().get().range().maximum());
            points.add(new double[] {f.x(later(s.since(), f.from)), y});
            points.add(new double[] {f.x(end.isBefore(f.to) ? end : f.to), y});
        }
        step(points, "zfs-max");
    }

    private void step(List<double[]> points, String cls) {
        if (points.isEmpty()) {
            return;
        }
        StringBuilder p = new StringBuilder();
        for (double[] xy : points) {
            p.append(String.format(Locale.ROOT, "%.1f,%.1f ", xy[0], xy[1]));
        }
        out.append("<polyline class=\"")
                .append(cls)
                .append("\" points=\"")
                .append(p.toString().strip())
                .append("\"/>\n");
    }

    /** The x axis: a tick and label at the start of every quarter. */
    private void axis(Frame f, int plotTop, int plotBottom) {
        out.append(String.format(
                Locale.ROOT,
                "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>%n",
                LEFT,
                plotBottom,
                WIDTH - RIGHT,
                plotBottom));
        out.append(String.format(
                Locale.ROOT,
                "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>%n",
                LEFT,
                plotTop,
                LEFT,
                plotBottom));
        LocalDate d = LocalDate.ofInstant(f.from, ZoneOffset.UTC).withDayOfMonth(1);
        while (d.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(f.to)) {
            Instant at = d.atStartOfDay(ZoneOffset.UTC).toInstant();
            if (!at.isBefore(f.from) && (d.getMonthValue() - 1) % 3 == 0) {
                double x = f.x(at);
                out.append(String.format(
                        Locale.ROOT,
                        "<line class=\"axis\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>%n",
                        x,
                        plotBottom,
                        x,
                        plotBottom + 4));
                text(x, plotBottom + 60, "middle", d.toString().substring(0, 7));
            }
            d = d.plusMonths(1);
        }
    }

    /** Every major.minor from the lowest to the highest kernel or ZFS maximum shown. */
    private List<MajorMinor> rows(String stream) {
        Instant from = report.settings().from();
        Instant to = report.settings().to();
        TreeSet<MajorMinor> seen = new TreeSet<>();
        List<FcosRelease> releases = history.streams().get(stream);
        for (int i = 0; i < releases.size(); i++) {
            if (overlaps(
                    releases.get(i).date(),
                    i + 1 < releases.size() ? releases.get(i + 1).date() : to,
                    from,
                    to)) {
                releases.get(i).kernel(arch()).ifPresent(k -> seen.add(k.line()));
            }
        }
        List<ZfsTimeline.State> states =
                Replay.zfsTimeline(history, report.settings()).states();
        for (int i = 0; i < states.size(); i++) {
            if (overlaps(
                    states.get(i).since(),
                    i + 1 < states.size() ? states.get(i + 1).since() : to,
                    from,
                    to)) {
                states.get(i).target().ifPresent(t -> seen.add(t.range().maximum()));
            }
        }
        List<MajorMinor> rows = new ArrayList<>();
        if (seen.isEmpty()) {
            return List.of(new MajorMinor(0, 0));
        }
        MajorMinor low = seen.first();
        MajorMinor high = seen.last();
        for (int major = low.major(); major <= high.major(); major++) {
            int first = major == low.major() ? low.minor() : 0;
            int last = major == high.major() ? high.minor() : highestMinor(seen, major);
            for (int minor = first; minor <= last; minor++) {
                rows.add(new MajorMinor(major, minor));
            }
        }
        return rows;
    }

    private static boolean overlaps(Instant start, Instant end, Instant from, Instant to) {
        return end.isAfter(from) && start.isBefore(to);
    }

    private static int highestMinor(TreeSet<MajorMinor> seen, int major) {
        return seen.stream()
                .filter(m -> m.major() == major)
                .mapToInt(MajorMinor::minor)
                .max()
                .orElse(-1);
    }

    private Arch arch() {
        return report.settings().architectures().getFirst();
    }

    private String policy() {
        ReplaySettings s = report.settings();
        return s.zfsSeries()
                        .map(v -> "zfs.series " + v)
                        .orElse(s.zfsAllowDotZero() ? "newest ZFS line, .0 taken" : "newest ZFS line, .0 waits for .1")
                + ", runs every " + Durations.human(s.interval()) + ", builds take "
                + Durations.human(s.buildDuration());
    }

    private static String holdClass(Period p) {
        String reason = p.reasons().getFirst();
        if (reason.contains("dispatch.max-attempts")) {
            return "hold-attempts";
        }
        if (reason.contains("coreos.blocked-versions")) {
            return "hold-blocked";
        }
        return reason.contains(" is outside Linux ") ? "hold-kernel" : "hold-other";
    }

    private void text(double x, double y, String anchor, String text) {
        out.append(String.format(
                Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>%n", x, y, anchor, escape(text)));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String day(Instant at) {
        return at.toString().substring(0, 10);
    }

    /** Text from the history goes into XML: escaped, so a note or reason cannot break the document. */
    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '&' -> s.append("&amp;");
                case '"' -> s.append("&quot;");
                default -> s.append(c < 0x20 ? ' ' : c);
            }
        }
        return s.toString();
    }

    /** Maps time to x and major.minor to y (the lowest row at the bottom). */
    private record Frame(Instant from, Instant to, List<MajorMinor> rows, int bottom) {
        double x(Instant at) {
            double span = to.getEpochSecond() - from.getEpochSecond();
            return LEFT + (WIDTH - LEFT - RIGHT) * (at.getEpochSecond() - from.getEpochSecond()) / span;
        }

        double y(MajorMinor value) {
            int index = rows.indexOf(value);
            if (index < 0) { // outside the rows shown: clamp
                index = value.compareTo(rows.getFirst()) < 0 ? 0 : rows.size() - 1;
            }
            return bottom - ROW / 2.0 - index * ROW;
        }
    }
}
