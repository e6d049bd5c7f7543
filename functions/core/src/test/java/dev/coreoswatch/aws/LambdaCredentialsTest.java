package dev.coreoswatch.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The two places Lambda puts a function's credentials. The access-key variables cannot be set inside a test JVM;
 * the function tests run the real jars with them. Here: the container endpoint that SnapStart functions get (the
 * SDK reads its system-property twins), and system properties winning over it, as in the SDK's default chain.
 */
class LambdaCredentialsTest {
    private static final String[] PROPERTIES = {
        "aws.containerCredentialsFullUri", "aws.containerAuthorizationToken", "aws.accessKeyId", "aws.secretAccessKey"
    };

    private final WireMockServer endpoint =
            new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    @BeforeEach
    void start() {
        endpoint.start();
    }

    @AfterEach
    void stop() {
        endpoint.stop();
        for (String property : PROPERTIES) {
            System.clearProperty(property);
        }
    }

    @Test
    void aSnapStartFunctionTakesItsCredentialsFromTheContainerEndpointWithItsToken() {
        endpoint.stubFor(get(urlEqualTo("/2018-06-01/credentials"))
                .withHeader("Authorization", equalTo("container-token-for-test"))
                .willReturn(containerCredentials()));
        System.setProperty("aws.containerCredentialsFullUri", endpoint.baseUrl() + "/2018-06-01/credentials");
        System.setProperty("aws.containerAuthorizationToken", "container-token-for-test");

        AwsCredentials credentials = LambdaCredentials.provider().resolveCredentials();

        AwsSessionCredentials session = assertInstanceOf(AwsSessionCredentials.class, credentials);
        assertEquals("ASIACONTAINERTEST000", session.accessKeyId());
        assertEquals("container-session", session.sessionToken());
        endpoint.verify(1, getRequestedFor(urlEqualTo("/2018-06-01/credentials")));
    }

    @Test
    void systemPropertiesComeFirstAndTheEndpointIsNotAsked() {
        System.setProperty("aws.containerCredentialsFullUri", endpoint.baseUrl() + "/2018-06-01/credentials");
        System.setProperty("aws.accessKeyId", "AKIAPROPERTYTEST0000");
        System.setProperty("aws.secretAccessKey", "property-secret");

        assertEquals(
                "AKIAPROPERTYTEST0000",
                LambdaCredentials.provider().resolveCredentials().accessKeyId());
        endpoint.verify(0, getRequestedFor(urlEqualTo("/2018-06-01/credentials")));
    }

    @Test
    void anEndpointThatRefusesIsAnSdkErrorTheSignedCallsReportAsNoCredentials() {
        endpoint.stubFor(get(urlEqualTo("/2018-06-01/credentials"))
                .willReturn(aResponse().withStatus(403).withBody("{\"message\":\"denied\"}")));
        System.setProperty("aws.containerCredentialsFullUri", endpoint.baseUrl() + "/2018-06-01/credentials");

        SdkClientException e = assertThrows(
                SdkClientException.class, () -> LambdaCredentials.provider().resolveCredentials());
        assertTrue(e.getMessage().startsWith("no credentials in the system properties"), e.getMessage());
        assertTrue(e.getMessage().contains("AWS_ACCESS_KEY_ID"), e.getMessage());
    }

    @Test
    void theSourceThatAnsweredLastIsAskedFirstAndAnotherIsFoundWhenItGoesAway() {
        endpoint.stubFor(get(urlEqualTo("/2018-06-01/credentials")).willReturn(containerCredentials()));
        System.setProperty("aws.containerCredentialsFullUri", endpoint.baseUrl() + "/2018-06-01/credentials");
        System.setProperty("aws.accessKeyId", "AKIAPROPERTYTEST0000");
        System.setProperty("aws.secretAccessKey", "property-secret");
        AwsCredentialsProvider provider = LambdaCredentials.provider();
        assertEquals("AKIAPROPERTYTEST0000", provider.resolveCredentials().accessKeyId());

        // As a SnapStart restore loses the access-key variables: the container endpoint answers from then on.
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");

        assertEquals("ASIACONTAINERTEST000", provider.resolveCredentials().accessKeyId());
        assertEquals("ASIACONTAINERTEST000", provider.resolveCredentials().accessKeyId());
        endpoint.verify(1, getRequestedFor(urlEqualTo("/2018-06-01/credentials")));
    }

    /** The container endpoint's answer, as Lambda serves it to a restored SnapStart function. */
    private static ResponseDefinitionBuilder containerCredentials() {
        String expiration = Instant.now()
                .plus(6, ChronoUnit.HOURS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        return aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"AccessKeyId\":\"ASIACONTAINERTEST000\",\"SecretAccessKey\":\"container-secret\","
                        + "\"Token\":\"container-session\",\"Expiration\":\"" + expiration + "\"}");
    }
}
