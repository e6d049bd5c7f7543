package dev.coreoswatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.events.BusEvent;
import dev.coreoswatch.events.EventJson;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.local.FunctionDefinition;
import dev.coreoswatch.local.SamTemplate;
import dev.coreoswatch.testing.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The floor and the three functions of template.yaml, each with the event that makes it do its real first invocation. */
final class Cases {
    static final String FLOOR = "floor";
    static final String FLOOR_HANDLER = "dev.coreoswatch.bench.floor.FloorHandler::handleRequest";
    /** Only what the functions build: the DynamoDB client, the signer and credentials of their own AWS calls. */
    static final String FLOOR_DYNAMODB = "floor-dynamodb";

    static final String FLOOR_DYNAMODB_HANDLER = "dev.coreoswatch.bench.floor.DynamoDbFloorHandler::handleRequest";

    private Cases() {}

    static List<FunctionCase> all(Path template, Path floorJar, BenchServers servers) {
        SamTemplate sam = SamTemplate.load(template);
        FunctionDefinition watcher = sam.function("UpstreamWatcherFunction");
        FunctionDefinition inspector = sam.function("RegistryInspectorFunction");
        FunctionDefinition dispatcher = sam.function("WorkflowDispatcherFunction");
        // The floor runs with the template's Globals (memory, timeout, JAVA_TOOL_OPTIONS) like the functions.
        FunctionDefinition floor = new FunctionDefinition(
                FLOOR,
                floorJar,
                FLOOR_HANDLER,
                watcher.memoryMb(),
                watcher.timeout(),
                watcher.logFormat(),
                globalsOf(watcher.literalEnvironment()));
        FunctionDefinition floorDynamoDb = new FunctionDefinition(
                FLOOR_DYNAMODB,
                floorJar,
                FLOOR_DYNAMODB_HANDLER,
                watcher.memoryMb(),
                watcher.timeout(),
                watcher.logFormat(),
                globalsOf(watcher.literalEnvironment()));

        byte[] upstreamObserved = SampleEvents.envelope(
                "UpstreamObserved", EventJson.write(new BusEvent.UpstreamObserved(SampleEvents.OBSERVED)));
        byte[] buildRequired = SampleEvents.envelope("BuildRequired", EventJson.write(SampleEvents.required()));
        Environments env = new Environments(sam, servers);
        return List.of(
                new FunctionCase(
                        FLOOR,
                        floor,
                        buildRequired,
                        servers::baseEnvironment,
                        "answers with the four clients built",
                        json(a -> a.path("clients").asText().split(",").length == 4)),
                new FunctionCase(
                        FLOOR_DYNAMODB,
                        floorDynamoDb,
                        buildRequired,
                        servers::baseEnvironment,
                        "answers with the DynamoDB client, signer, region and credentials provider built",
                        json(a -> a.path("clients").asText().startsWith("dynamodb,"))),
                new FunctionCase(
                        "upstream-watcher",
                        watcher,
                        "{}".getBytes(StandardCharsets.UTF_8),
                        env.of(watcher),
                        "scheduled run: reads FCOS, kernels, OpenZFS; publishes UpstreamObserved for "
                                + BenchServers.STREAM,
                        json(a -> a.path("published").size() == 1
                                && a.path("published")
                                        .get(0)
                                        .path("detailType")
                                        .asText()
                                        .equals("UpstreamObserved")),
                        new FunctionCase.Warm(
                                "{}".getBytes(StandardCharsets.UTF_8),
                                "the next scheduled run, nothing new: only conditional requests, each answered 304",
                                servers::recordUpstream,
                                answer -> BenchServers.notOnlyRevalidations(servers.upstreamRequests()))),
                new FunctionCase(
                        "registry-inspector",
                        inspector,
                        upstreamObserved,
                        env.of(inspector),
                        "reads the target image's index, manifests and configs; publishes its decision",
                        json(a -> a.path("published").asText().startsWith("Build"))),
                new FunctionCase(
                        "workflow-dispatcher",
                        dispatcher,
                        buildRequired,
                        env.of(dispatcher),
                        "reads the secret, claims in DynamoDB, dispatches, records the run; publishes BuildDispatched, notifies",
                        json(a -> a.path("dispatch").asText().equals("DISPATCHED"))));
    }

    /** Each function's environment as deployed: the variables its template entry names, valued for the bench. */
    private record Environments(SamTemplate sam, BenchServers servers) {
        Supplier<Map<String, String>> of(FunctionDefinition function) {
            Set<String> names = variableNames(sam.effectiveProperties(function.logicalId()));
            Map<String, String> values = servers.templateValues();
            return () -> {
                Map<String, String> env = servers.baseEnvironment();
                for (String name : names) {
                    if (name.equals("LEDGER_TABLE")) {
                        env.put(
                                name,
                                servers.newLedgerTable()); // an empty table per run: every run claims and dispatches
                    } else if (values.containsKey(name)) {
                        env.put(name, values.get(name));
                    } else if (!function.literalEnvironment().containsKey(name)) {
                        throw new IllegalStateException("the bench has no value for " + name + " of "
                                + function.logicalId() + " in template.yaml; add one to BenchServers.templateValues()");
                    }
                }
                return env;
            };
        }

        private static Set<String> variableNames(Map<String, Object> properties) {
            if (properties.get("Environment") instanceof Map<?, ?> environment
                    && environment.get("Variables") instanceof Map<?, ?> variables) {
                Set<String> names = new TreeSet<>();
                variables.keySet().forEach(k -> names.add(String.valueOf(k)));
                return names;
            }
            return Set.of();
        }
    }

    /** Only what Globals gives every function (JAVA_TOOL_OPTIONS); a function's own variables are not the floor's. */
    private static Map<String, String> globalsOf(Map<String, String> literal) {
        Map<String, String> globals = new HashMap<>();
        if (literal.containsKey(ColdStart.JAVA_TOOL_OPTIONS)) {
            globals.put(ColdStart.JAVA_TOOL_OPTIONS, literal.get(ColdStart.JAVA_TOOL_OPTIONS));
        }
        return Map.copyOf(globals);
    }

    private static Predicate<String> json(Predicate<JsonNode> check) {
        return answer -> {
            try {
                return check.test(Json.parse(answer.getBytes(StandardCharsets.UTF_8), "answer"));
            } catch (RuntimeException notJson) {
                return false;
            }
        };
    }
}
