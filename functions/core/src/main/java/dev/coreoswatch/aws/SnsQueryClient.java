package dev.coreoswatch.aws;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * SNS {@code Publish} without the SNS SDK module, in the AWS query protocol the module speaks: a signed
 * {@code POST /} with the form {@code Action=Publish&Version=2010-03-31&TopicArn=…&Subject=…&Message=…}, answered
 * in XML. The module cost a client build (~40-50 ms CPU) and, at the first Publish, some 200 classes (its
 * exception builders, the JDK's StAX parser) to read an answer of 300 bytes; here the message id and the error code
 * are found by {@link QueryXml}, no {@code javax.xml} class is loaded.
 *
 * <p>Throttling, 5xx answers and unreachable endpoints are tried three times with a growing
 * pause, as the SDK did: a Publish whose answer was lost may then be delivered twice (the notifier's state makes it
 * rare; subscribers see a duplicate, never a lost alarm).
 */
public final class SnsQueryClient {
    /** Publish answers about 300 bytes and its errors under 1 KB. */
    static final int MAX_ANSWER_BYTES = 16 * 1024;

    private static final String OPERATION = "SNS Publish";
    private static final Map<String, String> HEADERS =
            Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    /** SNS's throttling and timeout codes that the SDK's standard retry mode tries again (on HTTP 400). */
    private static final Set<String> RETRIED_CODES = Set.of(
            "Throttling",
            "ThrottlingException",
            "ThrottledException",
            "RequestThrottled",
            "TooManyRequestsException",
            "RequestLimitExceeded",
            "RequestTimeout",
            "RequestTimeoutException");
    /** An error code as AWS writes them; anything else in the element is not trusted as one. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_.:-]{0,99}");
    /** A message id is a UUID today; anything printable and short is accepted, never markup or a control. */
    private static final Pattern MESSAGE_ID = Pattern.compile("[\\x21-\\x7e]{1,100}");

    private final SignedPost post;
    private final AwsJsonClient.Pause pause;

    public SnsQueryClient(
            SdkHttpClient http,
            AwsCredentialsProvider credentials,
            Region region,
            URI endpoint,
            Clock clock,
            AwsJsonClient.Pause pause) {
        this.post = new SignedPost("sns", http, credentials, region, endpoint, clock);
        this.pause = pause;
    }

    /** Publishes {@code message} (and {@code subject}, where not null) to the topic; SNS's message id. */
    public String publish(String topicArn, String subject, String message) {
        StringBuilder form = new StringBuilder("Action=Publish&Version=2010-03-31");
        field(form, "TopicArn", topicArn);
        if (subject != null) {
            field(form, "Subject", subject);
        }
        field(form, "Message", message);
        byte[] body = form.toString().getBytes(StandardCharsets.UTF_8);
        return Attempts.run(
                AwsJsonClient.Retries.AT_LEAST_ONCE_WRITES.attempts(),
                pause,
                SnsQueryClient::retried,
                () -> attempt(body));
    }

    /** The SDK's form encoding: RFC 3986 unreserved characters kept, every other UTF-8 byte %XX (space %20). */
    private static void field(StringBuilder form, String name, String value) {
        form.append('&').append(name).append('=').append(SdkHttpUtils.urlEncode(value));
    }

    private String attempt(byte[] body) {
        SignedPost.Answer answer = post.send(OPERATION, HEADERS, body, MAX_ANSWER_BYTES);
        String xml = new String(answer.body(), StandardCharsets.UTF_8);
        if (answer.status() / 100 != 2) {
            throw error(answer.status(), xml, answer.identity());
        }
        Optional<String> id;
        try {
            id = QueryXml.text(xml, "MessageId");
        } catch (QueryXml.Malformed e) {
            throw new AwsCallException(
                    null, answer.status(), OPERATION + "'s answer (HTTP " + answer.status() + ") " + e.getMessage());
        }
        if (id.isEmpty() || !MESSAGE_ID.matcher(id.get()).matches()) {
            throw new AwsCallException(
                    null,
                    answer.status(),
                    OPERATION + "'s answer (HTTP " + answer.status() + ") "
                            + (id.isEmpty() ? "has no MessageId" : "has a MessageId that is not a message id"));
        }
        return id.get();
    }

    /**
     * The query protocol's error: {@code <ErrorResponse><Error><Type>Sender</Type><Code>…</Code><Message>…</Message>
     * </Error><RequestId>…</RequestId></ErrorResponse>}. A body of another shape (a proxy's page) gives the status
     * alone.
     */
    private static AwsCallException error(int status, String xml, AwsCredentialsIdentity identity) {
        String code = null;
        String message = null;
        if (xml.contains("<ErrorResponse")) {
            // Read apart: a message that cannot be read must not cost the code that decides a retry.
            code = element(xml, "Code").filter(c -> CODE.matcher(c).matches()).orElse(null);
            message = element(xml, "Message").orElse(null);
        }
        StringBuilder out = new StringBuilder(OPERATION)
                .append(" failed: ")
                .append(code == null ? "HTTP " + status : code + " (HTTP " + status + ")");
        if (code != null && message != null && !message.isBlank()) {
            out.append(": ").append(AwsJsonClient.scrub(message, identity));
        }
        return new AwsCallException(code, status, out.toString());
    }

    private static Optional<String> element(String xml, String name) {
        try {
            return QueryXml.text(xml, name);
        } catch (QueryXml.Malformed e) {
            return Optional.empty();
        }
    }

    private static boolean retried(AwsCallException e) {
        return e.status() == 0 && e.code().isEmpty()
                || e.status() >= 500
                || e.status() == 429
                || e.code().filter(RETRIED_CODES::contains).isPresent();
    }
}
