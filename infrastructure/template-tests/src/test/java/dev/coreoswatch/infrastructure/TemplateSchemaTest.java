package dev.coreoswatch.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.local.CloudFormationYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** template.yaml against the SAM schema and the CloudFormation resource schemas. */
class TemplateSchemaTest {

    static TemplateSchemaValidator validator;
    static String yaml;

    @BeforeAll
    static void load() throws IOException {
        validator = new TemplateSchemaValidator();
        yaml = Files.readString(ProjectFiles.template());
    }

    private static List<String> problemsAfter(UnaryOperator<String> edit) {
        String edited = edit.apply(yaml);
        assertTrue(!edited.equals(yaml), "the edit must change the template");
        return validator.validate(CloudFormationYaml.parse(edited));
    }

    private static void assertReported(List<String> problems, String where, String what) {
        assertTrue(
                problems.stream().anyMatch(p -> p.startsWith(where) && p.contains(what)),
                "expected a problem at " + where + " mentioning " + what + ", got " + problems);
    }

    @Test
    void templateConformsToTheSchemas() {
        Map<String, Object> template = ProjectFiles.loadTemplate().root();

        assertEquals(List.of(), validator.validate(template));
    }

    @Test
    void misspeltGlobalsPropertyIsReported() {
        List<String> problems =
                problemsAfter(t -> t.replace("    SnapStart:\n      ApplyOn", "    SnapStrat:\n      ApplyOn"));

        assertReported(problems, "Globals", "SnapStrat");
    }

    @Test
    void misspeltCloudFormationPropertyIsReported() {
        List<String> problems = problemsAfter(t -> t.replace(
                "AlarmActions: [!Ref AlarmTopic]\n      OKActions",
                "AlarmActionz: [!Ref AlarmTopic]\n      OKActions"));

        assertReported(problems, "Resources/DeadLetterQueueAlarm/Properties", "AlarmActionz");
    }

    @Test
    void wrongTypeIsReported() {
        List<String> problems = problemsAfter(
                t -> t.replace("MessageRetentionPeriod: 1209600", "MessageRetentionPeriod: [two, weeks]"));

        assertReported(problems, "Resources/DeadLetterQueue/Properties/MessageRetentionPeriod", "");
    }

    @Test
    void unknownEventTypeIsReportedOnce() {
        List<String> problems = problemsAfter(t -> t.replace("Type: ScheduleV2", "Type: ScheduleV3"));

        assertEquals(
                List.of("Resources/UpstreamWatcherFunction/Properties/Events/Schedule: unknown event type ScheduleV3"),
                problems);
    }

    @Test
    void misspeltEventPropertyIsReported() {
        List<String> problems = problemsAfter(t -> t.replace(
                "            ScheduleExpression: !Ref ScheduleExpression",
                "            ScheduleExpresion: !Ref ScheduleExpression"));

        assertReported(problems, "Resources/UpstreamWatcherFunction/Properties/Events/Schedule", "ScheduleExpresion");
    }

    @Test
    void misspeltFunctionPropertyIsReported() {
        List<String> problems = problemsAfter(t -> t.replace(
                "      CodeUri: functions/registry-inspector/target/registry-inspector.jar",
                "      CodeUri: functions/registry-inspector/target/registry-inspector.jar\n      MemorySise: 512"));

        assertReported(problems, "Resources/RegistryInspectorFunction", "MemorySise");
    }

    @Test
    void resourceTypeWithoutSchemaIsReportedNotSkipped() {
        List<String> problems =
                problemsAfter(t -> t.replace("Type: AWS::Events::EventBus", "Type: AWS::Events::Connection"));

        assertReported(problems, "Resources/EventBus", "no schema for AWS::Events::Connection");
    }

    @Test
    void errorsUnderIntrinsicFunctionsAreNotReported() {
        // Threshold must be a number; a !Ref is an object the schema cannot judge.
        List<String> problems =
                problemsAfter(t -> t.replaceFirst("      Threshold: 0\n", "      Threshold: !Ref AWS::NoValue\n"));

        assertEquals(List.of(), problems);
    }
}
