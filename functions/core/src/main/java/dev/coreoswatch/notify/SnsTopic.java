package dev.coreoswatch.notify;

import dev.coreoswatch.model.Printable;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;

/** The SNS topic operators subscribe to (e-mail, chat, a pager): one Publish per notification. */
public final class SnsTopic {
    private final Supplier<SnsClient> client;
    private final String topicArn;

    public SnsTopic(SnsClient client, String topicArn) {
        this(() -> client, topicArn);
    }

    /** {@code client} is asked for at the first Publish: most runs only read the notification state, never publish. */
    public SnsTopic(Supplier<SnsClient> client, String topicArn) {
        this.client = client;
        this.topicArn = topicArn;
    }

    /** Publishes and returns SNS's message id. */
    public String publish(String subject, String message) {
        try {
            return client.get()
                    .publish(b ->
                            b.topicArn(topicArn).subject(SnsSubject.of(subject)).message(message))
                    .messageId();
        } catch (AwsServiceException e) {
            String code =
                    e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            String detail = e.awsErrorDetails() == null
                    ? ""
                    : Printable.excerpt(e.awsErrorDetails().errorMessage(), 200);
            throw new NotificationException(
                    "SNS refused to publish to " + topicArn + ": HTTP " + e.statusCode() + " " + code
                            + (detail.isEmpty() ? "" : " (" + detail + ")"),
                    e);
        } catch (SdkException e) {
            throw new NotificationException(
                    "cannot reach SNS to publish to " + topicArn + ": " + Printable.excerpt(e.getMessage(), 300), e);
        }
    }
}
