package dev.coreoswatch.notify;

import dev.coreoswatch.aws.AwsCallException;
import dev.coreoswatch.aws.SnsQueryClient;
import java.util.function.Supplier;

/** The SNS topic operators subscribe to (e-mail, chat, a pager): one Publish per notification. */
public final class SnsTopic {
    private final Supplier<SnsQueryClient> client;
    private final String topicArn;

    public SnsTopic(SnsQueryClient client, String topicArn) {
        this(() -> client, topicArn);
    }

    /** {@code client} is asked for at the first Publish: most runs only read the notification state, never publish. */
    public SnsTopic(Supplier<SnsQueryClient> client, String topicArn) {
        this.client = client;
        this.topicArn = topicArn;
    }

    /** Publishes and returns SNS's message id. */
    public String publish(String subject, String message) {
        try {
            return client.get().publish(topicArn, SnsSubject.of(subject), message);
        } catch (AwsCallException e) {
            // The client's message is scrubbed of credentials and cut short; it says what SNS answered.
            if (e.status() == 0) {
                throw new NotificationException(
                        "cannot reach SNS to publish to " + topicArn + ": " + e.getMessage(), e);
            }
            throw new NotificationException(
                    "SNS refused to publish to " + topicArn + ": HTTP " + e.status()
                            + e.code().map(c -> " " + c).orElse("") + " (" + e.getMessage() + ")",
                    e);
        }
    }
}
