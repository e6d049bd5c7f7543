package dev.coreoswatch.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.registry.RegistryAuthenticationException;
import dev.coreoswatch.registry.RegistryCredentials;
import dev.coreoswatch.testing.LoopbackAwsJson;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * GetSecretValue signed and sent without the Secrets Manager module, against a WireMock answering as the service
 * does: secrets up to the service's limit of 65,536 bytes are read whole, whatever JSON escaping makes of them; an
 * answer beyond any real one is a clear error; no failure carries the value.
 */
class SecretValueTest {
    private static final String ARN =
            "arn:aws:secretsmanager:eu-west-1:111122223333:secret:coreos-watch-registry-Ab12Cd";
    private static final int LARGEST_SECRET = 65_536;
    private static final String CANARY = "CANARYregistryPASSWORD00000";

    @RegisterExtension
    static WireMockExtension aws = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    private final List<Duration> pauses = new ArrayList<>();

    private AwsJsonClient client() {
        return LoopbackAwsJson.client(
                AwsJsonClient.Service.SECRETS_MANAGER,
                URI.create(aws.baseUrl()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSECRETS", "secrets")),
                pauses::add);
    }

    /** GetSecretValue's answer as the service writes it, the value JSON-escaped by the serializer. */
    private static String found(String secretString) {
        ObjectNode answer = Json.object()
                .put("ARN", ARN)
                .put("Name", "coreos-watch-registry")
                .put("VersionId", "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111")
                .put("SecretString", secretString)
                .put("CreatedDate", 1.7650032E9);
        answer.putArray("VersionStages").add("AWSCURRENT");
        return answer.toString();
    }

    private static void answer(int status, String body) {
        aws.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(body)));
    }

    private static List<LoggedRequest> requests() {
        return aws.findAll(postRequestedFor(urlEqualTo("/")));
    }

    /** A registry secret of exactly the service's largest size: a long password with quotes and backslashes (escaped). */
    private static String largestRegistrySecret() {
        String head = "{\"username\":\"ci-bot\",\"password\":\"";
        String tail = "\"}";
        StringBuilder password = new StringBuilder();
        String chunk = "pa\\\\ss\\\"wo rd-";
        while (head.length() + password.length() + chunk.length() + tail.length() <= LARGEST_SECRET) {
            password.append(chunk);
        }
        password.append("x".repeat(LARGEST_SECRET - head.length() - password.length() - tail.length()));
        return head + password + tail;
    }

    @Test
    void aSecretOfTheLargestSizeIsReadWholeWithOneSignedRequestNamingOnlyTheSecret() {
        String secret = largestRegistrySecret();
        assertEquals(LARGEST_SECRET, secret.getBytes(StandardCharsets.UTF_8).length);
        answer(200, found(secret));

        assertEquals(Optional.of(secret), SecretValue.read(client(), ARN));

        LoggedRequest request = requests().get(0);
        assertEquals(
                Json.object().put("SecretId", ARN),
                Json.parse(request.getBody(), "sent"),
                "the request names the secret and nothing else");
        assertTrue(
                request.getHeader("Authorization").contains("/eu-west-1/secretsmanager/aws4_request"),
                request.getHeader("Authorization"));
    }

    @Test
    void theLargestSecretFitsEvenWhenEveryByteIsEscaped() {
        String secret = "\u0001".repeat(LARGEST_SECRET);
        String body = found(secret);
        assertTrue(body.length() > 6 * LARGEST_SECRET, "each byte written as \\u0001");
        answer(200, body);

        assertEquals(Optional.of(secret), SecretValue.read(client(), ARN));
    }

    @Test
    void anAnswerBeyondAnyRealOneIsAClearErrorWithoutTheValueAndNotRetried() {
        int limit = AwsJsonClient.Service.SECRETS_MANAGER.maxAnswerBytes();
        answer(200, found(CANARY + "x".repeat(limit)));

        AwsCallException e = assertThrows(AwsCallException.class, () -> SecretValue.read(client(), ARN));

        assertEquals(
                "Secrets Manager GetSecretValue answered HTTP 200 with more than " + limit + " bytes", e.getMessage());
        assertEquals(1, requests().size());
        assertEquals(List.of(), pauses);
    }

    @Test
    void aMalformedAnswerIsNeverQuoted() {
        answer(200, "{\"SecretString\":\"" + CANARY + "\", oops");

        AwsCallException e = assertThrows(AwsCallException.class, () -> SecretValue.read(client(), ARN));

        assertFalse(e.getMessage().contains(CANARY), e.getMessage());
        assertTrue(e.getMessage().contains("GetSecretValue's answer is not valid JSON"), e.getMessage());
    }

    @Test
    void aBinarySecretHasNoString() {
        answer(200, "{\"ARN\":\"" + ARN + "\",\"Name\":\"bin\",\"SecretBinary\":\"AAEC\",\"VersionId\":\"v1\"}");

        assertEquals(Optional.empty(), SecretValue.read(client(), ARN));
    }

    @Test
    void registryCredentialsFromTheLargestSecret() {
        answer(200, found(largestRegistrySecret()));

        RegistryCredentials credentials = new SecretsManagerRegistryCredentials(this::client, ARN).get();

        assertEquals("ci-bot", credentials.username());
        assertTrue(credentials.password().value().startsWith("pa\\ss\"wo rd-"));
    }

    @Test
    void aDeniedReadIsARegistryErrorNamingTheSecretAndTheServicesCode() {
        answer(
                400,
                "{\"__type\":\"AccessDeniedException\",\"Message\":\"User: arn:aws:sts::111122223333:assumed-role/x/fn is not "
                        + "authorized to perform: secretsmanager:GetSecretValue on resource: " + ARN + "\"}");

        RegistryAuthenticationException e = assertThrows(
                RegistryAuthenticationException.class,
                () -> new SecretsManagerRegistryCredentials(this::client, ARN).get());

        assertTrue(
                e.getMessage()
                        .startsWith("the registry credentials secret " + ARN
                                + " (registry.credentials-secret-arn) cannot be read: Secrets Manager GetSecretValue failed:"
                                + " AccessDeniedException (HTTP 400)"),
                e.getMessage());
        assertEquals(1, requests().size(), "a denial is not retried");
    }
}
