package dev.coreoswatch.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.coreoswatch.aws.AwsJsonClient;
import dev.coreoswatch.testing.LoopbackAwsJson;
import dev.coreoswatch.testing.TestClock;
import dev.coreoswatch.upstream.LoopbackHttp;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Token rotation: the token read from a Secrets Manager (WireMock speaking its JSON protocol to the
 * real signed JSON client) lives {@link SecretsManagerGitHubToken#TIME_TO_LIVE}, and a 401 from GitHub
 * reads it again once, so a rotated secret works without waiting for new environments.
 */
class SecretsManagerGitHubTokenTest {
    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:coreos-watch-github-Rt5Ab1";
    private static final String OLD = "ghp_rotatedAwayCanary000001";
    private static final String NEW = "ghp_rotatedInCanary0000002";
    private static final String GET_SECRET_VALUE = "secretsmanager.GetSecretValue";
    private static final String REPO = "/repos/acme/fcos-builds";

    @RegisterExtension
    static WireMockExtension aws = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    @RegisterExtension
    static WireMockExtension github = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    private final TestClock clock = new TestClock(Instant.parse("2026-12-06T07:00:00Z"));
    private SecretsManagerGitHubToken token;

    @BeforeEach
    void wire() {
        Supplier<AwsJsonClient> client = () -> LoopbackAwsJson.client(
                AwsJsonClient.Service.SECRETS_MANAGER,
                URI.create(aws.baseUrl()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDROTATION", "rotation")),
                AwsJsonClient.SLEEP);
        token = new SecretsManagerGitHubToken(
                client, ARN, new LoopbackHttp().http, URI.create(github.baseUrl()), "acme/fcos-builds", clock);
        secretHolds(OLD);
    }

    private static void secretHolds(String value) {
        aws.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(GET_SECRET_VALUE))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"ARN\":\"" + ARN + "\",\"Name\":\"coreos-watch-github\",\"SecretString\":\""
                                + value + "\",\"VersionId\":\"v-" + value.length()
                                + "\",\"CreatedDate\":1.7650032E9}")));
    }

    private static int secretReads() {
        return aws.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(GET_SECRET_VALUE)))
                .size();
    }

    private GitHubApi api() {
        return new GitHubApi(new LoopbackHttp().http, URI.create(github.baseUrl()), token);
    }

    @Test
    void theTokenIsReadAgainAfterItsTimeToLive() {
        assertEquals(OLD, token.get().orElseThrow().value());
        secretHolds(NEW);
        clock.advance(SecretsManagerGitHubToken.TIME_TO_LIVE.minusSeconds(1));
        assertEquals(OLD, token.get().orElseThrow().value(), "within its time to live the value read is used");
        assertEquals(1, secretReads());

        clock.advance(Duration.ofSeconds(1));
        assertEquals(NEW, token.get().orElseThrow().value());
        assertEquals(2, secretReads());
    }

    @Test
    void a401ReadsTheSecretAgainOnceAndRetriesWithTheNewToken() {
        assertEquals(OLD, token.get().orElseThrow().value());
        secretHolds(NEW);
        github.stubFor(get(urlEqualTo(REPO))
                .withHeader("Authorization", equalTo("Bearer " + OLD))
                .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Bad credentials\"}")));
        github.stubFor(get(urlEqualTo(REPO))
                .withHeader("Authorization", equalTo("Bearer " + NEW))
                .willReturn(okJson("{\"id\":1}")));

        assertEquals(200, api().get(REPO).status());

        assertEquals(2, secretReads());
        github.verify(1, getRequestedFor(urlEqualTo(REPO)).withHeader("Authorization", equalTo("Bearer " + OLD)));
        github.verify(1, getRequestedFor(urlEqualTo(REPO)).withHeader("Authorization", equalTo("Bearer " + NEW)));
    }

    @Test
    void a401WithAnUnchangedSecretFailsAfterOneRead() {
        github.stubFor(get(urlEqualTo(REPO))
                .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Bad credentials " + OLD + "\"}")));

        GitHubApiException e = assertThrows(GitHubApiException.class, () -> api().get(REPO));

        assertEquals(401, e.status());
        assertFalse(e.getMessage().contains(OLD), e.getMessage());
        assertEquals(2, secretReads(), "read once at first use, once after the 401");
        github.verify(1, getRequestedFor(urlEqualTo(REPO)));
    }

    /** D1: a secret holding a token no header can carry is refused by name, never shown. */
    @Test
    void aSecretTokenWithALineBreakIsRefusedWithoutShowingIt() {
        secretHolds("ghp_lineCanary\\r\\nX-Injected: 1");

        GitHubCredentialsException e = assertThrows(GitHubCredentialsException.class, token::get);

        assertTrue(
                e.getMessage().contains(ARN) && e.getMessage().contains("cannot go into an HTTP header"),
                e.getMessage());
        assertFalse(e.getMessage().contains("lineCanary") || e.getMessage().contains("X-Injected"), e.getMessage());
        github.verify(0, getRequestedFor(urlEqualTo(REPO)));
    }
}
