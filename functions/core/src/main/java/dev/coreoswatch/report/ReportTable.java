package dev.coreoswatch.report;

import dev.coreoswatch.model.Action;
import dev.coreoswatch.model.ArchResult;
import dev.coreoswatch.model.Decision;
import dev.coreoswatch.model.DecisionTarget;
import dev.coreoswatch.model.DispatchStatus;
import dev.coreoswatch.model.Printable;
import dev.coreoswatch.model.Report;
import java.util.ArrayList;
import java.util.List;

/** The readable form of a report: one block per stream, colour only when asked (a terminal). */
public final class ReportTable {
    private static final String RESET = "\u001b[0m";

    private ReportTable() {}

    public static String write(Report report, boolean colour) {
        StringBuilder out = new StringBuilder();
        out.append("coreos-watch check at ")
                .append(report.checkedAt())
                .append(report.dryRun() ? " (dry run)" : "")
                .append('\n');
        boolean fleet =
                report.targets().stream().map(DecisionTarget::name).distinct().count() > 1;
        if (fleet) {
            out.append("targets: ")
                    .append(String.join(
                            ", ",
                            report.targets().stream()
                                    .map(t -> t.name() + " (" + dash(t.image()) + ")")
                                    .distinct()
                                    .toList()))
                    .append("\n\n");
        } else {
            out.append("target image: ")
                    .append(
                            report.targetImage() == null
                                    ? "none configured (set target.image, TARGET_IMAGE or --target-image) - showing upstream and compatibility only"
                                    : report.targetImage())
                    .append("\n\n");
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"STREAM", "COREOS", "ZFS", "ARCH", "KERNEL", "COMPAT", "BUILT", "ACTION"});
        String previousTarget = null;
        for (int index = 0; index < report.decisions().size(); index++) {
            Decision d = report.decisions().get(index);
            String target = report.targetOf(index).name();
            if (fleet && !target.equals(previousTarget)) {
                rows.add(new String[] {"[" + target + "]", "", "", "", "", "", "", ""});
                previousTarget = target;
            }
            if (d.architectures().isEmpty()) {
                rows.add(new String[] {
                    d.stream(),
                    dash(d.coreosVersion()),
                    dash(d.zfsVersion()),
                    "-",
                    "-",
                    "-",
                    "-",
                    d.action().name()
                });
            }
            boolean first = true;
            for (ArchResult a : d.architectures()) {
                rows.add(new String[] {
                    first ? d.stream() : "",
                    first ? dash(d.coreosVersion()) : "",
                    first ? dash(d.zfsVersion()) : "",
                    a.arch().fcosName(),
                    a.kernelVersion() == null ? "unknown" : a.kernelVersion(),
                    a.compatibility().name() + " (" + a.linuxRange() + ")",
                    a.built() ? "yes" : "no",
                    first ? d.action().name() : ""
                });
                first = false;
            }
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = String.format("%-" + widths[i] + "s", row[i]);
                line.append(i == row.length - 1 && colour ? paint(row[i], cell) : cell)
                        .append(i < row.length - 1 ? "  " : "");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        out.append('\n');
        for (int index = 0; index < report.decisions().size(); index++) {
            Decision d = report.decisions().get(index);
            out.append(fleet ? report.targetOf(index).name() + " " : "")
                    .append(d.stream())
                    .append(": ")
                    .append(d.action())
                    .append(" - ")
                    .append(Printable.excerpt(d.reason(), 400));
            if (d.dispatch().status() != DispatchStatus.NONE) {
                out.append(" [dispatch ")
                        .append(d.dispatch().status())
                        .append(
                                d.dispatch().runUrl() == null
                                        ? ""
                                        : " " + Printable.excerpt(d.dispatch().runUrl(), 200))
                        .append(']');
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }

    private static String paint(String action, String cell) {
        if (action.isEmpty()) {
            return cell;
        }
        String code = switch (Action.valueOf(action)) {
            case SKIP -> "\u001b[32m";
            case BUILD -> "\u001b[36m";
            case HOLD, IN_FLIGHT -> "\u001b[33m";
            case ERROR -> "\u001b[31m";
        };
        return code + cell + RESET;
    }
}
