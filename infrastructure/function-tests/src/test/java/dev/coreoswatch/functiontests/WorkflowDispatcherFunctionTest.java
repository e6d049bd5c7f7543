package dev.coreoswatch.functiontests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.coreoswatch.events.BusEvent;
import dev.coreoswatch.events.EventJson;
import dev.coreoswatch.events.EventType;
import dev.coreoswatch.events.Observed;
import dev.coreoswatch.events.ObservedArch;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.ledger.DynamoDbLedger;
import dev.coreoswatch.ledger.LedgerEntry;
import dev.coreoswatch.ledger.LedgerKey;
import dev.coreoswatch.ledger.LedgerStatus;
import dev.coreoswatch.model.ImageLabels;
import dev.coreoswatch.testing.Dynalite;
import dev.coreoswatch.testing.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The workflow dispatcher's jar under the real runtime: the token comes from a Secrets Manager secret (a token or
 * a GitHub App), the claim from the DynamoDB ledger on dynalite, the dispatch goes to a GitHub WireMock.
 */
class WorkflowDispatcherFunctionTest {
    private static final String BUS = "coreos-watch-e2e-events";
    private static final String TARGET = "ghcr.io/acme/custom-coreos";
    private static final String REPOSITORY = "acme/fcos-builds";
    private static final String DISPATCHES = "/repos/" + REPOSITORY + "/actions/workflows/build.yaml/dispatches";
    private static final String SECRET_ARN =
            "arn:aws:secretsmanager:eu-west-1:111122223333:secret:coreos-watch/github-Qx7pLm";
    private static final long RUN_ID = 19_482_230_561L;

    private static final Observed OBSERVED = new Observed(
            "next",
            "46.20261201.1.0",
            "2.5.2",
            List.of(
                    new ObservedArch("x86_64", "7.2.6-200.fc46.x86_64", "COMPATIBLE", "5.10-7.3"),
                    new ObservedArch("aarch64", null, "UNKNOWN", "5.10-7.3")),
            false,
            Instant.parse("2026-12-02T04:00:03Z"),
            "5b0e9a61-c2d7-4f38-8a1e-7d6c3b2f9e04");
    private static final String REASON =
            "linux/amd64 of " + TARGET + ":next carries coreos 46.20261117.1.0; linux/arm64 is missing";
    /** What the build workflow must receive for {@link #OBSERVED} (docs/contract.md section 6). */
    private static final String DISPATCH_BODY = """
            {"ref": "main", "return_run_details": true, "inputs": {
              "stream": "next", "coreos_version": "46.20261201.1.0", "zfs_version": "2.5.2",
              "kernel_versions": "x86_64=7.2.6-200.fc46.x86_64,aarch64=unknown", "platforms": "linux/amd64,linux/arm64",
              "reason": "%s", "image": "%s", "tag": "next"}}""".formatted(REASON, TARGET);

    private static Dynalite dynalite;
    private static WireMockServer github;
    private static WireMockServer secretsManager;
    private static WireMockServer eventBridge;
    private String table;

    @BeforeAll
    static void start() throws Exception {
        dynalite = Dynalite.start();
        github = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        secretsManager = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        eventBridge = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        github.start();
        secretsManager.start();
        eventBridge.start();
    }

    @AfterAll
    static void stop() {
        for (WireMockServer server : new WireMockServer[] {github, secretsManager, eventBridge}) {
            if (server != null) {
                server.stop();
            }
        }
        if (dynalite != null) {
            dynalite.close();
        }
    }

    @BeforeEach
    void fresh() {
        github.resetAll();
        secretsManager.resetAll();
        eventBridge.resetAll();
        AwsJsonService.acceptPutEvents(eventBridge);
        github.stubFor(get(urlPathEqualTo("/repos/" + REPOSITORY + "/actions/workflows/build.yaml/runs"))
                .willReturn(okJson("{\"total_count\":0,\"workflow_runs\":[]}")));
        table = "coreos-watch-ledger-" + UUID.randomUUID();
        dynalite.createTable(DynamoDbLedger.tableDefinition(table));
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("TARGET_IMAGE", TARGET);
        env.put("GITHUB_API_URL", github.baseUrl());
        env.put("GITHUB_WORKFLOW_REPOSITORY", REPOSITORY);
        env.put("GITHUB_TOKEN_SECRET_ARN", SECRET_ARN);
        env.put("DISPATCH_DRY_RUN", "false");
        env.put("LEDGER_TABLE", table);
        env.put("EVENT_BUS_NAME", BUS);
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString());
        // The SDK's variable is named after the service id "Secrets Manager": with the underscore.
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsManager.baseUrl());
        env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", eventBridge.baseUrl());
        return env;
    }

    private static byte[] buildRequired() {
        Map<String, ImageLabels> existing = new LinkedHashMap<>();
        existing.put("x86_64", new ImageLabels("46.20261117.1.0", "2.5.2", "7.2.4-200.fc46.x86_64"));
        existing.put("aarch64", null);
        return SampleEvents.envelope(
                "BuildRequired",
                EventJson.write(new BusEvent.BuildRequired(OBSERVED, REASON, List.of("x86_64", "aarch64"), existing)));
    }

    /** Secrets Manager's GetSecretValue answer for {@link #SECRET_ARN}. */
    private static void serveSecret(String secretString) {
        ObjectNode answer = Json.object()
                .put("ARN", SECRET_ARN)
                .put("Name", "coreos-watch/github")
                .put("SecretString", secretString)
                .put("VersionId", "0b7c5d1e-93a4-4f2b-a6e8-1c9d0f3b2a57")
                .put("CreatedDate", 1.7950368E9);
        answer.putArray("VersionStages").add("AWSCURRENT");
        secretsManager.stubFor(AwsJsonService.operation(AwsJsonService.GET_SECRET_VALUE)
                .willReturn(AwsJsonService.answer(answer.toString())));
    }

    private static String randomToken(String prefix) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder token = new StringBuilder(prefix);
        for (int i = 0; i < 36; i++) {
            token.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return token.toString();
    }

    private LedgerEntry ledgerEntry() {
        return new DynamoDbLedger(dynalite.client(), table)
                .find(LedgerKey.of(TARGET, OBSERVED.stream(), OBSERVED.coreosVersion(), OBSERVED.zfsVersion()))
                .orElseThrow(() -> new AssertionError("no ledger entry for the combination"));
    }

    private String ledgerDump() {
        try (DynamoDbClient client = dynalite.client()) {
            return client.scan(b -> b.tableName(table)).items().toString();
        }
    }

    /** The secret appears nowhere it could be read later: logs, answer, events, ledger. */
    private void assertNowhere(String secret, FunctionRun... runs) {
        for (FunctionRun run : runs) {
            assertFalse(run.log().contains(secret), "the child's output shows the secret");
            assertFalse(
                    run.answer() != null && run.answer().bodyText().contains(secret), "the answer shows the secret");
        }
        for (LoggedRequest put : AwsJsonService.requests(eventBridge, AwsJsonService.PUT_EVENTS)) {
            assertFalse(put.getBodyAsString().contains(secret), "an event carries the secret");
        }
        assertFalse(ledgerDump().contains(secret), "the ledger holds the secret");
    }

    @Test
    void dispatchesOnceWithTheSecretsTokenAndASecondDeliveryFindsTheRunInFlight() {
        String token = randomToken("ghp_");
        serveSecret(token);
        github.stubFor(post(urlPathEqualTo(DISPATCHES))
                .willReturn(okJson("{\"workflow_run_id\":" + RUN_ID
                        + ",\"run_url\":\"https://api.github.com/repos/" + REPOSITORY + "/actions/runs/" + RUN_ID
                        + "\",\"html_url\":\"" + runUrl() + "\"}")));
        github.stubFor(get(urlPathEqualTo("/repos/" + REPOSITORY + "/actions/runs/" + RUN_ID))
                .willReturn(okJson("{\"id\":" + RUN_ID
                        + ",\"name\":\"build\",\"display_title\":\"build next 46.20261201.1.0 zfs 2.5.2\","
                        + "\"event\":\"workflow_dispatch\",\"status\":\"in_progress\",\"conclusion\":null,"
                        + "\"html_url\":\"" + runUrl() + "\",\"run_attempt\":1}")));

        FunctionRun first = LambdaFunctions.invoke(LambdaFunctions.DISPATCHER, buildRequired(), environment());

        JsonNode answer = first.response();
        assertEquals("BUILD", answer.get("action").textValue(), first.describe());
        assertEquals("DISPATCHED", answer.get("dispatch").textValue());
        assertEquals(RUN_ID, answer.get("runId").longValue());
        assertEquals(runUrl(), answer.get("runUrl").textValue());
        assertEquals(OBSERVED.correlationId(), answer.get("correlationId").textValue());
        github.verify(1, postRequestedFor(urlPathEqualTo(DISPATCHES)));
        github.verify(postRequestedFor(urlPathEqualTo(DISPATCHES))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .withRequestBody(equalToJson(DISPATCH_BODY)));
        List<LoggedRequest> reads = AwsJsonService.requests(secretsManager, AwsJsonService.GET_SECRET_VALUE);
        assertEquals(1, reads.size(), "the secret is read once per environment");
        assertEquals(
                SECRET_ARN, AwsJsonService.body(reads.get(0)).get("SecretId").textValue());

        List<JsonNode> entries = AwsJsonService.putEventsEntries(eventBridge);
        assertEquals(1, entries.size());
        assertEquals("BuildDispatched", entries.get(0).get("DetailType").textValue());
        assertEquals("coreos-watch", entries.get(0).get("Source").textValue());
        assertEquals(BUS, entries.get(0).get("EventBusName").textValue());
        ContractShapes.assertEventDetail("BuildDispatched", AwsJsonService.detail(entries.get(0)));
        BusEvent.BuildDispatched dispatched = (BusEvent.BuildDispatched)
                EventJson.read(EventType.BuildDispatched, AwsJsonService.detail(entries.get(0)));
        assertEquals(RUN_ID, dispatched.runId());
        assertEquals(runUrl(), dispatched.runUrl());
        assertEquals(OBSERVED, dispatched.observed());
        assertEquals(REASON, dispatched.required().reason());
        assertEquals(List.of("x86_64", "aarch64"), dispatched.required().missing());

        LedgerEntry claim = ledgerEntry();
        assertEquals(LedgerStatus.DISPATCHED, claim.status());
        assertEquals(RUN_ID, claim.runId());
        assertEquals(OBSERVED.correlationId(), claim.correlationId());

        // EventBridge delivers at least once: the same event again, in a fresh environment.
        FunctionRun second = LambdaFunctions.invoke(LambdaFunctions.DISPATCHER, buildRequired(), environment());

        JsonNode again = second.response();
        assertEquals("IN_FLIGHT", again.get("action").textValue(), second.describe());
        assertEquals("NONE", again.get("dispatch").textValue());
        assertEquals(RUN_ID, again.get("runId").longValue());
        assertTrue(again.get("reason").textValue().contains("run " + RUN_ID + " is in_progress"), again.toString());
        github.verify(1, postRequestedFor(urlPathEqualTo(DISPATCHES)));
        assertEquals(1, AwsJsonService.putEventsEntries(eventBridge).size(), "nothing new on the bus");
        assertEquals(claim, ledgerEntry(), "the redelivery changes nothing in the ledger");

        assertNowhere(token, first, second);
    }

    @Test
    void aGitHubAppSecretIsExchangedForAnInstallationTokenThatMakesTheDispatch() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        String pemBody = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getPrivate().getEncoded());
        String pem = "-----BEGIN PRIVATE KEY-----\n" + pemBody + "\n-----END PRIVATE KEY-----\n";
        serveSecret(Json.object()
                .put("app_id", 913452)
                .put("installation_id", 61230987L)
                .put("private_key", pem)
                .toString());
        String installationToken = randomToken("ghs_");
        github.stubFor(
                post(urlPathEqualTo("/app/installations/61230987/access_tokens"))
                        .willReturn(
                                aResponse()
                                        .withStatus(201)
                                        .withHeader("Content-Type", "application/json; charset=utf-8")
                                        .withBody(
                                                "{\"token\":\"" + installationToken + "\",\"expires_at\":\""
                                                        + Instant.now()
                                                                .plus(1, ChronoUnit.HOURS)
                                                                .truncatedTo(ChronoUnit.SECONDS)
                                                        + "\",\"permissions\":{\"actions\":\"write\",\"metadata\":\"read\"},\"repository_selection\":\"selected\"}")));
        // Without return_run_details support (an older GitHub Enterprise Server) the answer is a bare 204.
        github.stubFor(post(urlPathEqualTo(DISPATCHES)).willReturn(aResponse().withStatus(204)));

        FunctionRun run = LambdaFunctions.invoke(LambdaFunctions.DISPATCHER, buildRequired(), environment());

        JsonNode answer = run.response();
        assertEquals("DISPATCHED", answer.get("dispatch").textValue(), run.describe());
        assertNull(answer.get("runId"));
        github.verify(1, postRequestedFor(urlPathEqualTo(DISPATCHES)));
        github.verify(postRequestedFor(urlPathEqualTo(DISPATCHES))
                .withHeader("Authorization", equalTo("Bearer " + installationToken))
                .withRequestBody(equalToJson(DISPATCH_BODY)));

        List<LoggedRequest> exchanges =
                github.findAll(postRequestedFor(urlPathEqualTo("/app/installations/61230987/access_tokens")));
        assertEquals(1, exchanges.size());
        JsonNode scope = Json.parse(exchanges.get(0).getBody(), "token request");
        assertEquals("fcos-builds", scope.get("repositories").get(0).textValue());
        assertEquals(1, scope.get("repositories").size());
        assertEquals("write", scope.get("permissions").get("actions").textValue());
        String jwt = exchanges.get(0).getHeader("Authorization").substring("Bearer ".length());
        String[] parts = jwt.split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key.getPublic());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])), "the JWT is signed with the app's key");
        JsonNode claims = Json.parse(Base64.getUrlDecoder().decode(parts[1]), "JWT claims");
        assertEquals(913452, claims.get("iss").intValue());

        assertEquals(
                "BuildDispatched",
                AwsJsonService.putEventsEntries(eventBridge)
                        .get(0)
                        .get("DetailType")
                        .textValue());
        assertEquals(LedgerStatus.DISPATCHED, ledgerEntry().status());
        assertNowhere(installationToken, run);
        assertNowhere(pemBody.lines().skip(1).findFirst().orElseThrow(), run); // a whole line of the key
        assertNowhere(jwt, run);
    }

    /** GitHub is the stub at its root here, so a run's page is {@code <root>/<owner>/<repo>/actions/runs/<id>} (issue 13, D2). */
    private static String runUrl() {
        return github.baseUrl() + "/" + REPOSITORY + "/actions/runs/" + RUN_ID;
    }
}
