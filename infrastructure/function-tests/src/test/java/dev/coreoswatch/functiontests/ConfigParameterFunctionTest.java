package dev.coreoswatch.functiontests;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.coreoswatch.events.BusEvent;
import dev.coreoswatch.events.EventJson;
import dev.coreoswatch.events.EventType;
import dev.coreoswatch.events.Observed;
import dev.coreoswatch.events.ObservedArch;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.ledger.DynamoDbLedger;
import dev.coreoswatch.model.ImageLabels;
import dev.coreoswatch.testing.Dynalite;
import dev.coreoswatch.testing.LocalRegistry;
import dev.coreoswatch.testing.RegistryExtension;
import dev.coreoswatch.testing.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The configuration document from SSM (issue 11 point 2, CONTRACT 2b): every function reads
 * {@code CONFIG_PARAMETER} at every invocation through the SDK, so a parameter changed between two
 * invocations of one warm environment counts at the second; a two-target document fans out.
 * SSM, EventBridge and GitHub are WireMock servers speaking their real protocols; the ledger is
 * dynalite.
 */
class ConfigParameterFunctionTest {
    private static final String PARAMETER = "/coreos-watch-e2e/config";
    private static final String BUS = "coreos-watch-e2e-events";
    private static final String REPO_A = "acme/builds-a";
    private static final String REPO_B = "acme/builds-b";

    private static WireMockServer aws; // SSM and EventBridge: both JSON 1.1 on POST /
    private static WireMockServer github;
    private static WireMockServer fcos;
    private static Dynalite dynalite;

    @RegisterExtension
    static final RegistryExtension<LocalRegistry> REGISTRY = RegistryExtension.of(LocalRegistry::anonymous);

    private static final LocalRegistry registry = REGISTRY.get();

    @BeforeAll
    static void start() throws Exception {
        aws = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        github = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        fcos = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        aws.start();
        github.start();
        fcos.start();
        dynalite = Dynalite.start();
    }

    @AfterAll
    static void stop() {
        for (WireMockServer server : new WireMockServer[] {aws, github, fcos}) {
            if (server != null) {
                server.stop();
            }
        }
        if (dynalite != null) {
            dynalite.close();
        }
    }

    private static Map<String, String> environment(String table) {
        Map<String, String> env = new HashMap<>();
        env.put("CONFIG_PARAMETER", PARAMETER);
        env.put("EVENT_BUS_NAME", BUS);
        env.put("GITHUB_TOKEN", "ghp_CANARY0config0parameter0token000000");
        env.put("AWS_ENDPOINT_URL_SSM", aws.baseUrl());
        env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", aws.baseUrl());
        if (table != null) {
            env.put("LEDGER_TABLE", table);
            env.put("AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString());
        }
        return env;
    }

    /** Two targets, each with its own image and workflow repository; {@code extra} goes into target b. */
    private static String twoTargets(boolean dryRun, String extra) {
        return """
                {"coreos": {"streams": ["stable"], "metadata-url": "%s", "image": "%s/fedora/fedora-coreos"},
                 "github": {"api-url": "%s"},
                 "registry": {"plain-http": "%s"},
                 "dispatch": {"dry-run": %s},
                 "targets": [
                   {"name": "a", "target": {"image": "ghcr.io/acme/coreos-a"}, "github": {"workflow": {"repository": "%s"}}},
                   {"name": "b", "target": {"image": "ghcr.io/acme/coreos-b"}, "github": {"workflow": {"repository": "%s"}}%s}
                 ]}""".formatted(
                        fcos.baseUrl(),
                        registry.hostPort(),
                        github.baseUrl(),
                        registry.hostPort(),
                        dryRun,
                        REPO_A,
                        REPO_B,
                        extra);
    }

    private static byte[] buildRequired(String target, String image) {
        Observed observed = new Observed(
                "next",
                "46.20261201.1.0",
                "2.5.2",
                List.of(new ObservedArch("x86_64", "7.2.6-200.fc46.x86_64", "COMPATIBLE", "5.10-7.3")),
                false,
                Instant.parse("2026-12-02T04:00:03Z"),
                UUID.randomUUID().toString(),
                null,
                target,
                image);
        Map<String, ImageLabels> existing = new LinkedHashMap<>();
        existing.put("x86_64", null);
        return SampleEvents.envelope(
                "BuildRequired",
                EventJson.write(new BusEvent.BuildRequired(
                        observed, "linux/amd64 of " + image + ":next is missing", List.of("x86_64"), existing)));
    }

    private static String dispatches(String repository) {
        return "/repos/" + repository + "/actions/workflows/build.yaml/dispatches";
    }

    @Test
    void theDispatcherReadsTheParameterAtEveryInvocationAndDispatchesToEachTargetsRepository() {
        aws.resetAll();
        String table = "coreos-watch-ledger-" + UUID.randomUUID();
        dynalite.createTable(DynamoDbLedger.tableDefinition(table));
        github.resetAll();
        for (String repository : List.of(REPO_A, REPO_B)) {
            github.stubFor(get(urlPathEqualTo("/repos/" + repository + "/actions/workflows/build.yaml/runs"))
                    .willReturn(okJson("{\"total_count\":0,\"workflow_runs\":[]}")));
            github.stubFor(post(urlPathEqualTo(dispatches(repository)))
                    .willReturn(okJson("{\"workflow_run_id\":7,"
                            + "\"run_url\":\"https://api.github.com/repos/" + repository + "/actions/runs/7\","
                            + "\"html_url\":\"https://github.com/" + repository + "/actions/runs/7\"}")));
        }
        List<byte[]> events = List.of(
                buildRequired("a", "ghcr.io/acme/coreos-a"),
                buildRequired("a", "ghcr.io/acme/coreos-a"),
                buildRequired("b", "ghcr.io/acme/coreos-b"));
        List<Integer> postsBefore = new ArrayList<>();

        List<FunctionRun> runs = LambdaFunctions.invokeWarm(
                LambdaFunctions.DISPATCHER,
                events,
                i -> {
                    // First invocation: dry run on. Then the operator turns it off, without a deployment.
                    AwsJsonService.serveParameter(aws, PARAMETER, twoTargets(i == 0, ""), i == 0 ? 1 : 2);
                    postsBefore.add(github.findAll(postRequestedFor(urlPathEqualTo(dispatches(REPO_A))))
                            .size());
                },
                environment(table));

        assertEquals(3, runs.size(), () -> runs.get(runs.size() - 1).describe());
        assertEquals(
                "DRY_RUN",
                runs.get(0).response().get("dispatch").textValue(),
                runs.get(0).describe());
        assertEquals(
                "DISPATCHED",
                runs.get(1).response().get("dispatch").textValue(),
                runs.get(1).describe());
        assertEquals(
                "DISPATCHED",
                runs.get(2).response().get("dispatch").textValue(),
                runs.get(2).describe());
        assertEquals(List.of(0, 0, 1), postsBefore, "no POST in the dry run, one once the parameter said so");
        assertEquals(
                1,
                github.findAll(postRequestedFor(urlPathEqualTo(dispatches(REPO_A))))
                        .size());
        assertEquals(
                1,
                github.findAll(postRequestedFor(urlPathEqualTo(dispatches(REPO_B))))
                        .size(),
                "target b: its own repository");
        assertEquals(
                3,
                AwsJsonService.requests(aws, AwsJsonService.GET_PARAMETER).size(),
                "one GetParameter per invocation");
        // One metrics document per invocation, under the target of its event.
        List<JsonNode> metrics = metricDocuments(runs.get(0));
        assertEquals(
                List.of("a", "a", "b"),
                metrics.stream().map(d -> d.get("Target").textValue()).toList());
        assertEquals(
                List.of(0, 1, 1),
                metrics.stream().map(d -> d.get("Dispatched").intValue()).toList());
    }

    @Test
    void aScheduledRunOverTwoTargetsPublishesPerTargetAndABlockedVersionHoldsAtTheNextRun() {
        aws.resetAll();
        fcos.resetAll();
        github.resetAll();
        Upstream.serveFcos(fcos);
        Upstream.serveOpenZfs(github);
        byte[] scheduled = LambdaFunctions.sampleEvent("scheduled-run.json");

        List<FunctionRun> runs = LambdaFunctions.invokeWarm(
                LambdaFunctions.WATCHER,
                List.of(scheduled, scheduled),
                i -> {
                    String block = i == 0 ? "" : ", \"coreos\": {\"blocked-versions\": [\"" + Upstream.STABLE + "\"]}";
                    AwsJsonService.serveParameter(aws, PARAMETER, twoTargets(true, block), i + 1);
                },
                environment(null));

        assertEquals(2, runs.size(), () -> runs.get(runs.size() - 1).describe());
        assertEquals(
                List.of("a/stable/UpstreamObserved", "b/stable/UpstreamObserved"),
                published(runs.get(0)),
                runs.get(0).describe());
        assertEquals(
                List.of("a/stable/UpstreamObserved", "b/stable/BuildHeld"),
                published(runs.get(1)),
                runs.get(1).describe());
        List<JsonNode> entries = AwsJsonService.putEventsEntries(aws);
        assertEquals(4, entries.size());
        for (JsonNode entry : entries) {
            JsonNode detail = AwsJsonService.detail(entry);
            ContractShapes.assertEventDetail(entry.get("DetailType").textValue(), detail);
            assertEquals(
                    "ghcr.io/acme/coreos-" + detail.get("target").textValue(),
                    detail.get("targetImage").textValue());
        }
        BusEvent held = EventJson.read(EventType.BuildHeld, AwsJsonService.detail(entries.get(3)));
        assertTrue(
                ((BusEvent.BuildHeld) held).reason().contains(Upstream.STABLE), ((BusEvent.BuildHeld) held).reason());
        // One metrics document per target and run, each with its own counts: b's hold is b's alone.
        List<JsonNode> metrics = metricDocuments(runs.get(0));
        assertEquals(
                List.of("a", "b", "a", "b"),
                metrics.stream().map(d -> d.get("Target").textValue()).toList());
        assertEquals(
                List.of(1, 1, 1, 1),
                metrics.stream().map(d -> d.get("StreamsChecked").intValue()).toList());
        assertEquals(
                List.of(0, 0, 0, 1),
                metrics.stream().map(d -> d.get("Held").intValue()).toList());
        for (JsonNode doc : metrics) {
            assertEquals(
                    "[[\"Function\",\"Target\"]]",
                    doc.get("_aws")
                            .get("CloudWatchMetrics")
                            .get(0)
                            .get("Dimensions")
                            .toString());
        }
        // Upstream once per run for both targets: one stream document per run (the second a revalidation).
        assertEquals(
                2,
                fcos.findAll(WireMock.getRequestedFor(urlPathEqualTo("/streams/stable.json")))
                        .size());
    }

    @Test
    void aMissingParameterFailsTheInvocationNamingIt() {
        aws.resetAll();
        AwsJsonService.parameterNotFound(aws);

        FunctionRun run = LambdaFunctions.invoke(
                LambdaFunctions.DISPATCHER, buildRequired("a", "ghcr.io/acme/coreos-a"), environment(null));

        JsonNode thrown = run.thrown();
        assertNotNull(thrown, run.describe());
        assertTrue(thrown.get("errorMessage").textValue().contains(PARAMETER), run.describe());
    }

    /** The EMF documents the function wrote to stdout (the log of a warm environment holds every invocation's). */
    private static List<JsonNode> metricDocuments(FunctionRun run) {
        return run.log()
                .lines()
                .filter(l -> l.startsWith("{\"_aws\""))
                .map(l -> Json.parse(l.getBytes(StandardCharsets.UTF_8), "EMF document"))
                .toList();
    }

    private static List<String> published(FunctionRun run) {
        List<String> out = new ArrayList<>();
        run.response()
                .get("published")
                .forEach(p -> out.add(
                        p.get("target").textValue() + "/" + p.get("stream").textValue() + "/"
                                + p.get("detailType").textValue()));
        return out;
    }
}
