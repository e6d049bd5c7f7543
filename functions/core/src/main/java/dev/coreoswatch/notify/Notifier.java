package dev.coreoswatch.notify;

import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells operators about a stream once per change of state: the last notification per stream is
 * stored, a notification that repeats it is dropped, and of concurrent invocations that see the
 * same change only the one whose conditional write wins publishes. Recording comes before
 * publishing; a publish that fails puts the old state back, so the next run tries again.
 */
public final class Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    /** Whether this call published. */
    public enum Outcome {
        SENT,
        UNCHANGED
    }

    private final NotificationStateTable states;
    private final SnsTopic topic;
    private final Clock clock;

    public Notifier(NotificationStateTable states, SnsTopic topic, Clock clock) {
        this.states = states;
        this.topic = topic;
        this.clock = clock;
    }

    /**
     * Sends {@code n} unless it is old news: the same fingerprint as the last notification, or a
     * release of a stream that was not held.
     *
     * @throws NotificationException when the state cannot be read or written, or SNS refuses
     */
    public Outcome send(Notification n) {
        Optional<NotifiedState> current = states.read(n.stream());
        if (!isNews(n, current)) {
            return Outcome.UNCHANGED;
        }
        NotifiedState next = new NotifiedState(
                n.kind(),
                n.fingerprint(),
                n.coreosVersion(),
                n.zfsVersion(),
                n.reason(),
                clock.instant(),
                current.map(c -> c.version() + 1).orElse(1L));
        if (!states.replace(n.stream(), current, next)) {
            LOG.info("stream {}: {} already notified by a concurrent invocation", n.stream(), n.kind());
            return Outcome.UNCHANGED;
        }
        NotificationText.Rendered text = NotificationText.render(n, current, states.targetImage());
        try {
            String id = topic.publish(text.subject(), text.message());
            LOG.atInfo()
                    .addKeyValue("stream", n.stream())
                    .addKeyValue("notification", n.kind().name())
                    .addKeyValue("snsMessageId", id)
                    .log("stream {}: notified {}: {}", n.stream(), n.kind(), text.subject());
            return Outcome.SENT;
        } catch (NotificationException e) {
            try {
                states.restore(n.stream(), next, current);
            } catch (NotificationException restore) {
                e.addSuppressed(restore);
            }
            throw e;
        }
    }

    static boolean isNews(Notification n, Optional<NotifiedState> current) {
        if (n.kind() == NotificationKind.RELEASED) {
            return current.isPresent() && current.get().kind() == NotificationKind.HELD;
        }
        return current.isEmpty() || !current.get().fingerprint().equals(n.fingerprint());
    }
}
