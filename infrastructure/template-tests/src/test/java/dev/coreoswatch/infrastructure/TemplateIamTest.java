package dev.coreoswatch.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.local.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        Map<String, Set<Object>> grants = new java.util.TreeMap<>();
        for (Object policy : Tree.oneOrMany(template.effectiveProperties(function).get("Policies"))) {
            for (Object statement : Tree.oneOrMany(Tree.at(policy, "Statement"))) {
                for (Object action : Tree.oneOrMany(Tree.at(statement, "Action"))) {
                    grants.computeIfAbsent((String) action, a -> new java.util.HashSet<>())
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

    @Test
    void templateFollowsTheRules() {
        assertEquals(List.of(), IamRules.violations(template));
    }

    @Test
    void watcherMayOnlyPublishToItsBusReadExactlyTheSecretAndReportFailures() {
        assertEquals(Map.of("events:PutEvents", Set.of(BUS), "secretsmanager:GetSecretValue", Set.of(SECRET),
                "sqs:SendMessage", Set.of(QUEUE)), grants("UpstreamWatcherFunction"));
    }

    @Test
    void inspectorMayOnlyPublishToItsBusAndReportFailures() {
        assertEquals(Map.of("events:PutEvents", Set.of(BUS), "sqs:SendMessage", Set.of(QUEUE)),
                grants("RegistryInspectorFunction"));
    }

    @Test
    void dispatcherMayUseTheLedgerReadExactlyTheSecretPublishAndReportFailures() {
        assertEquals(Map.of(
                "events:PutEvents", Set.of(BUS),
                "dynamodb:GetItem", Set.of(TABLE),
                "dynamodb:PutItem", Set.of(TABLE),
                "dynamodb:UpdateItem", Set.of(TABLE),
                "dynamodb:DeleteItem", Set.of(TABLE),
                "secretsmanager:GetSecretValue", Set.of(SECRET),
                "sqs:SendMessage", Set.of(QUEUE)), grants("WorkflowDispatcherFunction"));
    }

    @Test
    void onlyTheDispatcherTouchesTheLedgerAndTheInspectorNeverTheSecret() {
        Set<String> ledger = new TreeSet<>();
        Set<String> secret = new TreeSet<>();
        for (String function : template.functionIds()) {
            grants(function).keySet().forEach(a -> {
                if (a.startsWith("dynamodb:") || a.startsWith("kms:")) {
                    ledger.add(function);
                }
                if (a.startsWith("secretsmanager:")) {
                    secret.add(function);
                }
            });
        }
        assertEquals(Set.of("WorkflowDispatcherFunction"), ledger);
        assertEquals(Set.of("UpstreamWatcherFunction", "WorkflowDispatcherFunction"), secret);
    }

    @Test
    void wildcardActionIsAViolation() throws IOException {
        List<String> found = violationsAfter(t -> t.replace("- dynamodb:GetItem", "- 'dynamodb:*'"));

        assertEquals(List.of("WorkflowDispatcherFunction/Policies/0/Statement/UseLedger: action dynamodb:* is not one named action"), found);
    }

    @Test
    void wildcardResourceIsAViolation() throws IOException {
        List<String> found = violationsAfter(t -> t.replace("Resource: !Ref GitHubSecretArn", "Resource: '*'"));

        assertEquals(List.of("UpstreamWatcherFunction/Policies/0/Statement/ReadGitHubCredentials: resource * is not a named resource",
                "WorkflowDispatcherFunction/Policies/0/Statement/ReadGitHubCredentials: resource * is not a named resource"), found);
    }

    @Test
    void policyTemplatesAndManagedPoliciesAreViolations() throws IOException {
        List<String> found = violationsAfter(t -> t.replaceFirst("      Policies:\n",
                "      Policies:\n        - AmazonS3ReadOnlyAccess\n        - DynamoDBCrudPolicy: {TableName: !Ref LedgerTable}\n"));

        assertEquals(2, found.size(), found.toString());
        assertTrue(found.get(0).contains("only inline statements are allowed, got AmazonS3ReadOnlyAccess"), found.toString());
        assertTrue(found.get(1).contains("DynamoDBCrudPolicy"), found.toString());
    }

    @Test
    void servicePrincipalWithoutSourceConditionIsAViolation() throws IOException {
        List<String> found = violationsAfter(t -> t.replace(
                "aws:SourceAccount: !Ref AWS::AccountId\n              ArnLike:\n                aws:SourceArn: !Sub arn:${AWS::Partition}:events:",
                "aws:PrincipalAccount: !Ref AWS::AccountId\n              ArnLike:\n                aws:PrincipalArn: !Sub arn:${AWS::Partition}:events:"));

        assertEquals(List.of("DeadLetterQueuePolicy/Statement/RulesOfOwnBusDeliverDeadLetters: service principal without an aws:SourceArn/aws:SourceAccount condition"), found);
    }

    @Test
    void keyPolicyMayNotGrantKmsWildcard() throws IOException {
        List<String> found = violationsAfter(t -> t.replace("              - kms:DescribeKey\n", "              - 'kms:*'\n"));

        assertEquals(List.of("AlarmTopicKey/Statement/AccountAdministersAndUsesKey: action kms:* is not one named action"), found);
    }
}
