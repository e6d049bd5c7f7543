package dev.coreoswatch.functiontests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;

/**
 * The field names of docs/contract.md sections 4 (report) and 5 (event details), checked on the raw JSON. The tests also
 * read events with the project's own reader; this keeps a writer and reader that agree on a wrong name from
 * passing.
 */
final class ContractShapes {
    private static final Set<String> OBSERVED = Set.of(
            "schemaVersion",
            "target",
            "targetImage",
            "stream",
            "coreosVersion",
            "zfsVersion",
            "architectures",
            "force",
            "observedAt",
            "correlationId");
    private static final Set<String> OBSERVED_ARCH = Set.of("arch", "kernelVersion", "compatibility", "linuxRange");
    private static final Set<String> LABELS = Set.of("coreosVersion", "zfsVersion", "kernelVersion");

    private ContractShapes() {}

    static void assertEventDetail(String detailType, JsonNode detail) {
        Set<String> expected = new TreeSet<>(OBSERVED);
        switch (detailType) {
            case "UpstreamObserved" -> {}
            case "BuildHeld", "BuildSkipped" -> expected.add("reason");
            case "BuildRequired" -> expected.addAll(Set.of("reason", "missing", "existing"));
            case "BuildDispatched" -> expected.addAll(Set.of("reason", "missing", "existing", "runId", "runUrl"));
            default -> fail("no detail-type " + detailType + " in docs/contract.md section 5");
        }
        // releasedAt is the one optional addition to section 5 (when FCOS published the release; docs/contract.md
        // section 5).
        Set<String> found = names(detail);
        if (found.contains("releasedAt")) {
            expected.add("releasedAt");
            assertTrue(detail.get("releasedAt").isTextual(), detail.toString());
        }
        assertEquals(expected, found, detailType + " detail: " + detail);
        ContractSchemas.assertEventDetail(detailType, detail.toString());
        assertEquals(2, detail.get("schemaVersion").intValue());
        assertTrue(
                detail.get("architectures").isArray()
                        && !detail.get("architectures").isEmpty(),
                detail.toString());
        for (JsonNode arch : detail.get("architectures")) {
            assertEquals(OBSERVED_ARCH, names(arch), detailType + " architectures[]: " + arch);
        }
        if (detail.has("existing")) {
            detail.get("existing")
                    .forEach(labels ->
                            assertTrue(labels.isNull() || names(labels).equals(LABELS), labels.toString()));
        }
    }

    static void assertReport(JsonNode report) {
        assertEquals(
                Set.of("checkedAt", "dryRun", "targetImage", "decisions", "errors"), names(report), report.toString());
        ContractSchemas.assertReport(report.toString());
        for (JsonNode decision : report.get("decisions")) {
            assertEquals(
                    Set.of(
                            "target",
                            "targetImage",
                            "stream",
                            "coreosVersion",
                            "zfsVersion",
                            "action",
                            "reason",
                            "architectures",
                            "dispatch"),
                    names(decision),
                    decision.toString());
            for (JsonNode arch : decision.get("architectures")) {
                assertEquals(
                        Set.of("arch", "kernelVersion", "compatibility", "linuxRange", "existing", "built"),
                        names(arch),
                        arch.toString());
                assertTrue(
                        arch.get("existing").isNull()
                                || names(arch.get("existing")).equals(LABELS),
                        arch.toString());
            }
            assertEquals(Set.of("status", "runId", "runUrl"), names(decision.get("dispatch")), decision.toString());
        }
        for (JsonNode error : report.get("errors")) {
            assertEquals(Set.of("target", "targetImage", "stream", "stage", "message"), names(error), error.toString());
        }
    }

    private static Set<String> names(JsonNode node) {
        assertTrue(node.isObject(), "expected an object: " + node);
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
