package dev.coreoswatch.notify;

import dev.coreoswatch.events.Observed;
import dev.coreoswatch.model.Printable;
import java.util.Optional;

/**
 * The words of each notification: a subject that says which stream and what happened, and a
 * body that says why, what comes next, and the correlation id to find the run's log lines by.
 */
public final class NotificationText {
    private static final String PRODUCT = "coreos-watch";

    /** A subject line and a plain-text body, as SNS publishes them. */
    public record Rendered(String subject, String message) {}

    private NotificationText() {}

    /** The stream, and in a fleet the target it belongs to: {@code custom-coreos-lts stable}. */
    private static String named(Notification n) {
        return n.target() == null || n.target().equals(Observed.DEFAULT_TARGET)
                ? n.stream()
                : n.target() + " " + n.stream();
    }

    /** {@code previous} is the last notification about the stream (a release quotes the hold it lifts). */
    public static Rendered render(Notification n, Optional<NotifiedState> previous, String targetImage) {
        String combination = "coreos " + n.coreosVersion() + ", zfs " + n.zfsVersion();
        String subject;
        StringBuilder body = new StringBuilder();
        switch (n.kind()) {
            case HELD -> {
                subject = PRODUCT + ": " + named(n) + " held (" + combination + ")";
                body.append("The ")
                        .append(n.stream())
                        .append(" stream of ")
                        .append(targetImage)
                        .append(" is held: coreos ")
                        .append(n.coreosVersion())
                        .append(" with zfs ")
                        .append(n.zfsVersion())
                        .append(" is not built.\n\n")
                        .append("Why: ")
                        .append(clean(n.reason()))
                        .append("\n")
                        .append("Kernels: ")
                        .append(n.kernels())
                        .append("\n\n")
                        .append(
                                "The stream is rechecked every run. You get one message when the hold is lifted, not one per run.\n");
            }
            case RELEASED -> {
                subject = PRODUCT + ": " + named(n) + " released from hold (" + combination + ")";
                body.append("The hold on the ")
                        .append(n.stream())
                        .append(" stream of ")
                        .append(targetImage)
                        .append(" is lifted: coreos ")
                        .append(n.coreosVersion())
                        .append(" with zfs ")
                        .append(n.zfsVersion())
                        .append(" passes every rule.\n\n");
                previous.filter(p -> p.kind() == NotificationKind.HELD)
                        .ifPresent(p -> body.append("Held since ")
                                .append(p.since())
                                .append(" (coreos ")
                                .append(p.coreosVersion())
                                .append(", zfs ")
                                .append(p.zfsVersion())
                                .append("): ")
                                .append(clean(p.reason()))
                                .append("\n"));
                body.append("Kernels: ")
                        .append(n.kernels())
                        .append("\n\n")
                        .append(
                                "If the image lacks this combination, a build follows; its dispatch is announced in its own message.\n");
            }
            case DISPATCHED -> {
                subject = PRODUCT + ": " + named(n) + " build dispatched (" + combination + ")";
                body.append("A build of the ")
                        .append(n.stream())
                        .append(" stream of ")
                        .append(targetImage)
                        .append(" was dispatched: coreos ")
                        .append(n.coreosVersion())
                        .append(" with zfs ")
                        .append(n.zfsVersion())
                        .append(".\n\n")
                        .append("Run: ")
                        .append(
                                n.runUrl() != null
                                        ? n.runUrl()
                                        : "GitHub did not report the run; look for the run named 'build " + n.stream()
                                                + " " + n.coreosVersion() + " zfs " + n.zfsVersion()
                                                + "' in the workflow's runs")
                        .append("\n")
                        .append("Why: ")
                        .append(clean(n.reason()))
                        .append("\n")
                        .append("Kernels: ")
                        .append(n.kernels())
                        .append("\n");
            }
            case FAILED -> {
                subject = PRODUCT + ": " + named(n) + " failed (" + combination + ")";
                body.append("The ")
                        .append(n.stream())
                        .append(" stream of ")
                        .append(targetImage)
                        .append(" was not built with coreos ")
                        .append(n.coreosVersion())
                        .append(" and zfs ")
                        .append(n.zfsVersion())
                        .append(".\n\n")
                        .append("What failed: ")
                        .append(clean(n.reason()))
                        .append("\n")
                        .append(n.runUrl() == null ? "" : "Run: " + n.runUrl() + "\n")
                        .append("Kernels: ")
                        .append(n.kernels())
                        .append("\n\n")
                        .append(
                                n.runUrl() != null
                                        ? "This attempt failed; the next check dispatches another one at once, until dispatch.max-attempts"
                                                + " attempts have failed: then the combination is held until upstream changes or an operator"
                                                + " runs release-hold.\n"
                                        : "The stream is rechecked every run. You get one message when a build is dispatched, not one per failed attempt.\n");
            }
            case BUILT -> {
                subject = PRODUCT + ": " + n.stream() + " built (" + combination + ")";
                body.append("The ")
                        .append(n.stream())
                        .append(" stream of ")
                        .append(targetImage)
                        .append(" is built and verified: coreos ")
                        .append(n.coreosVersion())
                        .append(" with zfs ")
                        .append(n.zfsVersion())
                        .append(" on every configured platform.\n\n")
                        .append("Run: ")
                        .append(n.runUrl() == null ? "(not found; the image carries the labels)" : n.runUrl())
                        .append("\n")
                        .append(clean(n.reason()))
                        .append("\n")
                        .append("Kernels: ")
                        .append(n.kernels())
                        .append("\n");
            }
            default -> throw new IllegalStateException("unknown kind " + n.kind());
        }
        if (n.correlationId() != null) {
            body.append("\nCorrelation id: ").append(n.correlationId()).append(" (in every log line of this run)\n");
        }
        return new Rendered(SnsSubject.of(subject), body.toString());
    }

    /** Reasons quote upstream text; a mail or chat client must not get controls or bidi overrides from it. */
    private static String clean(String reason) {
        return Printable.excerpt(reason, 2000);
    }
}
