package dev.coreoswatch.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.coreoswatch.config.ConfigDocument;
import dev.coreoswatch.config.ConfigException;
import dev.coreoswatch.json.Json;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The configuration parameter read with one signed {@code GetParameter} (no SSM SDK module) against a WireMock
 * SSM that answers with the service's real shapes: the success document, {@code ParameterNotFound} with and
 * without its namespace, throttling, 5xx, a proxy's HTML page, a {@code SignatureDoesNotMatch} quoting the
 * canonical request. The secret key and the session token are canaries that no message may carry.
 */
class ConfigParameterTest {
    private static final String NAME = "/coreos-watch/config";
    private static final String SECRET = "CANARYsecretKEY0000000000000000000000000";
    private static final String TOKEN = "IQoJb3JpZ2luX2VjCANARYsessionTOKEN0000000000";
    private static final Instant NOW = Instant.parse("2026-12-06T08:30:00Z");
    private static WireMockServer ssm;

    private final List<Duration> pauses = new ArrayList<>();

    @BeforeAll
    static void start() {
        ssm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        ssm.start();
    }

    @AfterAll
    static void stop() {
        ssm.stop();
    }

    @BeforeEach
    void reset() {
        ssm.resetAll();
    }

    private ConfigParameter parameter(AwsCredentialsProvider credentials, URI endpoint) {
        AwsJsonClient client = new AwsJsonClient(
                AwsJsonClient.Service.SSM,
                UrlConnectionHttpClient.builder().build(),
                credentials,
                Region.EU_WEST_1,
                endpoint,
                Clock.fixed(NOW, ZoneOffset.UTC),
                pauses::add);
        return new ConfigParameter(() -> client, NAME);
    }

    private ConfigParameter parameter(AwsCredentialsProvider credentials) {
        return parameter(credentials, URI.create(ssm.baseUrl()));
    }

    private static AwsCredentialsProvider basic() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", SECRET));
    }

    private static AwsCredentialsProvider session() {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create("AKID", SECRET, TOKEN));
    }

    /** GetParameter's answer for a String parameter, as SSM writes it. */
    private static String found(String type, String value, long version) {
        ObjectNode answer = Json.object();
        answer.putObject("Parameter")
                .put("Name", NAME)
                .put("Type", type)
                .put("Value", value)
                .put("Version", version)
                .put("LastModifiedDate", 1.7950368E9)
                .put("ARN", "arn:aws:ssm:eu-west-1:111122223333:parameter" + NAME)
                .put("DataType", "text");
        return answer.toString();
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", "6a2a52c4-4a5e-4a51-8bd3-0c0ffee00000")
                .withBody(body);
    }

    private static void answer(ResponseDefinitionBuilder response) {
        ssm.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
                .willReturn(response));
    }

    private static List<LoggedRequest> requests() {
        return ssm.findAll(WireMock.postRequestedFor(urlEqualTo("/")));
    }

    private static void assertNoCredentials(String message) {
        assertFalse(message.contains(SECRET), message);
        assertFalse(message.contains(TOKEN), message);
        assertFalse(message.contains("Signature="), message);
    }

    @Test
    void readsTheDocumentWithOneSignedGetParameter() {
        answer(json(200, found("String", "{\"dispatch\": {\"dry-run\": true}}", 7)));

        ConfigDocument document = parameter(basic()).read();

        assertEquals("true", document.top().get("dispatch.dry-run"));
        assertTrue(document.origin().contains("version 7"), document.origin());
        List<LoggedRequest> sent = requests();
        assertEquals(1, sent.size());
        LoggedRequest request = sent.get(0);
        String authorization = request.getHeader("Authorization");
        assertTrue(
                authorization.startsWith(
                        "AWS4-HMAC-SHA256 Credential=AKID/20261206/eu-west-1/ssm/aws4_request, SignedHeaders="),
                authorization);
        assertTrue(authorization.contains("x-amz-target"), "the operation is signed: " + authorization);
        assertEquals("20261206T083000Z", request.getHeader("X-Amz-Date"));
        assertEquals("AmazonSSM.GetParameter", request.getHeader("X-Amz-Target"));
        assertEquals("application/x-amz-json-1.1", request.getHeader("Content-Type"));
        assertFalse(request.containsHeader("X-Amz-Security-Token"));
        assertEquals(
                Json.parse(
                        ("{\"Name\":\"" + NAME + "\",\"WithDecryption\":false}").getBytes(StandardCharsets.UTF_8),
                        "expected"),
                Json.parse(request.getBody(), "sent"));
    }

    @Test
    void aSessionTokenIsSentAndSigned() {
        answer(json(200, found("String", "{}", 1)));

        parameter(session()).read();

        LoggedRequest request = requests().get(0);
        assertEquals(TOKEN, request.getHeader("X-Amz-Security-Token"));
        assertTrue(
                request.getHeader("Authorization").contains("x-amz-security-token"),
                request.getHeader("Authorization"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ParameterNotFound", "com.amazonaws.ssm#ParameterNotFound"})
    void aMissingParameterIsAConfigurationErrorNamingIt(String type) {
        answer(json(400, "{\"__type\":\"" + type + "\"}"));

        ConfigException e =
                assertThrows(ConfigException.class, () -> parameter(session()).read());

        assertEquals("config.parameter", e.key());
        assertTrue(e.getMessage().contains(NAME), e.getMessage());
        assertEquals(1, requests().size(), "not retried");
        assertEquals(List.of(), pauses);
    }

    @Test
    void accessDeniedNamesTheParameterAndTheServicesCodeAndMessage() {
        answer(json(
                400,
                "{\"__type\":\"com.amazon.coral.service#AccessDeniedException\",\"Message\":\"User: "
                        + "arn:aws:sts::111122223333:assumed-role/coreos-watch-Watcher/fn is not authorized to perform: ssm:GetParameter "
                        + "on resource: arn:aws:ssm:eu-west-1:111122223333:parameter" + NAME + "\"}"));

        AwsCallException e =
                assertThrows(AwsCallException.class, () -> parameter(session()).read());

        assertEquals("AccessDeniedException", e.code().orElseThrow());
        assertEquals(400, e.status());
        assertTrue(
                e.getMessage()
                        .startsWith("reading the SSM parameter " + NAME
                                + ": SSM GetParameter failed: AccessDeniedException (HTTP 400)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("is not authorized to perform: ssm:GetParameter"), e.getMessage());
        assertEquals(1, requests().size(), "not retried");
        assertNoCredentials(e.getMessage());
    }

    @Test
    void aSignatureErrorQuotingTheCanonicalRequestNeverCarriesTheCredentials() {
        answer(json(
                400,
                "{\"__type\":\"UnrecognizedClientException\",\"message\":\"The security token " + TOKEN
                        + " with secret " + SECRET + " is invalid.\"}"));

        AwsCallException e =
                assertThrows(AwsCallException.class, () -> parameter(session()).read());

        assertEquals("UnrecognizedClientException", e.code().orElseThrow());
        assertNoCredentials(e.getMessage());
        assertTrue(e.getMessage().contains("[redacted]"), e.getMessage());
        ssm.resetAll();
        answer(json(
                400,
                "{\"__type\":\"InvalidSignatureException\",\"message\":\"The request signature we calculated does not match "
                        + "the signature you provided.\\n\\nThe Canonical String for this request should have been\\n'POST\\n/\\n\\n"
                        + "x-amz-security-token:" + TOKEN + "\\n'\\n\"}"));
        AwsCallException signature =
                assertThrows(AwsCallException.class, () -> parameter(session()).read());
        assertEquals("InvalidSignatureException", signature.code().orElseThrow());
        assertNoCredentials(signature.getMessage());
        assertFalse(
                signature.getMessage().contains("Canonical String"), "only the first line: " + signature.getMessage());
    }

    @Test
    void throttlingIsRetriedWithAGrowingPause() {
        ssm.stubFor(post(urlEqualTo("/"))
                .inScenario("throttled")
                .whenScenarioStateIs(STARTED)
                .willReturn(json(400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"))
                .willSetStateTo("again"));
        ssm.stubFor(post(urlEqualTo("/"))
                .inScenario("throttled")
                .whenScenarioStateIs("again")
                .willReturn(json(503, "{\"__type\":\"InternalServerError\"}"))
                .willSetStateTo("ok"));
        ssm.stubFor(post(urlEqualTo("/"))
                .inScenario("throttled")
                .whenScenarioStateIs("ok")
                .willReturn(json(200, found("String", "{\"dispatch\": {\"dry-run\": false}}", 3))));

        ConfigDocument document = parameter(session()).read();

        assertEquals("false", document.top().get("dispatch.dry-run"));
        assertEquals(3, requests().size());
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400)), pauses);
    }

    @Test
    void persistentServerErrorsGiveUpAfterABoundedNumberOfAttempts() {
        answer(json(500, "{\"__type\":\"InternalServerError\",\"message\":\"An internal error occurred\"}"));

        AwsCallException e =
                assertThrows(AwsCallException.class, () -> parameter(session()).read());

        assertEquals(AwsJsonClient.Retries.READS.attempts(), requests().size());
        assertEquals(AwsJsonClient.Retries.READS.attempts() - 1, pauses.size());
        assertEquals(500, e.status());
        assertTrue(
                e.getMessage().contains(NAME)
                        && e.getMessage().contains("InternalServerError (HTTP 500)")
                        && e.getMessage().contains("gave up after 3 attempts"),
                e.getMessage());
    }

    @Test
    void aProxysHtmlPageIsReportedByItsStatus() {
        answer(aResponse()
                .withStatus(502)
                .withHeader("Content-Type", "text/html")
                .withBody("<html><body>Bad Gateway</body></html>"));

        AwsCallException e =
                assertThrows(AwsCallException.class, () -> parameter(session()).read());

        assertTrue(e.code().isEmpty());
        assertTrue(e.getMessage().contains("SSM GetParameter failed: HTTP 502"), e.getMessage());
        assertEquals(AwsJsonClient.Retries.READS.attempts(), requests().size());
    }

    @Test
    void anUnreachableEndpointIsRetriedAndNamed() throws Exception {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        AwsCallException e = assertThrows(
                AwsCallException.class, () -> parameter(session(), closed).read());

        assertEquals(0, e.status());
        assertTrue(e.getMessage().contains(NAME) && e.getMessage().contains("did not answer"), e.getMessage());
        assertEquals(AwsJsonClient.Retries.READS.attempts() - 1, pauses.size());
        assertNoCredentials(e.getMessage());
    }

    @Test
    void aResetConnectionIsRetried() {
        ssm.stubFor(post(urlEqualTo("/"))
                .inScenario("reset")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("ok"));
        ssm.stubFor(post(urlEqualTo("/"))
                .inScenario("reset")
                .whenScenarioStateIs("ok")
                .willReturn(json(200, found("String", "{}", 2))));

        parameter(session()).read();

        assertEquals(2, requests().size());
    }

    @Test
    void noCredentialsIsNamedAndNotRetried() {
        AwsCredentialsProvider none = () -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers");
        };

        AwsCallException e =
                assertThrows(AwsCallException.class, () -> parameter(none).read());

        assertTrue(e.getMessage().contains(NAME) && e.getMessage().contains("no AWS credentials"), e.getMessage());
        assertEquals(0, requests().size());
        assertEquals(List.of(), pauses);
    }

    @Test
    void anOversizedAnswerIsRefusedWithoutRetry() {
        answer(json(200, found("String", "x".repeat(AwsJsonClient.Service.SSM.maxAnswerBytes()), 1)));

        AwsCallException e =
                assertThrows(AwsCallException.class, () -> parameter(session()).read());

        assertTrue(e.getMessage().contains("more than 65536 bytes"), e.getMessage());
        assertEquals(1, requests().size());
    }

    @Test
    void aSecureStringIsRefusedAsTheWrongKindOfParameter() {
        answer(json(200, found("SecureString", "AQICAHh0ciphertext==", 1)));

        ConfigException e =
                assertThrows(ConfigException.class, () -> parameter(session()).read());

        assertEquals("config.parameter", e.key());
        assertTrue(e.getMessage().contains(NAME) && e.getMessage().contains("SecureString"), e.getMessage());
    }

    @Test
    void anAnswerWithoutAValueIsAClearError() {
        answer(json(200, "{\"Parameter\":{\"Name\":\"" + NAME + "\",\"Type\":\"String\",\"Version\":1}}"));

        AwsCallException e =
                assertThrows(AwsCallException.class, () -> parameter(session()).read());

        assertTrue(e.getMessage().contains(NAME) && e.getMessage().contains("Parameter.Value"), e.getMessage());
    }

    @Test
    void primingSignsAndParsesOnACannedTransport() {
        CannedSdkHttpClient canned =
                new CannedSdkHttpClient(Map.of("AmazonSSM.GetParameter", found("String", "{}", 1)));
        AwsJsonClient client = new AwsJsonClient(
                AwsJsonClient.Service.SSM,
                canned,
                basic(),
                Region.US_EAST_1,
                URI.create("https://ssm.us-east-1.amazonaws.com"),
                Clock.systemUTC(),
                pauses::add);

        JsonNode answer = client.call("AmazonSSM.GetParameter", Json.object().put("Name", NAME));

        assertEquals(NAME, answer.path("Parameter").path("Name").textValue());
        assertEquals(List.of("AmazonSSM.GetParameter"), canned.calls());
        assertNull(answer.get("__type"));
    }
}
