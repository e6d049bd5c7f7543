package dev.coreoswatch.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.github.WorkflowInputs;
import dev.coreoswatch.ledger.LedgerKey;
import dev.coreoswatch.local.SamTemplate;
import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.notify.NotificationStateTable;
import dev.coreoswatch.registry.ImageReference;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The template details a real account trips over on day one (issue 11, point 6). */
class TemplateDayOneTest {
    static SamTemplate template;

    @BeforeAll
    static void load() {
        template = ProjectFiles.loadTemplate();
    }

    private static Pattern allowed(String parameter) {
        return Pattern.compile((String) Tree.at(template.root(), "Parameters", parameter, "AllowedPattern"));
    }

    private static List<Object> statements(String function) {
        return IamRules.policies(template, function).stream()
                .flatMap(p -> Tree.oneOrMany(Tree.at(p, "Statement")).stream())
                .toList();
    }

    private static Object statement(String function, String sid) {
        return statements(function).stream()
                .filter(s -> sid.equals(Tree.at(s, "Sid")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(function + " has no statement " + sid));
    }

    @Test
    void theScheduleGetsAGeneratedNameSoASecondStackCanBeCreated() {
        Object schedule = Tree.at(template.effectiveProperties("UpstreamWatcherFunction"), "Events", "Schedule");
        assertEquals("ScheduleV2", Tree.at(schedule, "Type"));
        assertEquals(true, Tree.at(schedule, "Properties", "OmitName"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86_64", "aarch64", "x86_64,aarch64", "aarch64,x86_64"})
    void architecturesTheExampleWorkflowBuildsAreAllowed(String value) {
        assertTrue(allowed("Architectures").matcher(value).matches(), value);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ppc64le",
                "s390x",
                "x86_64,ppc64le",
                "aarch64,s390x",
                "",
                "x86_64,",
                "amd64",
                "x86_64,aarch64,x86_64"
            })
    void architecturesTheExampleWorkflowCannotBuildAreRejected(String value) {
        assertFalse(allowed("Architectures").matcher(value).matches(), value);
    }

    /** An allowed TargetImage is exactly the name the code inspects, dispatches and keys the ledger by. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "ghcr.io/owner/custom-coreos",
                "ghcr.io/my-org/images/custom-coreos",
                "quay.io/team/fcos_zfs",
                "registry.example.org:5000/team/coreos-zfs",
                "localhost:5000/owner/custom-coreos",
                "localhost/owner/custom-coreos",
                "docker.io/owner/custom-coreos"
            })
    void anAllowedTargetImageIsTheNormalisedNameTheCodeUses(String value) {
        assertTrue(allowed("TargetImage").matcher(value).matches(), value);
        assertEquals(
                value,
                ImageReference.parse(value).name(),
                "the IAM conditions use the raw value, the code the normalised one");
        new WorkflowInputs("stable", "44.20260707.3.1", "2.4.4", "x86_64=unknown", "linux/amd64", "r", value, "stable");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "owner/custom-coreos",
                "custom-coreos",
                "ghcr.io/custom-coreos",
                "ghcr.io/Owner/custom-coreos",
                "GHCR.io/owner/custom-coreos",
                "ghcr.io/owner/custom-coreos:stable",
                "ghcr.io/owner/custom-coreos@sha256:00",
                "https://ghcr.io/owner/custom-coreos",
                "ghcr.io/owner/custom-coreos/",
                "ghcr.io//owner/custom-coreos"
            })
    void aTargetImageWithoutARegistryHostOrNotNormalisedIsRejected(String value) {
        assertFalse(allowed("TargetImage").matcher(value).matches(), value);
    }

    @Test
    void theWorkflowInputsAcceptNoImageWithoutARegistryHost() {
        try {
            new WorkflowInputs(
                    "stable",
                    "44.20260707.3.1",
                    "2.4.4",
                    "x86_64=unknown",
                    "linux/amd64",
                    "r",
                    "owner/custom-coreos",
                    "stable");
            throw new AssertionError("an image without a registry host was accepted");
        } catch (InvalidValueException expected) {
            assertTrue(expected.getMessage().contains("workflow input image"), expected.getMessage());
        }
    }

    @Test
    void theDispatcherReachesOnlyItsTargetsLedgerKeys() {
        Object useLedger = statement("WorkflowDispatcherFunction", "UseLedger");
        // Without FleetImages: exactly the target image's claims and notification state (TemplateIamTest covers a
        // fleet).
        Object keys = Tree.at(useLedger, "Condition", "ForAllValues:StringLike", "dynamodb:LeadingKeys");
        assertEquals(
                List.of("ghcr.io/owner/custom-coreos|*", "state|ghcr.io/owner/custom-coreos|*"),
                new Intrinsics(template, Map.of("TargetImage", "ghcr.io/owner/custom-coreos")).evaluate(keys));
        // The key the code claims under starts with the target image and a bar.
        String image = "ghcr.io/owner/custom-coreos";
        String key = LedgerKey.of(image, "stable", "44.20260707.3.1", "2.4.4").toString();
        assertTrue(key.startsWith(image + "|"), key);
        assertEquals("state|", NotificationStateTable.KEY_PREFIX, "the prefix of the notification state items");
    }

    @Test
    void kmsGrantsAreTheFamilyAwsDocumentsForSnsAndCloudWatch() {
        for (String function : List.of("UpstreamWatcherFunction", "WorkflowDispatcherFunction")) {
            assertEquals(
                    List.of("kms:GenerateDataKey*", "kms:Decrypt"),
                    Tree.oneOrMany(Tree.at(statement(function, "EncryptNotifications"), "Action")),
                    function);
        }
        Object cloudWatch = Tree.oneOrMany(
                        Tree.at(template.resources(), "AlarmTopicKey", "Properties", "KeyPolicy", "Statement"))
                .stream()
                .filter(s -> "CloudWatchAlarmsOfThisStackPublish".equals(Tree.at(s, "Sid")))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of("kms:Decrypt", "kms:GenerateDataKey*"), Tree.oneOrMany(Tree.at(cloudWatch, "Action")));
    }

    @Test
    void theRegistrySecretIsReadByEveryRegistryReaderAndOnlyWhenGiven() {
        assertEquals(
                Map.of(
                        "Fn::Not",
                        List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "RegistryCredentialsSecretArn"), "")))),
                Tree.at(template.root(), "Conditions", "HasRegistryCredentials"));
        assertEquals("", Tree.at(template.root(), "Parameters", "RegistryCredentialsSecretArn", "Default"));
        // The inspector reads the image; the watcher compares a held stream with it; the dispatcher verifies a followed
        // build.
        for (String function :
                List.of("RegistryInspectorFunction", "UpstreamWatcherFunction", "WorkflowDispatcherFunction")) {
            assertEquals(
                    Map.of(
                            "Fn::If",
                            List.of(
                                    "HasRegistryCredentials",
                                    Map.of("Ref", "RegistryCredentialsSecretArn"),
                                    Map.of("Ref", "AWS::NoValue"))),
                    Tree.at(
                            template.effectiveProperties(function),
                            "Environment",
                            "Variables",
                            "REGISTRY_CREDENTIALS_SECRET_ARN"),
                    function);
            Object conditional = Tree.oneOrMany(
                            template.effectiveProperties(function).get("Policies"))
                    .stream()
                    .filter(p -> p instanceof Map<?, ?> m && m.containsKey("Fn::If"))
                    .findFirst()
                    .orElseThrow(
                            () -> new AssertionError(function + ": the registry secret's grant is not conditional"));
            List<?> branches = (List<?>) Tree.at(conditional, "Fn::If");
            assertEquals("HasRegistryCredentials", branches.get(0), function);
            assertEquals(Map.of("Ref", "AWS::NoValue"), branches.get(2), function);
            assertEquals(
                    List.of(Map.of(
                            "Sid",
                            "ReadRegistryCredentials",
                            "Effect",
                            "Allow",
                            "Action",
                            "secretsmanager:GetSecretValue",
                            "Resource",
                            Map.of("Ref", "RegistryCredentialsSecretArn"))),
                    Tree.oneOrMany(Tree.at(branches.get(1), "Statement")),
                    function);
        }
        Pattern arn = allowed("RegistryCredentialsSecretArn");
        assertTrue(arn.matcher("").matches());
        assertTrue(arn.matcher("arn:aws:secretsmanager:eu-central-1:123456789012:secret:coreos-watch/registry-AbC123")
                .matches());
        assertFalse(arn.matcher("coreos-watch/registry").matches());
    }
}
