package dev.coreoswatch.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.config.ConfigSource;
import dev.coreoswatch.invocation.DispatcherService;
import dev.coreoswatch.invocation.InspectorService;
import dev.coreoswatch.invocation.WatcherService;
import dev.coreoswatch.local.FunctionDefinition;
import dev.coreoswatch.local.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What template.yaml wires together: code, configuration, events, failure paths, storage and alarms. */
class TemplateWiringTest {

    /** docs/contract.md section 2: the only configuration variables there are. */
    static final Set<String> CONTRACT_VARIABLES = Set.of(
            "COREOS_STREAMS",
            "COREOS_ARCHITECTURES",
            "COREOS_METADATA_URL",
            "COREOS_IMAGE",
            "COREOS_BLOCKED_VERSIONS",
            "ZFS_REPOSITORY",
            "ZFS_SERIES",
            "ZFS_ALLOW_DOT_ZERO",
            "TARGET_IMAGE",
            "TARGET_TAG",
            "REGISTRY_PLAIN_HTTP",
            "REGISTRY_USERNAME",
            "REGISTRY_PASSWORD",
            "GITHUB_API_URL",
            "GITHUB_TOKEN",
            "GITHUB_TOKEN_SECRET_ARN",
            "GITHUB_WORKFLOW_REPOSITORY",
            "GITHUB_WORKFLOW_FILE",
            "GITHUB_WORKFLOW_REF",
            "DISPATCH_IN_FLIGHT_WINDOW",
            "DISPATCH_DRY_RUN",
            "LEDGER_TABLE",
            "EVENT_BUS_NAME",
            "REGISTRY_CREDENTIALS_SECRET_ARN",
            // An addition to section 2 (issue: operators are told): the topic the notifications go to.
            "NOTIFY_TOPIC_ARN",
            "CONFIG_PARAMETER");
    /** JVM variables a function may set besides the contract's. */
    static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    static SamTemplate template;

    @BeforeAll
    static void load() {
        template = ProjectFiles.loadTemplate();
    }

    private static Map<String, Object> props(String function) {
        return template.effectiveProperties(function);
    }

    private static Map<String, Object> resourceProps(String id) {
        return Tree.map(template.resources(), id, "Properties");
    }

    private static Map<String, Object> ref(String name) {
        return Map.of("Ref", name);
    }

    private static Map<String, Object> getAtt(String resource, String attribute) {
        return Map.of("Fn::GetAtt", List.of(resource, attribute));
    }

    @ParameterizedTest
    @CsvSource({
        "UpstreamWatcherFunction, functions/upstream-watcher/target/upstream-watcher.jar, dev.coreoswatch.functions.watcher.UpstreamWatcherHandler::handleRequest",
        "RegistryInspectorFunction, functions/registry-inspector/target/registry-inspector.jar, dev.coreoswatch.functions.inspector.RegistryInspectorHandler::handleRequest",
        "WorkflowDispatcherFunction, functions/workflow-dispatcher/target/workflow-dispatcher.jar, dev.coreoswatch.functions.dispatcher.WorkflowDispatcherHandler::handleRequest"
    })
    void functionRunsItsFixedJarAndHandler(String function, String codeUri, String handler) {
        assertEquals(codeUri, props(function).get("CodeUri"));
        assertEquals(handler, props(function).get("Handler"));
        FunctionDefinition definition = template.function(function);
        assertEquals(ProjectFiles.root().resolve(codeUri), definition.codeUri());
        assertEquals(
                true,
                Tree.at(template.resources(), function, "Metadata", "SkipBuild"),
                "sam build cannot build a jar CodeUri");
    }

    @Test
    void theThreeFunctionsAndNoOthers() {
        assertEquals(
                List.of("UpstreamWatcherFunction", "RegistryInspectorFunction", "WorkflowDispatcherFunction"),
                template.functionIds());
    }

    @Test
    void everyFunctionGetsSnapStartAndTheRuntimeSettingsFromGlobals() {
        Map<String, Object> globals = Tree.map(template.root(), "Globals", "Function");
        assertEquals(Map.of("ApplyOn", "PublishedVersions"), globals.get("SnapStart"));
        assertEquals("live", globals.get("AutoPublishAlias"), "SnapStart applies to published versions only");
        assertEquals("java21", globals.get("Runtime"));
        assertEquals(384, globals.get("MemorySize"), "metaspace headroom: see the comment in template.yaml");
        assertEquals(List.of(ref("LambdaArchitecture")), globals.get("Architectures"));
        assertEquals("JSON", Tree.at(globals, "LoggingConfig", "LogFormat"));
        for (String function : template.functionIds()) {
            Map<String, Object> own = Tree.map(template.resources(), function, "Properties");
            for (String key :
                    List.of("SnapStart", "AutoPublishAlias", "Runtime", "MemorySize", "Timeout", "Architectures")) {
                assertFalse(own.containsKey(key), function + " overrides " + key + " of Globals");
            }
            assertEquals(Map.of("ApplyOn", "PublishedVersions"), props(function).get("SnapStart"), function);
        }
    }

    @Test
    void environmentUsesOnlyContractAndJvmVariableNames() {
        Set<String> used = new TreeSet<>();
        Tree.eachMap(template.root(), (where, map) -> {
            if (where.endsWith("/Environment") && map.get("Variables") instanceof Map<?, ?> variables) {
                variables.keySet().forEach(name -> used.add(String.valueOf(name)));
            }
        });
        Set<String> unknown = new TreeSet<>(used);
        unknown.removeAll(CONTRACT_VARIABLES);
        unknown.removeAll(JVM_VARIABLES);
        assertEquals(Set.of(), unknown, "variables outside docs/contract.md section 2");
        assertTrue(
                used.stream().noneMatch(n -> n.startsWith("AWS_") || n.contains("ENDPOINT")),
                "AWS endpoints are never configured in the template: " + used);
    }

    /** Each function's effective variables, with the parameter or resource each one comes from. */
    @Test
    void everyVariableComesFromItsParameter() {
        Map<String, Object> common = new LinkedHashMap<>();
        common.put("CONFIG_PARAMETER", ref("ConfigParameter"));
        common.put("EVENT_BUS_NAME", ref("EventBus"));
        common.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");

        Map<String, Object> watcher = new TreeMap<>(common);
        watcher.put("GITHUB_TOKEN_SECRET_ARN", ref("GitHubSecretArn"));
        watcher.put("NOTIFY_TOPIC_ARN", ref("AlarmTopic"));
        watcher.put("LEDGER_TABLE", ref("LedgerTable"));
        Map<String, Object> dispatcher = new TreeMap<>(common);
        dispatcher.put("GITHUB_TOKEN_SECRET_ARN", ref("GitHubSecretArn"));
        dispatcher.put("LEDGER_TABLE", ref("LedgerTable"));
        dispatcher.put("NOTIFY_TOPIC_ARN", ref("AlarmTopic"));

        Map<String, Object> inspector = new TreeMap<>(common);
        Object registrySecret = Map.of(
                "Fn::If", List.of("HasRegistryCredentials", ref("RegistryCredentialsSecretArn"), ref("AWS::NoValue")));
        inspector.put("REGISTRY_CREDENTIALS_SECRET_ARN", registrySecret);
        watcher.put("REGISTRY_CREDENTIALS_SECRET_ARN", registrySecret);
        dispatcher.put("REGISTRY_CREDENTIALS_SECRET_ARN", registrySecret);

        assertEquals(watcher, new TreeMap<>(variables("UpstreamWatcherFunction")));
        assertEquals(inspector, new TreeMap<>(variables("RegistryInspectorFunction")));
        assertEquals(dispatcher, new TreeMap<>(variables("WorkflowDispatcherFunction")));
    }

    /** What each service refuses to start without (its REQUIRED keys) is set for the function that runs it. */
    @ParameterizedTest
    @CsvSource({
        "UpstreamWatcherFunction, watcher",
        "RegistryInspectorFunction, inspector",
        "WorkflowDispatcherFunction, dispatcher"
    })
    void everyVariableTheCodeRequiresIsSet(String function, String service) {
        List<String> required = switch (service) {
            case "watcher" -> WatcherService.REQUIRED;
            case "inspector" -> InspectorService.REQUIRED;
            default -> DispatcherService.REQUIRED;
        };
        Set<String> set = variables(function).keySet();
        Set<String> document = ConfigDocumentOfTheTemplate.keys();
        for (String key : required) {
            String variable = ConfigSource.environmentName(key);
            assertTrue(
                    set.contains(variable) || document.contains(key),
                    function + " needs " + variable + " or " + key + " in the configuration document");
        }
    }

    private static Map<String, Object> variables(String function) {
        return Tree.map(props(function), "Environment", "Variables");
    }

    @Test
    void dryRunIsTheDefaultOfAFirstDeploy() {
        Map<String, Object> dryRun = Tree.map(template.root(), "Parameters", "DryRun");
        assertEquals("true", dryRun.get("Default"));
        assertEquals(List.of("true", "false"), dryRun.get("AllowedValues"));
        assertEquals("rate(30 minutes)", Tree.at(template.root(), "Parameters", "ScheduleExpression", "Default"));
        assertEquals("", Tree.at(template.root(), "Parameters", "AlarmEmail", "Default"), "the e-mail is optional");
    }

    @Test
    void watcherRunsOnASchedulerScheduleWithRetriesAndDeadLetters() throws IOException {
        Map<String, Object> schedule = Tree.map(props("UpstreamWatcherFunction"), "Events", "Schedule");
        assertEquals("ScheduleV2", schedule.get("Type"));
        Map<String, Object> p = Tree.map(schedule, "Properties");
        assertEquals(ref("ScheduleExpression"), p.get("ScheduleExpression"));
        assertEquals(
                Map.of("Mode", "OFF"), p.get("FlexibleTimeWindow"), "a YAML 1.1 boolean here would break the deploy");
        assertEquals(Map.of("Arn", getAtt("DeadLetterQueue", "Arn")), p.get("DeadLetterConfig"));
        assertTrue((Integer) Tree.at(p, "RetryPolicy", "MaximumRetryAttempts") > 0);
        assertEquals(
                TemplateSchemaValidator.JSON.readTree((String) p.get("Input")),
                TemplateSchemaValidator.JSON.readTree(Files.readString(ProjectFiles.event("scheduled-run.json"))),
                "infrastructure/events/scheduled-run.json is what the schedule sends");
    }

    @ParameterizedTest
    @CsvSource({
        "RegistryInspectorFunction, UpstreamObserved, UpstreamObserved",
        "WorkflowDispatcherFunction, BuildRequired, BuildRequired BuildSkipped"
    })
    void functionFollowsItsEventOnTheOwnBus(String function, String rule, String detailTypes) {
        Map<String, Object> events = Tree.map(props(function), "Events");
        assertEquals(Set.of(rule), events.keySet());
        Map<String, Object> r = Tree.map(events, rule);
        assertEquals("EventBridgeRule", r.get("Type"));
        Map<String, Object> p = Tree.map(r, "Properties");
        assertEquals(ref("EventBus"), p.get("EventBusName"));
        // The dispatcher also takes BuildSkipped: a skip of a followed build is its verification.
        assertEquals(
                Map.of("source", List.of("coreos-watch"), "detail-type", List.of(detailTypes.split(" "))),
                p.get("Pattern"));
        assertEquals(Map.of("Arn", getAtt("DeadLetterQueue", "Arn")), p.get("DeadLetterConfig"));
        assertTrue((Integer) Tree.at(p, "RetryPolicy", "MaximumRetryAttempts") > 0);
        assertTrue((Integer) Tree.at(p, "RetryPolicy", "MaximumEventAgeInSeconds") >= 60);
    }

    @Test
    void failedAsynchronousInvocationsGoToTheDeadLetterQueue() {
        for (String function : template.functionIds()) {
            Map<String, Object> config = Tree.map(props(function), "EventInvokeConfig");
            assertTrue((Integer) config.get("MaximumRetryAttempts") <= 2, function);
            assertEquals(
                    Map.of("Type", "SQS", "Destination", getAtt("DeadLetterQueue", "Arn")),
                    Tree.at(config, "DestinationConfig", "OnFailure"),
                    function);
        }
    }

    @Test
    void deadLetterQueueIsEncryptedWithSqsManagedKeys() {
        Map<String, Object> queue = resourceProps("DeadLetterQueue");
        assertEquals(true, queue.get("SqsManagedSseEnabled"));
        assertNull(queue.get("KmsMasterKeyId"), "EventBridge cannot write to a queue under the aws/sqs key");
        assertEquals(1209600, queue.get("MessageRetentionPeriod"));
    }

    @Test
    void ledgerTableIsKeyedByCombinationPaidPerRequestBackedUpAndEncrypted() {
        Map<String, Object> table = resourceProps("LedgerTable");
        assertEquals("PAY_PER_REQUEST", table.get("BillingMode"));
        assertEquals(List.of(Map.of("AttributeName", "pk", "AttributeType", "S")), table.get("AttributeDefinitions"));
        assertEquals(List.of(Map.of("AttributeName", "pk", "KeyType", "HASH")), table.get("KeySchema"));
        assertEquals(Map.of("AttributeName", "ttl", "Enabled", true), table.get("TimeToLiveSpecification"));
        assertEquals(Map.of("PointInTimeRecoveryEnabled", true), table.get("PointInTimeRecoverySpecification"));
        assertEquals(Map.of("SSEEnabled", true), table.get("SSESpecification"));
    }

    @Test
    void everyFunctionLogsToItsOwnRetainedLogGroup() {
        Set<Object> groups = new HashSet<>();
        for (String function : template.functionIds()) {
            Object group = Tree.at(props(function), "LoggingConfig", "LogGroup");
            assertTrue(group instanceof Map<?, ?> m && m.containsKey("Ref"), function);
            String id = (String) ((Map<?, ?>) group).get("Ref");
            assertEquals("AWS::Logs::LogGroup", Tree.at(template.resources(), id, "Type"));
            assertEquals(ref("LogRetentionInDays"), Tree.at(template.resources(), id, "Properties", "RetentionInDays"));
            groups.add(group);
        }
        assertEquals(3, groups.size());
    }

    @Test
    void alarmsWatchDeadLettersAndEachFunctionsErrorsAndNotifyTheTopic() {
        Map<String, Map<String, Object>> alarms = new TreeMap<>();
        template.resources().forEach((id, r) -> {
            if ("AWS::CloudWatch::Alarm".equals(Tree.at(r, "Type"))) {
                alarms.put(id, Tree.map(r, "Properties"));
            }
        });
        Map<String, Object> dlq = alarms.get("DeadLetterQueueAlarm");
        assertEquals("AWS/SQS", dlq.get("Namespace"));
        assertEquals("ApproximateNumberOfMessagesVisible", dlq.get("MetricName"));
        assertEquals(
                List.of(Map.of("Name", "QueueName", "Value", getAtt("DeadLetterQueue", "QueueName"))),
                dlq.get("Dimensions"));
        assertEquals(0, dlq.get("Threshold"));
        assertEquals("GreaterThanThreshold", dlq.get("ComparisonOperator"));

        Set<Object> watchedFunctions = new HashSet<>();
        for (Map<String, Object> alarm : alarms.values()) {
            assertEquals(List.of(ref("AlarmTopic")), alarm.get("AlarmActions"));
            if ("Errors".equals(alarm.get("MetricName"))) {
                assertEquals("AWS/Lambda", alarm.get("Namespace"));
                assertEquals(0, alarm.get("Threshold"));
                assertEquals("GreaterThanThreshold", alarm.get("ComparisonOperator"));
                watchedFunctions.add(Tree.at(((List<?>) alarm.get("Dimensions")).get(0), "Value"));
            }
        }
        assertEquals(
                Set.of(
                        ref("UpstreamWatcherFunction"),
                        ref("RegistryInspectorFunction"),
                        ref("WorkflowDispatcherFunction")),
                watchedFunctions);
    }

    /** The key policy lets CloudWatch use the key only for alarms named ${AWS::StackName}-...: every alarm must be. */
    @Test
    void alarmTopicIsEncryptedWithAKeyCloudWatchMayUseForTheseAlarms() {
        Map<String, Object> topic = resourceProps("AlarmTopic");
        assertEquals(ref("AlarmTopicKey"), topic.get("KmsMasterKeyId"));
        assertNotEquals(
                "alias/aws/sns", topic.get("KmsMasterKeyId"), "CloudWatch cannot publish under the AWS managed key");
        String sourceArn =
                (String) Tree.at(cloudWatchKeyStatement(), "Condition", "ArnLike", "aws:SourceArn", "Fn::Sub");
        assertTrue(sourceArn.endsWith(":alarm:${AWS::StackName}-*"), sourceArn);
        template.resources().forEach((id, r) -> {
            if ("AWS::CloudWatch::Alarm".equals(Tree.at(r, "Type"))) {
                Object name = Tree.at(r, "Properties", "AlarmName", "Fn::Sub");
                assertTrue(name instanceof String s && s.startsWith("${AWS::StackName}-"), id + " is named " + name);
            }
        });
    }

    private static Object cloudWatchKeyStatement() {
        for (Object statement : Tree.oneOrMany(Tree.at(resourceProps("AlarmTopicKey"), "KeyPolicy", "Statement"))) {
            if ("cloudwatch.amazonaws.com".equals(Tree.at(statement, "Principal", "Service"))) {
                return statement;
            }
        }
        throw new AssertionError("no statement for cloudwatch.amazonaws.com");
    }

    @Test
    void emailSubscriptionExistsOnlyWhenAnAddressIsGiven() {
        Object subscription = resourceProps("AlarmTopic").get("Subscription");
        List<?> branches = (List<?>) Tree.at(subscription, "Fn::If");
        assertEquals("HasAlarmEmail", branches.get(0));
        assertEquals(List.of(Map.of("Protocol", "email", "Endpoint", ref("AlarmEmail"))), branches.get(1));
        assertEquals(ref("AWS::NoValue"), branches.get(2));
        assertEquals(
                Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(ref("AlarmEmail"), "")))),
                Tree.at(template.root(), "Conditions", "HasAlarmEmail"));
    }

    @Test
    void outputsNameTheBusTableQueueTopicAndFunctions() {
        Set<String> outputs = Tree.map(template.root(), "Outputs").keySet();
        assertTrue(
                outputs.containsAll(Set.of(
                        "EventBusName",
                        "LedgerTableName",
                        "DeadLetterQueueUrl",
                        "AlarmTopicArn",
                        "UpstreamWatcherFunctionName",
                        "RegistryInspectorFunctionName",
                        "WorkflowDispatcherFunctionName",
                        "OperationsDashboardName")),
                outputs.toString());
    }
}
