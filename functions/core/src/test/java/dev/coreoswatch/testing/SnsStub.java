package dev.coreoswatch.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.coreoswatch.aws.AwsJsonClient;
import dev.coreoswatch.aws.SnsQueryClient;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * SNS as the functions speak to it (the AWS query protocol: {@code POST /} with a form body
 * {@code Action=Publish&TopicArn=...&Subject=...&Message=...}, answered with XML), on a WireMock
 * server bound to 127.0.0.1. Start one per test class and {@link #close()} it in {@code @AfterAll}.
 */
public final class SnsStub implements AutoCloseable {
    public static final String TOPIC_ARN = "arn:aws:sns:eu-west-1:111122223333:coreos-watch-AlarmTopic-1Q2W3E4R5T6Y";

    /** One Publish call as SNS received it. */
    public record Published(String topicArn, String subject, String message) {}

    private final WireMockServer server =
            new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    public SnsStub() {
        server.start();
        accept();
    }

    /** Publish succeeds (the default, and after {@link #reset()}). */
    public void accept() {
        server.resetAll();
        server.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=Publish"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withHeader("x-amzn-RequestId", "d74b8436-ae13-5ab4-a9ff-ce54dfea72a0")
                        .withBody("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">\n"
                                + "  <PublishResult>\n    <MessageId>567910cd-659e-55d4-8ccb-5aaf14679dc0</MessageId>\n  </PublishResult>\n"
                                + "  <ResponseMetadata>\n    <RequestId>d74b8436-ae13-5ab4-a9ff-ce54dfea72a0</RequestId>\n  </ResponseMetadata>\n"
                                + "</PublishResponse>\n")));
    }

    /** Publish is refused as SNS refuses a role without {@code sns:Publish} (403, not retried by the SDK). */
    public void refuse() {
        server.resetAll();
        server.stubFor(
                post(urlEqualTo("/"))
                        .willReturn(
                                aResponse()
                                        .withStatus(403)
                                        .withHeader("Content-Type", "text/xml")
                                        .withBody(
                                                "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">\n"
                                                        + "  <Error>\n    <Type>Sender</Type>\n    <Code>AuthorizationError</Code>\n"
                                                        + "    <Message>User: arn:aws:sts::111122223333:assumed-role/coreos-watch-WorkflowDispatcherRole/fn is not"
                                                        + " authorized to perform: SNS:Publish on resource: "
                                                        + TOPIC_ARN + "</Message>\n  </Error>\n"
                                                        + "  <RequestId>9dd01905-5012-5f99-8663-4b3ecd0dfaef</RequestId>\n</ErrorResponse>\n")));
    }

    public void reset() {
        accept();
    }

    /**
     * Publish is answered with {@code answers} in turn, the last one from then on (a throttled call that then
     * succeeds).
     */
    public void answer(ResponseDefinitionBuilder... answers) {
        server.resetAll();
        for (int i = 0; i < answers.length; i++) {
            server.stubFor(post(urlEqualTo("/"))
                    .inScenario("answers")
                    .whenScenarioStateIs(state(i))
                    .willReturn(answers[i])
                    .willSetStateTo(state(Math.min(i + 1, answers.length - 1))));
        }
    }

    private static String state(int answer) {
        return answer == 0 ? Scenario.STARTED : "answer " + answer;
    }

    /** An answer of SNS with the query protocol's XML body. */
    public static ResponseDefinitionBuilder xml(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "text/xml")
                .withHeader("x-amzn-RequestId", "d74b8436-ae13-5ab4-a9ff-ce54dfea72a0")
                .withBody(body);
    }

    /** SNS's error document: {@code type} Sender or Receiver, as SNS writes it. */
    public static String errorResponse(String type, String code, String message) {
        return "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">\n  <Error>\n    <Type>" + type
                + "</Type>\n    <Code>" + code + "</Code>\n    <Message>" + message + "</Message>\n  </Error>\n"
                + "  <RequestId>9dd01905-5012-5f99-8663-4b3ecd0dfaef</RequestId>\n</ErrorResponse>\n";
    }

    public URI endpoint() {
        return URI.create(server.baseUrl());
    }

    /** Every request received, oldest first. */
    public List<LoggedRequest> requests() {
        return server.findAll(postRequestedFor(urlEqualTo("/")));
    }

    /** The functions' client (query protocol, url-connection transport) aimed at this stub; retries do not wait. */
    public SnsQueryClient client() {
        return client(StaticCredentialsProvider.create(AwsBasicCredentials.create("stub", "stub")), duration -> {});
    }

    public SnsQueryClient client(AwsCredentialsProvider credentials, AwsJsonClient.Pause pause) {
        return new SnsQueryClient(
                UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(10))
                        .build(),
                credentials,
                Region.EU_WEST_1,
                endpoint(),
                Clock.systemUTC(),
                pause);
    }

    /** Every Publish received (accepted or refused), oldest first. */
    public List<Published> published() {
        return requests().stream()
                .map(SnsStub::form)
                .filter(f -> "Publish".equals(f.get("Action")))
                .map(f -> new Published(f.get("TopicArn"), f.get("Subject"), f.get("Message")))
                .toList();
    }

    /** The form fields of a request, decoded, in their order. */
    public static Map<String, String> form(LoggedRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.put(key, value);
        }
        return fields;
    }

    @Override
    public void close() {
        server.stop();
    }
}
