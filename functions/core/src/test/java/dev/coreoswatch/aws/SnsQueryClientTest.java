package dev.coreoswatch.aws;

import static dev.coreoswatch.testing.SnsStub.errorResponse;
import static dev.coreoswatch.testing.SnsStub.xml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.coreoswatch.testing.SnsStub;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * SNS Publish in the query protocol without the SNS SDK module, against a WireMock SNS answering with the service's
 * real XML: the message id, its errors ({@code AuthorizationError}, {@code NotFound}, {@code InvalidParameter},
 * {@code Throttling}, {@code KMSDisabled}, {@code InternalError}), a proxy's page, and hostile answers. The secret key
 * and session token are canaries no message may carry.
 */
class SnsQueryClientTest {
    private static final String TOPIC = SnsStub.TOPIC_ARN;
    private static final String SECRET = "CANARYsecretKEY0000000000000000000000000";
    private static final String TOKEN = "IQoJb3JpZ2luX2VjCANARYsessionTOKEN0000000000";
    private static final String ID = "567910cd-659e-55d4-8ccb-5aaf14679dc0";
    private static SnsStub sns;

    private final List<Duration> pauses = new ArrayList<>();

    @BeforeAll
    static void start() {
        sns = new SnsStub();
    }

    @AfterAll
    static void stop() {
        sns.close();
    }

    @BeforeEach
    void reset() {
        sns.reset();
    }

    private static AwsCredentialsProvider session() {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create("AKID", SECRET, TOKEN));
    }

    private SnsQueryClient client() {
        return sns.client(session(), pauses::add);
    }

    private static String published(String messageId) {
        return "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">\n  <PublishResult>\n    <MessageId>"
                + messageId + "</MessageId>\n  </PublishResult>\n  <ResponseMetadata>\n"
                + "    <RequestId>d74b8436-ae13-5ab4-a9ff-ce54dfea72a0</RequestId>\n  </ResponseMetadata>\n"
                + "</PublishResponse>\n";
    }

    private static void assertNoCredentials(String message) {
        assertFalse(message.contains(SECRET), message);
        assertFalse(message.contains(TOKEN), message);
        assertFalse(message.contains("Signature="), message);
    }

    @Test
    void publishesOneSignedFormAndReturnsTheMessageId() {
        String id = client().publish(TOPIC, "coreos-watch: testing held", "held because");

        assertEquals(ID, id);
        List<LoggedRequest> sent = sns.requests();
        assertEquals(1, sent.size());
        LoggedRequest request = sent.get(0);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Action", "Publish");
        expected.put("Version", "2010-03-31");
        expected.put("TopicArn", TOPIC);
        expected.put("Subject", "coreos-watch: testing held");
        expected.put("Message", "held because");
        assertEquals(expected, SnsStub.form(request));
        // As the SDK sends it; the stub's server writes the charset in capitals.
        assertTrue(
                "application/x-www-form-urlencoded; charset=utf-8".equalsIgnoreCase(request.getHeader("Content-Type")),
                request.getHeader("Content-Type"));
        String authorization = request.getHeader("Authorization");
        assertTrue(authorization.startsWith("AWS4-HMAC-SHA256 Credential=AKID/"), authorization);
        assertTrue(authorization.contains("/eu-west-1/sns/aws4_request, SignedHeaders="), authorization);
        assertTrue(request.containsHeader("X-Amz-Date"));
        assertEquals(TOKEN, request.getHeader("X-Amz-Security-Token"));
        assertEquals(List.of(), pauses);
    }

    @Test
    void theMessageIsEncodedAsTheSdkDoesAndArrivesExactly() {
        String message = "réservé ✓ 𝄞\nline two\r\na&b=c+d %41 ~tilde *star 'quote' \"double\" <tag>\ttab";
        String subject = "a b&c=d+e";

        client().publish(TOPIC, subject, message);

        LoggedRequest request = sns.requests().get(0);
        assertEquals(message, SnsStub.form(request).get("Message"));
        assertEquals(subject, SnsStub.form(request).get("Subject"));
        String body = request.getBodyAsString();
        // RFC 3986: unreserved kept, a space %20 (never '+', which a decoder reads as a space), '*' and '+' escaped.
        assertTrue(body.contains("&Subject=a%20b%26c%3Dd%2Be&"), body);
        assertTrue(body.contains("%20~tilde%20%2Astar%20"), body);
        assertTrue(body.contains("r%C3%A9serv%C3%A9"), body);
        assertFalse(body.contains("+"), body);
    }

    @Test
    void withoutASubjectTheFieldIsLeftOut() {
        client().publish(TOPIC, null, "body");

        assertEquals(
                List.of("Action", "Version", "TopicArn", "Message"),
                List.copyOf(SnsStub.form(sns.requests().get(0)).keySet()));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "403|Sender|AuthorizationError|User: arn:aws:sts::111122223333:assumed-role/r/fn is not authorized to perform: SNS:Publish",
                "404|Sender|NotFound|Topic does not exist",
                "400|Sender|InvalidParameter|Invalid parameter: Message too long",
                "400|Sender|KMSDisabled|Invalid parameter: The request failed because the KMS key is disabled",
            })
    void aRefusalIsNamedByItsCodeAndMessageAndNotRetried(int status, String type, String code, String message) {
        sns.answer(xml(status, errorResponse(type, code, message)));

        AwsCallException e = assertThrows(AwsCallException.class, () -> client().publish(TOPIC, "s", "m"));

        assertEquals("SNS Publish failed: " + code + " (HTTP " + status + "): " + message, e.getMessage());
        assertEquals(code, e.code().orElseThrow());
        assertEquals(status, e.status());
        assertEquals(1, sns.requests().size(), "not retried");
        assertEquals(List.of(), pauses);
    }

    @Test
    void throttlingAndServerErrorsAreRetriedWithAGrowingPauseThenSucceed() {
        sns.answer(
                xml(400, errorResponse("Sender", "Throttling", "Rate exceeded")),
                xml(500, errorResponse("Receiver", "InternalError", "Internal Error")),
                xml(200, published(ID)));

        assertEquals(ID, client().publish(TOPIC, "s", "m"));

        assertEquals(3, sns.requests().size());
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400)), pauses);
    }

    @Test
    void persistentInternalErrorsGiveUpAfterThreeAttempts() {
        sns.answer(xml(500, errorResponse("Receiver", "InternalError", "Internal Error")));

        AwsCallException e = assertThrows(AwsCallException.class, () -> client().publish(TOPIC, "s", "m"));

        assertEquals(
                "gave up after 3 attempts: SNS Publish failed: InternalError (HTTP 500): Internal Error",
                e.getMessage());
        assertEquals(
                AwsJsonClient.Retries.AT_LEAST_ONCE_WRITES.attempts(),
                sns.requests().size());
        assertEquals(AwsJsonClient.Retries.AT_LEAST_ONCE_WRITES.attempts() - 1, pauses.size());
    }

    @Test
    void aProxysHtmlPageIsReportedByItsStatusAlone() {
        sns.answer(WireMock.aResponse()
                .withStatus(502)
                .withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>502 Bad Gateway</h1><Code>Fake</Code></body></html>"));

        AwsCallException e = assertThrows(AwsCallException.class, () -> client().publish(TOPIC, "s", "m"));

        assertEquals("gave up after 3 attempts: SNS Publish failed: HTTP 502", e.getMessage());
        assertTrue(e.code().isEmpty());
        assertEquals(
                AwsJsonClient.Retries.AT_LEAST_ONCE_WRITES.attempts(),
                sns.requests().size());
    }

    @Test
    void anErrorMessageIsDecodedCutToItsFirstLineAndFreeOfCredentials() {
        sns.answer(xml(
                403,
                errorResponse(
                        "Sender",
                        "InvalidClientTokenId",
                        "The security token &quot;" + TOKEN + "&quot; with " + SECRET
                                + " &amp; &#x41;&#66; is invalid.\nCanonical request: x-amz-security-token:" + TOKEN)));

        AwsCallException e = assertThrows(AwsCallException.class, () -> client().publish(TOPIC, "s", "m"));

        assertEquals(
                "SNS Publish failed: InvalidClientTokenId (HTTP 403): The security token \"[redacted]\" with [redacted]"
                        + " & AB is invalid.",
                e.getMessage());
        assertNoCredentials(e.getMessage());
    }

    @Test
    void anOversizedAnswerIsRefusedWithoutRetry() {
        sns.answer(xml(200, published(ID) + " ".repeat(SnsQueryClient.MAX_ANSWER_BYTES)));

        AwsCallException e = assertThrows(AwsCallException.class, () -> client().publish(TOPIC, "s", "m"));

        assertEquals("SNS Publish answered HTTP 200 with more than 16384 bytes", e.getMessage());
        assertEquals(1, sns.requests().size());
    }

    @Test
    void entitiesInTheMessageIdAreDecoded() {
        sns.answer(xml(200, published("id&amp;&lt;&gt;&quot;&apos;&#65;&#x42;")));

        assertEquals("id&<>\"'AB", client().publish(TOPIC, "s", "m"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<PublishResponse><PublishResult><MessageId>a</MessageId><MessageId>b</MessageId></PublishResult></PublishResponse>",
                "<PublishResponse><PublishResult></PublishResult></PublishResponse>",
                "<html><body>OK</body></html>",
                "",
                "<PublishResponse><PublishResult><MessageId>abc",
                "<PublishResponse><PublishResult><MessageId><![CDATA[abc]]></MessageId></PublishResult></PublishResponse>",
                "<PublishResponse><PublishResult><MessageId id=\"1\">abc</MessageId></PublishResult></PublishResponse>",
                "<PublishResponse><PublishResult><MessageId>a&nbsp;b</MessageId></PublishResult></PublishResponse>",
                "<PublishResponse><PublishResult><MessageId>a & b</MessageId></PublishResult></PublishResponse>",
                "<PublishResponse><PublishResult><MessageId>a&#0;b</MessageId></PublishResult></PublishResponse>",
                "<PublishResponse><PublishResult><MessageId>a&#-65;b</MessageId></PublishResult></PublishResponse>",
                "<PublishResponse><PublishResult><MessageId>a&#xD800;b</MessageId></PublishResult></PublishResponse>",
                "<PublishResponse><PublishResult><MessageId>a&#7;b</MessageId></PublishResult></PublishResponse>",
                "<PublishResponse><PublishResult><MessageId>a\u001b[2Jb</MessageId></PublishResult></PublishResponse>",
                "<PublishResponse><PublishResult><MessageId>a b</MessageId></PublishResult></PublishResponse>",
                "<PublishResponse><PublishResult><MessageId></MessageId></PublishResult></PublishResponse>",
            })
    void anAnswerWithoutOnePlausibleMessageIdIsAClearErrorAndNotRetried(String body) {
        sns.answer(xml(200, body));

        AwsCallException e = assertThrows(AwsCallException.class, () -> client().publish(TOPIC, "s", "m"));

        assertTrue(e.getMessage().startsWith("SNS Publish's answer (HTTP 200) "), e.getMessage());
        assertTrue(e.code().isEmpty());
        assertEquals(1, sns.requests().size(), "a 200 may have published: never retried");
        assertTrue(e.getMessage().chars().allMatch(c -> c >= 0x20 && c < 0x7f), e.getMessage());
    }

    @Test
    void aMessageIdOfMoreThanAHundredCharactersIsRefused() {
        sns.answer(xml(200, published("a".repeat(101))));

        AwsCallException e = assertThrows(AwsCallException.class, () -> client().publish(TOPIC, "s", "m"));

        assertEquals("SNS Publish's answer (HTTP 200) has a MessageId that is not a message id", e.getMessage());
    }

    @Test
    void anErrorDocumentWithTwoCodesGivesTheStatusAlone() {
        sns.answer(xml(
                403,
                "<ErrorResponse><Error><Code>AuthorizationError</Code><Code>Other</Code><Message>m</Message></Error>"
                        + "</ErrorResponse>"));

        AwsCallException e = assertThrows(AwsCallException.class, () -> client().publish(TOPIC, "s", "m"));

        assertEquals("SNS Publish failed: HTTP 403", e.getMessage());
        assertTrue(e.code().isEmpty());
    }

    @Test
    void aMessageThatCannotBeReadKeepsTheCodeAndItsRetry() {
        sns.answer(xml(400, errorResponse("Sender", "Throttling", "Rate &bogus; exceeded")), xml(200, published(ID)));

        assertEquals(ID, client().publish(TOPIC, "s", "m"));

        assertEquals(2, sns.requests().size(), "Throttling was read and retried");
        sns.answer(xml(404, errorResponse("Sender", "NotFound", "<b>Topic</b> does not exist")));
        AwsCallException e = assertThrows(AwsCallException.class, () -> client().publish(TOPIC, "s", "m"));
        assertEquals("SNS Publish failed: NotFound (HTTP 404)", e.getMessage());
    }

    @Test
    void aResetConnectionIsRetried() {
        sns.answer(WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), xml(200, published(ID)));

        assertEquals(ID, client().publish(TOPIC, "s", "m"));

        assertEquals(2, sns.requests().size());
        assertEquals(List.of(Duration.ofMillis(200)), pauses);
    }

    @Test
    void anUnreachableEndpointIsRetriedAndNamed() throws Exception {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        SnsQueryClient client = new SnsQueryClient(
                UrlConnectionHttpClient.builder().build(),
                session(),
                Region.EU_WEST_1,
                closed,
                Clock.systemUTC(),
                pauses::add);

        AwsCallException e = assertThrows(AwsCallException.class, () -> client.publish(TOPIC, "s", "m"));

        assertEquals(0, e.status());
        assertTrue(
                e.getMessage().startsWith("gave up after 3 attempts: SNS Publish at " + closed + " did not answer"),
                e.getMessage());
        assertEquals(AwsJsonClient.Retries.AT_LEAST_ONCE_WRITES.attempts() - 1, pauses.size());
        assertNoCredentials(e.getMessage());
    }

    @Test
    void primingPublishesOnTheCannedTransportByTheFormsAction() {
        CannedSdkHttpClient canned = new CannedSdkHttpClient(Map.of("Publish", published(ID)));
        SnsQueryClient client = new SnsQueryClient(
                canned,
                session(),
                Region.US_EAST_1,
                ServiceEndpoint.sns(Region.US_EAST_1),
                Clock.systemUTC(),
                pauses::add);

        assertEquals(ID, client.publish(TOPIC, "s", "m"));
        assertEquals(List.of("Publish"), canned.calls());
        assertEquals(List.of(), sns.requests());
    }
}
