package dev.coreoswatch.notify;

import dev.coreoswatch.events.Observed;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The facts of one notification about one stream; {@link NotificationText} puts them into words.
 * {@code reason} is the hold reason, the build reason or the failure, as the decision gave it;
 * {@code target} the fleet's target it is about ({@code default} for a single target).
 */
public record Notification(
        NotificationKind kind,
        String stream,
        String coreosVersion,
        String zfsVersion,
        String kernels,
        String reason,
        String runUrl,
        String correlationId,
        String target) {
    public Notification {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(stream, "stream");
        reason = reason == null ? "" : reason;
    }

    public static Notification held(Observed observed, String reason) {
        return of(NotificationKind.HELD, observed, reason, null);
    }

    public static Notification released(Observed observed) {
        return of(NotificationKind.RELEASED, observed, "", null);
    }

    public static Notification dispatched(Observed observed, String reason, String runUrl) {
        return of(NotificationKind.DISPATCHED, observed, reason, runUrl);
    }

    public static Notification failed(Observed observed, String message) {
        return of(NotificationKind.FAILED, observed, message, null);
    }

    /** A verified build: {@code details} names the platform digests and the time from the FCOS release to the image. */
    public static Notification built(Observed observed, String details, String runUrl) {
        return of(NotificationKind.BUILT, observed, details, runUrl);
    }

    /** A failed attempt of a followed run: {@code message} names the conclusion and the first failed job. */
    public static Notification failedRun(Observed observed, String message, String runUrl) {
        return of(NotificationKind.FAILED, observed, message, runUrl);
    }

    private static Notification of(NotificationKind kind, Observed o, String reason, String runUrl) {
        String kernels = o.architectures().stream()
                .map(a -> a.arch() + " " + (a.kernelVersion() == null ? "unknown" : a.kernelVersion()))
                .collect(Collectors.joining(", "));
        return new Notification(
                kind,
                o.stream(),
                o.coreosVersion(),
                o.zfsVersion(),
                kernels,
                reason,
                runUrl == null || runUrl.isEmpty() ? null : runUrl,
                o.correlationId(),
                o.target());
    }

    /**
     * What makes two notifications the same news: the kind and the combination, and for a
     * dispatch also its run. The same fingerprint again is not sent again.
     */
    public String fingerprint() {
        String base = kind + "|" + coreosVersion + "|" + zfsVersion;
        // Each run's outcome is its own news: two failed attempts are two messages.
        return kind == NotificationKind.DISPATCHED || runUrl != null
                ? base + "|" + (runUrl == null ? "" : runUrl)
                : base;
    }
}
