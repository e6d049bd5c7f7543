package dev.coreoswatch.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.local.SamTemplate;
import dev.coreoswatch.notify.NotificationStateTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Least privilege in template.yaml: the rules of {@link IamRules} and the exact grants of each function. */
class TemplateIamTest {

    static SamTemplate template;
    static String yaml;

    @TempDir
    static Path dir;

    @BeforeAll
    static void load() throws IOException {
        template = ProjectFiles.loadTemplate();
        yaml = Files.readString(ProjectFiles.template());
    }

    private static List<String> violationsAfter(UnaryOperator<String> edit) throws IOException {
        String edited = edit.apply(yaml);
        assertTrue(!edited.equals(yaml), "the edit must change the template");
        Path file = Files.writeString(dir.resolve("edited.yaml"), edited);
        return IamRules.violations(SamTemplate.load(file));
    }

    /** Action -> resources granted to one function. */
    private static Map<String, Set<Object>> grants(String function) {
        Map<String, Set<Object>> grants = new TreeMap<>();
        for (Object policy : IamRules.policies(template, function)) {
            for (Object statement : Tree.oneOrMany(Tree.at(policy, "Statement"))) {
                for (Object action : Tree.oneOrMany(Tree.at(statement, "Action"))) {
                    grants.computeIfAbsent((String) action, a -> new HashSet<>())
                            .addAll(Tree.oneOrMany(Tree.at(statement, "Resource")));
                }
            }
        }
        return grants;
    }

    private static final Object BUS = Map.of("Fn::GetAtt", List.of("EventBus", "Arn"));
    private static final Object QUEUE = Map.of("Fn::GetAtt", List.of("DeadLetterQueue", "Arn"));
    private static final Object TABLE = Map.of("Fn::GetAtt", List.of("LedgerTable", "Arn"));
    private static final Object SECRET = Map.of("Ref", "GitHubSecretArn");
    /** Only when RegistryCredentialsSecretArn is given (a conditional policy; IamRules reviews both branches). */
    private static final Object REGISTRY_SECRET = Map.of("Ref", "RegistryCredentialsSecretArn");

    private static final Object TOPIC = Map.of("Ref", "AlarmTopic");
    private static final Object TOPIC_KEY = Map.of("Fn::GetAtt", List.of("AlarmTopicKey", "Arn"));
    /** Exactly the stack's configuration parameter, the name ConfigParameter is created with. */
    private static final Object CONFIG = Map.of(
            "Fn::Sub", "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/${AWS::StackName}/config");

    @Test
    void templateFollowsTheRules() {
        assertEquals(List.of(), IamRules.violations(template));
    }

    @Test
    void watcherMayOnlyPublishToItsBusReadExactlyTheSecretReportFailuresAndNotify() {
        assertEquals(
                Map.of(
                        "events:PutEvents", Set.of(BUS),
                        "ssm:GetParameter", Set.of(CONFIG),
                        "secretsmanager:GetSecretValue", Set.of(SECRET, REGISTRY_SECRET),
                        "sqs:SendMessage", Set.of(QUEUE),
                        "dynamodb:GetItem", Set.of(TABLE),
                        "dynamodb:PutItem", Set.of(TABLE),
                        "dynamodb:DeleteItem", Set.of(TABLE),
                        "sns:Publish", Set.of(TOPIC),
                        "kms:GenerateDataKey*", Set.of(TOPIC_KEY),
                        "kms:Decrypt", Set.of(TOPIC_KEY)),
                grants("UpstreamWatcherFunction"));
    }

    private static final String IMAGE = "ghcr.io/acme/custom-coreos";
    private static final String LTS = "ghcr.io/acme/custom-coreos-lts";
    private static final String HCI = "registry.example.com:5000/acme/ucore-hci";

    /** The one table statement of {@code function}: its condition's operator and keys, evaluated for {@code parameters}. */
    private static Map<String, Object> tableCondition(String function, Map<String, String> parameters) {
        List<Object> tableStatements = statements(function).stream()
                .filter(st -> Tree.oneOrMany(Tree.at(st, "Action")).stream()
                        .anyMatch(a -> ((String) a).startsWith("dynamodb:")))
                .toList();
        assertEquals(1, tableStatements.size());
        Map<String, Object> condition = Tree.map(tableStatements.get(0), "Condition");
        assertEquals(Set.of("ForAllValues:StringLike"), condition.keySet());
        Map<String, Object> keys = Tree.map(condition, "ForAllValues:StringLike");
        assertEquals(Set.of("dynamodb:LeadingKeys"), keys.keySet());
        Map<String, String> given = new HashMap<>(parameters);
        given.put("TargetImage", IMAGE);
        return Map.of(
                "ForAllValues:StringLike",
                Map.of(
                        "dynamodb:LeadingKeys",
                        new Intrinsics(template, given).evaluate(keys.get("dynamodb:LeadingKeys"))));
    }

    private static Map<String, Object> leadingKeys(String... patterns) {
        return Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of(patterns)));
    }

    /** The watcher keeps the last notification per stream in the ledger table, and may touch nothing else there. */
    @Test
    void watcherReachesOnlyTheNotificationStateItemsOfTheTable() {
        assertEquals(leadingKeys("state|" + IMAGE + "|*"), tableCondition("UpstreamWatcherFunction", Map.of()));
        // A compile-time constant: read without loading the class (and the optional DynamoDB SDK it needs).
        assertEquals("state|", NotificationStateTable.KEY_PREFIX, "the prefix the code writes its state items under");
    }

    /** A fleet's other images (FleetImages) widen the watcher's state keys by exactly one pattern each. */
    @Test
    void fleetImagesAddTheirNotificationStateAndNothingElse() {
        assertEquals(
                leadingKeys("state|" + IMAGE + "|*", "state|" + LTS + "|*", "state|" + HCI + "|*"),
                tableCondition("UpstreamWatcherFunction", Map.of("FleetImages", LTS + "," + HCI)));
        assertEquals(
                leadingKeys("state|" + IMAGE + "|*", "state|" + LTS + "|*"),
                tableCondition("UpstreamWatcherFunction", Map.of("FleetImages", LTS)));
    }

    /** The dispatcher claims and notifies for its targets' images only: IMAGE|* (ledger) and state|IMAGE|* each. */
    @Test
    void dispatcherReachesOnlyTheLedgerAndStateItemsOfTheTargetImages() {
        assertEquals(
                leadingKeys(IMAGE + "|*", "state|" + IMAGE + "|*"),
                tableCondition("WorkflowDispatcherFunction", Map.of()));
        assertEquals(
                leadingKeys(
                        IMAGE + "|*",
                        "state|" + IMAGE + "|*",
                        LTS + "|*",
                        HCI + "|*",
                        "state|" + LTS + "|*",
                        "state|" + HCI + "|*"),
                tableCondition("WorkflowDispatcherFunction", Map.of("FleetImages", LTS + "," + HCI)));
    }

    /** FleetImages takes what TargetImage takes, comma-separated, or nothing; never an empty item nor a wildcard. */
    @Test
    void fleetImagesAreValidatedLikeTargetImage() {
        String target = (String) Tree.at(template.root(), "Parameters", "TargetImage", "AllowedPattern");
        String fleet = (String) Tree.at(template.root(), "Parameters", "FleetImages", "AllowedPattern");
        assertEquals("", Tree.at(template.root(), "Parameters", "FleetImages", "Default"));
        String image = target.substring(1, target.length() - 1);
        assertEquals("^(" + image + "(," + image + ")*)?$", fleet);
        for (String ok : List.of("", LTS, LTS + "," + HCI)) {
            assertTrue(ok.matches(fleet), ok);
        }
        for (String bad :
                List.of(",", LTS + ",", LTS + ", " + HCI, "ghcr.io/acme/*", "GHCR.io/acme/x", "custom-coreos")) {
            assertTrue(!bad.matches(fleet), bad);
        }
    }

    @Test
    void inspectorMayOnlyPublishToItsBusReportFailuresAndReadTheRegistrySecretWhenOneIsGiven() {
        assertEquals(
                Map.of(
                        "events:PutEvents",
                        Set.of(BUS),
                        "ssm:GetParameter",
                        Set.of(CONFIG),
                        "sqs:SendMessage",
                        Set.of(QUEUE),
                        "secretsmanager:GetSecretValue",
                        Set.of(Map.of("Ref", "RegistryCredentialsSecretArn"))),
                grants("RegistryInspectorFunction"));
    }

    @Test
    void dispatcherMayUseTheLedgerReadExactlyTheSecretPublishReportFailuresAndNotify() {
        assertEquals(
                Map.ofEntries(
                        Map.entry("events:PutEvents", Set.of(BUS)),
                        Map.entry("ssm:GetParameter", Set.of(CONFIG)),
                        Map.entry("dynamodb:GetItem", Set.of(TABLE)),
                        Map.entry("dynamodb:PutItem", Set.of(TABLE)),
                        Map.entry("dynamodb:UpdateItem", Set.of(TABLE)),
                        Map.entry("dynamodb:DeleteItem", Set.of(TABLE)),
                        Map.entry("secretsmanager:GetSecretValue", Set.of(SECRET, REGISTRY_SECRET)),
                        Map.entry("sqs:SendMessage", Set.of(QUEUE)),
                        Map.entry("sns:Publish", Set.of(TOPIC)),
                        Map.entry("kms:GenerateDataKey*", Set.of(TOPIC_KEY)),
                        Map.entry("kms:Decrypt", Set.of(TOPIC_KEY))),
                grants("WorkflowDispatcherFunction"));
    }

    @Test
    void noFunctionReachesTheWholeTableAndOnlyTheWatcherAndDispatcherNotify() {
        Set<String> wholeTable = new TreeSet<>();
        Set<String> secret = new TreeSet<>();
        Set<String> notify = new TreeSet<>();
        for (String function : template.functionIds()) {
            for (Object statement : statements(function)) {
                for (Object action : Tree.oneOrMany(Tree.at(statement, "Action"))) {
                    String a = (String) action;
                    if (a.startsWith("dynamodb:") && Tree.at(statement, "Condition") == null) {
                        wholeTable.add(function);
                    }
                    if (a.startsWith("secretsmanager:")) {
                        secret.add(function);
                    }
                    if (a.startsWith("sns:") || a.startsWith("kms:")) {
                        notify.add(function);
                    }
                }
            }
        }
        assertEquals(Set.of(), wholeTable, "every function's table access is limited to its target images' keys");
        assertEquals(
                Set.of("UpstreamWatcherFunction", "RegistryInspectorFunction", "WorkflowDispatcherFunction"), secret);
        assertEquals(Set.of("UpstreamWatcherFunction", "WorkflowDispatcherFunction"), notify);
    }

    private static List<Object> statements(String function) {
        List<Object> all = new ArrayList<>();
        for (Object policy : IamRules.policies(template, function)) {
            all.addAll(Tree.oneOrMany(Tree.at(policy, "Statement")));
        }
        return all;
    }

    @Test
    void wildcardActionIsAViolation() throws IOException {
        List<String> found = violationsAfter(t -> t.replace("- dynamodb:UpdateItem", "- 'dynamodb:*'"));

        assertEquals(
                List.of(
                        "WorkflowDispatcherFunction/Policies/0/Statement/UseLedger: action dynamodb:* is not one named action"),
                found);
    }

    @Test
    void wildcardResourceIsAViolation() throws IOException {
        List<String> found = violationsAfter(t -> t.replace("Resource: !Ref GitHubSecretArn", "Resource: '*'"));

        assertEquals(
                List.of(
                        "UpstreamWatcherFunction/Policies/0/Statement/ReadGitHubCredentials: resource * is not a named resource",
                        "WorkflowDispatcherFunction/Policies/0/Statement/ReadGitHubCredentials: resource * is not a named resource"),
                found);
    }

    @Test
    void policyTemplatesAndManagedPoliciesAreViolations() throws IOException {
        List<String> found = violationsAfter(
                t -> t.replaceFirst(
                        "      Policies:\n",
                        "      Policies:\n        - AmazonS3ReadOnlyAccess\n        - DynamoDBCrudPolicy: {TableName: !Ref LedgerTable}\n"));

        assertEquals(2, found.size(), found.toString());
        assertTrue(
                found.get(0).contains("only inline statements are allowed, got AmazonS3ReadOnlyAccess"),
                found.toString());
        assertTrue(found.get(1).contains("DynamoDBCrudPolicy"), found.toString());
    }

    @Test
    void servicePrincipalWithoutSourceConditionIsAViolation() throws IOException {
        List<String> found = violationsAfter(
                t -> t.replace(
                        "aws:SourceAccount: !Ref AWS::AccountId\n              ArnLike:\n                aws:SourceArn: !Sub arn:${AWS::Partition}:events:",
                        "aws:PrincipalAccount: !Ref AWS::AccountId\n              ArnLike:\n                aws:PrincipalArn: !Sub arn:${AWS::Partition}:events:"));

        assertEquals(
                List.of(
                        "DeadLetterQueuePolicy/Statement/RulesOfOwnBusDeliverDeadLetters: service principal without an aws:SourceArn/aws:SourceAccount condition"),
                found);
    }

    @Test
    void keyPolicyMayNotGrantKmsWildcard() throws IOException {
        List<String> found =
                violationsAfter(t -> t.replace("              - kms:DescribeKey\n", "              - 'kms:*'\n"));

        assertEquals(
                List.of("AlarmTopicKey/Statement/AccountAdministersAndUsesKey: action kms:* is not one named action"),
                found);
    }
}
