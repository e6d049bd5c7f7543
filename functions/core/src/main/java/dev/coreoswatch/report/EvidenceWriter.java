package dev.coreoswatch.report;

import dev.coreoswatch.model.Decision;
import dev.coreoswatch.model.Printable;
import dev.coreoswatch.model.Report;

/** {@code check --explain}: per stream, the chain of evidence that led to its action. */
public final class EvidenceWriter {
    private EvidenceWriter() {}

    public static String write(Report report) {
        StringBuilder out = new StringBuilder();
        for (Decision d : report.decisions()) {
            out.append(d.stream()).append(": ").append(d.action()).append('\n');
            if (d.evidence().isEmpty()) {
                out.append("  (nothing was learnt before the failure)\n");
            }
            for (String line : d.evidence()) {
                out.append("  - ").append(Printable.excerpt(line, 300)).append('\n');
            }
            out.append("  => ").append(Printable.excerpt(d.reason(), 400)).append("\n\n");
        }
        return out.toString();
    }
}
