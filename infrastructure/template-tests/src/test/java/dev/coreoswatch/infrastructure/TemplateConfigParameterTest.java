package dev.coreoswatch.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.config.ConfigDocument;
import dev.coreoswatch.config.ConfigSource;
import dev.coreoswatch.config.Fleet;
import dev.coreoswatch.config.WatchConfig;
import dev.coreoswatch.local.SamTemplate;
import dev.coreoswatch.model.Arch;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The configuration reaches the functions through one SSM parameter (issue 11, point 2): the
 * template makes the document from its parameters, every function is told its name and may read
 * exactly it, and the stack outputs it for operators who edit it.
 */
class TemplateConfigParameterTest {
    static SamTemplate template;

    @BeforeAll
    static void load() {
        template = ProjectFiles.loadTemplate();
    }

    @Test
    void theParameterIsAPlainStringNamedForTheStack() {
        Map<String, Object> parameter = Tree.map(template.resources(), "ConfigParameter");
        assertEquals("AWS::SSM::Parameter", parameter.get("Type"));
        assertEquals("String", Tree.at(parameter, "Properties", "Type"));
        assertEquals(Map.of("Fn::Sub", "/${AWS::StackName}/config"), Tree.at(parameter, "Properties", "Name"));
        assertEquals(
                Map.of("Ref", "ConfigParameter"), Tree.at(template.root(), "Outputs", "ConfigParameterName", "Value"));
    }

    @Test
    void theDocumentCarriesEveryDecisionParameterToItsKey() {
        ConfigDocument document = ConfigDocumentOfTheTemplate.with(ConfigDocumentOfTheTemplate.SAMPLE);
        assertTrue(document.targets().isEmpty(), "one target, named default");
        WatchConfig config =
                Fleet.load(ConfigSource.of(Map.of()), Optional.of(document)).shared();

        assertEquals(
                "ghcr.io/owner/custom-coreos",
                config.targetImage().orElseThrow().name());
        assertEquals(List.of("stable", "testing"), config.streams());
        assertEquals(List.of(Arch.X86_64), config.architectures());
        assertEquals(Set.of("44.20260707.3.1"), config.blockedVersions());
        assertEquals("2.4", config.zfsSeries().orElseThrow().text());
        assertEquals("owner/builds", config.workflowRepository().orElseThrow());
        assertEquals("build.yml", config.workflowFile());
        assertEquals("release", config.workflowRef());
        assertFalse(config.dryRun());
        assertEquals(Duration.ofHours(2), config.inFlightWindow());
    }

    @Test
    void emptyOptionalParametersAreDefaultsNotErrors() {
        Map<String, String> values = new HashMap<>(ConfigDocumentOfTheTemplate.SAMPLE);
        values.put("BlockedVersions", "");
        values.put("ZfsSeries", "");
        values.put("DryRun", "true");
        WatchConfig config = Fleet.load(
                        ConfigSource.of(Map.of()), Optional.of(ConfigDocumentOfTheTemplate.with(values)))
                .shared();

        assertTrue(config.blockedVersions().isEmpty());
        assertEquals(Optional.empty(), config.zfsSeries());
        assertTrue(config.dryRun());
    }

    @Test
    void everyFunctionIsToldTheParameterAndTheEnvironmentNoLongerCarriesTheValues() {
        for (String function : template.functionIds()) {
            Map<String, Object> variables =
                    Tree.map(template.effectiveProperties(function), "Environment", "Variables");
            assertEquals(Map.of("Ref", "ConfigParameter"), variables.get("CONFIG_PARAMETER"), function);
            for (String value : List.of(
                    "TARGET_IMAGE",
                    "COREOS_STREAMS",
                    "COREOS_BLOCKED_VERSIONS",
                    "DISPATCH_DRY_RUN",
                    "ZFS_SERIES",
                    "GITHUB_WORKFLOW_REPOSITORY",
                    "DISPATCH_IN_FLIGHT_WINDOW")) {
                assertFalse(
                        variables.containsKey(value),
                        function + " must read " + value + " from the document, not the environment");
            }
        }
    }
}
