package dev.coreoswatch.invocation;

import dev.coreoswatch.metrics.InvocationMetrics;
import dev.coreoswatch.metrics.Metric;
import dev.coreoswatch.notify.Notification;
import dev.coreoswatch.notify.Notifier;
import dev.coreoswatch.wiring.FunctionSetup;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How a service notifies: only where a topic is configured, counted, and never at the cost of the invocation. */
final class Notifications {
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    private Notifications() {}

    /** {@code metrics} may be null outside an invocation; {@code image}: the target image the notification is about (its state is kept per image). */
    static void send(FunctionSetup setup, InvocationMetrics metrics, String image, Notification notification) {
        try {
            Optional<Notifier> notifier = setup.notifier(image);
            if (notifier.isPresent() && notifier.get().send(notification) == Notifier.Outcome.SENT && metrics != null) {
                metrics.increment(Metric.NOTIFICATIONS_SENT);
            }
        } catch (RuntimeException e) {
            // The decision and its events stand; the next change of state (or run, after a restore) notifies.
            if (metrics != null) {
                metrics.increment(Metric.NOTIFY_ERRORS);
            }
            LOG.error(
                    "stream {}: {} notification not sent: {}",
                    notification.stream(),
                    notification.kind(),
                    e.getMessage());
        }
    }
}
