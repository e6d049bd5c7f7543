package dev.coreoswatch.functiontests;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.coreoswatch.events.BusEvent;
import dev.coreoswatch.events.EventJson;
import dev.coreoswatch.events.Observed;
import dev.coreoswatch.events.ObservedArch;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.testing.LocalRegistry;
import dev.coreoswatch.testing.RegistryExtension;
import dev.coreoswatch.testing.SampleEvents;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The registry inspector's jar against a real docker-registry that wants a password (htpasswd): without
 * {@code REGISTRY_CREDENTIALS_SECRET_ARN} the image is not visible and its first build is required; with it
 * the credentials come from Secrets Manager (read once, at the first request that needs them) and the labels
 * are read; wrong credentials fail the invocation (it is retried, then lands in the dead-letter queue).
 */
class RegistryInspectorCredentialsFunctionTest {
    private static final String BUS = "coreos-watch-e2e-events";
    private static final String REPOSITORY = "acme/custom-coreos";
    private static final String USER = "coreos-watch-reader";
    private static final String PASSWORD = "ghp_CANARYregistryREADpackages0000";
    private static final String SECRET_ARN =
            "arn:aws:secretsmanager:eu-west-1:111122223333:secret:coreos-watch/registry-Rg7pQz";
    private static final String OLDER = "45.20261110.2.1";
    private static final Observed TESTING = new Observed(
            "testing",
            "45.20261124.2.0",
            "2.4.9",
            List.of(new ObservedArch("x86_64", "7.1.2-100.fc45.x86_64", "COMPATIBLE", "4.18-7.1")),
            false,
            Instant.parse("2026-11-24T06:30:02Z"),
            "5d2e8c41-3b7a-4f09-8e6d-2a1c9b0f7e35");

    private static WireMockServer eventBridge;
    private static WireMockServer secretsManager;

    @RegisterExtension
    static final RegistryExtension<LocalRegistry> REGISTRY =
            RegistryExtension.of(() -> LocalRegistry.withBasicAuth(USER, PASSWORD));

    private static final LocalRegistry registry = REGISTRY.get();

    @BeforeAll
    static void start() {
        eventBridge = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        eventBridge.start();
        secretsManager = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        secretsManager.start();
        registry.seed()
                .image(
                        REPOSITORY,
                        "testing",
                        LocalRegistry.Layout.OCI_INDEX,
                        Map.of(Arch.X86_64, Labels.of(OLDER, "2.4.8", "7.0.9-100.fc45.x86_64")))
                .push();
    }

    @AfterAll
    static void stop() {
        if (eventBridge != null) {
            eventBridge.stop();
        }
        if (secretsManager != null) {
            secretsManager.stop();
        }
    }

    @BeforeEach
    void stubs() {
        eventBridge.resetAll();
        secretsManager.resetAll();
        AwsJsonService.acceptPutEvents(eventBridge);
    }

    private static void serveSecret(String username, String password) {
        ObjectNode value = Json.object().put("username", username).put("password", password);
        ObjectNode answer = Json.object()
                .put("ARN", SECRET_ARN)
                .put("Name", "coreos-watch/registry")
                .put("SecretString", value.toString())
                .put("VersionId", "7e0c2a9b-41d3-4c58-9f6a-3b8d1e5c0a24")
                .put("CreatedDate", 1.7950368E9);
        answer.putArray("VersionStages").add("AWSCURRENT");
        secretsManager.stubFor(AwsJsonService.operation(AwsJsonService.GET_SECRET_VALUE)
                .willReturn(AwsJsonService.answer(answer.toString())));
    }

    private static byte[] upstreamObserved() {
        return SampleEvents.envelope("UpstreamObserved", EventJson.write(new BusEvent.UpstreamObserved(TESTING)));
    }

    private static Map<String, String> environment(boolean withSecret) {
        Map<String, String> env = new HashMap<>();
        env.put("TARGET_IMAGE", registry.hostPort() + "/" + REPOSITORY);
        env.put("REGISTRY_PLAIN_HTTP", registry.hostPort());
        env.put("EVENT_BUS_NAME", BUS);
        env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", eventBridge.baseUrl());
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsManager.baseUrl());
        if (withSecret) {
            env.put("REGISTRY_CREDENTIALS_SECRET_ARN", SECRET_ARN);
        }
        return env;
    }

    @Test
    void withoutASecretAnImageNobodyMayReadAnonymouslyGetsItsFirstBuild() {
        FunctionRun run = LambdaFunctions.invoke(LambdaFunctions.INSPECTOR, upstreamObserved(), environment(false));

        JsonNode response = run.response();
        assertEquals("BUILD", response.get("action").textValue(), run.describe());
        assertEquals("BuildRequired", response.get("published").textValue());
        assertTrue(
                response.get("reason").textValue().contains("not visible anonymously"),
                response.get("reason").textValue());
        secretsManager.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void withTheSecretTheLabelsAreReadWithTheCredentialsReadOnce() {
        serveSecret(USER, PASSWORD);

        FunctionRun run = LambdaFunctions.invoke(LambdaFunctions.INSPECTOR, upstreamObserved(), environment(true));

        JsonNode response = run.response();
        assertEquals("BUILD", response.get("action").textValue(), run.describe());
        assertTrue(
                response.get("reason").textValue().contains("carries coreos " + OLDER),
                response.get("reason").textValue());
        List<LoggedRequest> reads = AwsJsonService.requests(secretsManager, AwsJsonService.GET_SECRET_VALUE);
        assertEquals(1, reads.size(), "the secret is read once, when the registry first asks for it");
        assertEquals(
                SECRET_ARN, AwsJsonService.body(reads.get(0)).get("SecretId").textValue());
        assertFalse(run.describe().contains(PASSWORD), "the password reached the function's output");
    }

    @Test
    void withWrongCredentialsTheRefusalFailsTheInvocationAndPublishesNothing() {
        serveSecret(USER, "not-the-password");

        FunctionRun run = LambdaFunctions.invoke(LambdaFunctions.INSPECTOR, upstreamObserved(), environment(true));

        String message = run.thrown().get("errorMessage").textValue();
        assertTrue(message.contains("registry " + registry.hostPort() + " refused " + REPOSITORY), message);
        assertFalse(message.contains("not visible"), message);
        assertFalse(run.describe().contains("not-the-password"), "the password reached the function's output");
        eventBridge.verify(0, anyRequestedFor(anyUrl()));
    }
}
