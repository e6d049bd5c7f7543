package dev.coreoswatch.functions.dispatcher;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.coreoswatch.config.ConfigSource;
import dev.coreoswatch.config.WatchConfig;
import dev.coreoswatch.events.EventJson;
import dev.coreoswatch.invocation.DispatchFailedException;
import dev.coreoswatch.invocation.DispatcherService;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.ledger.DynamoDbLedger;
import dev.coreoswatch.notify.NotificationStateTable;
import dev.coreoswatch.notify.Notifier;
import dev.coreoswatch.notify.SnsTopic;
import dev.coreoswatch.testing.Dynalite;
import dev.coreoswatch.testing.SampleEvents;
import dev.coreoswatch.testing.SnsStub;
import dev.coreoswatch.upstream.LoopbackHttp;
import dev.coreoswatch.wiring.Components;
import dev.coreoswatch.wiring.FunctionSetup;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The dispatcher's handler with the logging the function ships (functions/json-logging): every
 * stdout line is one JSON object, the log lines carry the event's correlation id and Lambda's
 * request id, the metrics document is one of those lines, and the GitHub token (a canary) is in
 * no line, no notification and no response.
 */
class WorkflowDispatcherHandlerLoggingTest {
    private static final String TOKEN = "ghs_CANARY0handler0json0logging0token00";
    private static final String REQUEST_ID = "8f5e2c1a-4b3d-4e6f-9a7b-0c1d2e3f4a5b";
    private static final String DISPATCHES = "/repos/acme/fcos-builds/actions/workflows/build.yaml/dispatches";
    private static Dynalite dynalite;
    private static WireMockServer github;
    private static SnsStub sns;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;
    private String table;

    @BeforeAll
    static void start() throws IOException {
        dynalite = Dynalite.start();
        github = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        github.start();
        sns = new SnsStub();
    }

    @AfterAll
    static void stop() {
        sns.close();
        github.stop();
        dynalite.close();
    }

    @BeforeEach
    void capture() {
        github.resetAll();
        sns.reset();
        github.stubFor(get(urlPathEqualTo("/repos/acme/fcos-builds/actions/workflows/build.yaml/runs"))
                .willReturn(okJson("{\"total_count\":0,\"workflow_runs\":[]}")));
        table = "ledger-" + UUID.randomUUID();
        dynalite.createTable(DynamoDbLedger.tableDefinition(table));
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private WorkflowDispatcherHandler handler() {
        WatchConfig config = WatchConfig.load(ConfigSource.of(Map.of(
                "target.image",
                "ghcr.io/acme/custom-coreos",
                "github.api-url",
                github.baseUrl(),
                "github.token",
                TOKEN,
                "github.workflow.repository",
                "acme/fcos-builds",
                "ledger.table",
                table,
                "events.bus-name",
                "coreos-watch-events",
                "notify.topic-arn",
                SnsStub.TOPIC_ARN)));
        Notifier notifier = new Notifier(
                new NotificationStateTable(dynalite.client(), table, "ghcr.io/acme/custom-coreos"),
                new SnsTopic(sns.client(), SnsStub.TOPIC_ARN),
                Clock.systemUTC());
        FunctionSetup setup = new FunctionSetup(
                        config, new Components(config, new LoopbackHttp().http, Clock.systemUTC()), () -> events -> {})
                .withNotifier(notifier);
        return new WorkflowDispatcherHandler(
                new DispatcherService(setup, () -> new DynamoDbLedger(dynalite.client(), table)));
    }

    private static byte[] invoke(WorkflowDispatcherHandler handler) throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        byte[] event = SampleEvents.envelope("BuildRequired", EventJson.write(SampleEvents.required()));
        handler.handleRequest(new ByteArrayInputStream(event), response, new TestContext());
        return response.toByteArray();
    }

    private List<JsonNode> lines() {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : stdout.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                JsonNode node = Json.parse(line.getBytes(StandardCharsets.UTF_8), "stdout line");
                assertTrue(node.isObject(), line);
                lines.add(node);
            }
        }
        return lines;
    }

    private void assertNoToken(byte[] response) {
        for (String text : List.of(
                stdout.toString(StandardCharsets.UTF_8),
                stderr.toString(StandardCharsets.UTF_8),
                new String(response, StandardCharsets.UTF_8),
                sns.published().toString())) {
            assertFalse(text.contains(TOKEN), "the token leaked: " + text);
        }
    }

    @Test
    void aDispatchLogsJsonLinesWithBothIdsAndOneMetricsDocument() throws IOException {
        github.stubFor(
                post(urlPathEqualTo(DISPATCHES))
                        .willReturn(
                                okJson(
                                        "{\"workflow_run_id\":81234567,\"html_url\":\"https://github.com/acme/fcos-builds/actions/runs/81234567\"}")));

        byte[] response = invoke(handler());

        List<JsonNode> lines = lines();
        List<JsonNode> logs = lines.stream().filter(l -> l.has("level")).toList();
        List<JsonNode> metrics = lines.stream().filter(l -> l.has("_aws")).toList();
        assertEquals(
                lines.size(), logs.size() + metrics.size(), "only log lines and metrics documents on stdout: " + lines);
        assertFalse(logs.isEmpty());
        for (JsonNode log : logs) {
            assertEquals(
                    SampleEvents.OBSERVED.correlationId(),
                    log.path("correlationId").textValue(),
                    log.toString());
            assertEquals(REQUEST_ID, log.path("requestId").textValue(), log.toString());
        }
        JsonNode decision = logs.stream()
                .filter(l -> "dev.coreoswatch.invocation.DispatcherService"
                        .equals(l.get("logger").textValue()))
                .findFirst()
                .orElseThrow();
        assertEquals("next", decision.get("stream").textValue());
        assertEquals("DISPATCHED", decision.get("dispatch").textValue());
        assertTrue(
                decision.get("evidence").isArray() && decision.get("evidence").size() > 0, decision.toString());
        assertEquals(1, metrics.size());
        assertEquals("workflow-dispatcher", metrics.get(0).get("Function").textValue());
        assertEquals(1, metrics.get(0).get("Dispatched").intValue());
        assertEquals(1, metrics.get(0).get("NotificationsSent").intValue());
        assertEquals(
                SampleEvents.OBSERVED.correlationId(),
                metrics.get(0).get("correlationId").textValue());
        assertNull(MDC.get("requestId"), "the request id ends with the invocation");
        assertNull(MDC.get("correlationId"), "the correlation id ends with the invocation");
        assertNoToken(response);
    }

    @Test
    void aRejectedTokenIsLoggedAndAnnouncedWithoutTheToken() {
        github.stubFor(
                post(urlPathEqualTo(DISPATCHES))
                        .willReturn(
                                aResponse()
                                        .withStatus(401)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}")));

        assertThrows(DispatchFailedException.class, () -> invoke(handler()));

        List<JsonNode> lines = lines();
        assertTrue(
                lines.stream()
                        .anyMatch(l -> l.path("message").textValue() != null
                                && l.path("message").textValue().contains("401")),
                lines.toString());
        assertEquals(
                1,
                lines.stream()
                        .filter(l -> l.has("_aws"))
                        .findFirst()
                        .orElseThrow()
                        .get("DispatchErrors")
                        .intValue());
        assertTrue(sns.published().get(0).message().contains("401"));
        assertNoToken(new byte[0]);
    }

    /** What the Lambda runtime hands the handler; only the request id matters here. */
    private static final class TestContext implements Context {
        @Override
        public String getAwsRequestId() {
            return REQUEST_ID;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/coreos-watch/workflow-dispatcher";
        }

        @Override
        public String getLogStreamName() {
            return "2026/09/03/[live]0123456789abcdef";
        }

        @Override
        public String getFunctionName() {
            return "coreos-watch-WorkflowDispatcherFunction-AbC123";
        }

        @Override
        public String getFunctionVersion() {
            return "7";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:eu-west-1:111122223333:function:coreos-watch-WorkflowDispatcherFunction-AbC123:live";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 110_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 256;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}
