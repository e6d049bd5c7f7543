package dev.coreoswatch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.model.Action;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.ArchResult;
import dev.coreoswatch.model.Compatibility;
import dev.coreoswatch.model.Decision;
import dev.coreoswatch.model.DecisionTarget;
import dev.coreoswatch.model.DispatchResult;
import dev.coreoswatch.model.DispatchStatus;
import dev.coreoswatch.model.ImageLabels;
import dev.coreoswatch.model.Report;
import dev.coreoswatch.model.Stage;
import dev.coreoswatch.model.StageError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's field names and null rules are the contract (section 4): pinned here. */
class ReportJsonTest {

    private static final Report REPORT = new Report(
            Instant.parse("2026-05-03T04:05:06Z"),
            true,
            "ghcr.io/acme/custom-coreos",
            List.of(
                    new Decision(
                            "testing",
                            "44.20260420.2.0",
                            "2.4.2",
                            Action.BUILD,
                            "linux/arm64 of ghcr.io/acme/custom-coreos:testing carries coreos 44.20260401.2.1",
                            List.of(
                                    new ArchResult(
                                            Arch.X86_64,
                                            "6.19.11-300.fc44.x86_64",
                                            Compatibility.COMPATIBLE,
                                            "4.18-7.0",
                                            new ImageLabels("44.20260420.2.0", "2.4.2", "6.19.11-300.fc44.x86_64"),
                                            true),
                                    new ArchResult(Arch.AARCH64, null, Compatibility.UNKNOWN, "4.18-7.0", null, false)),
                            DispatchResult.DRY_RUN,
                            List.of("evidence stays out of the JSON")),
                    new Decision(
                            "next",
                            null,
                            null,
                            Action.ERROR,
                            "stream metadata of next is not valid JSON",
                            List.of(),
                            DispatchResult.NONE,
                            List.of())),
            List.of(new StageError("next", Stage.UPSTREAM, "stream metadata of next is not valid JSON")));

    @Test
    void fieldsAndNullsFollowTheContract() {
        JsonNode root = Json.parse(ReportJson.write(REPORT).getBytes(StandardCharsets.UTF_8), "report");
        assertEquals(List.of("checkedAt", "dryRun", "targetImage", "decisions", "errors"), fieldNames(root));
        assertEquals("2026-05-03T04:05:06Z", root.get("checkedAt").textValue());
        JsonNode build = root.get("decisions").get(0);
        assertEquals(
                List.of(
                        "target",
                        "targetImage",
                        "stream",
                        "coreosVersion",
                        "zfsVersion",
                        "action",
                        "reason",
                        "architectures",
                        "dispatch"),
                fieldNames(build));
        assertEquals("default", build.get("target").textValue(), "revision 2: a single target is named default");
        assertEquals(root.get("targetImage"), build.get("targetImage"));
        JsonNode x86 = build.get("architectures").get(0);
        assertEquals(
                List.of("arch", "kernelVersion", "compatibility", "linuxRange", "existing", "built"), fieldNames(x86));
        assertEquals("x86_64", x86.get("arch").textValue());
        assertEquals(
                "6.19.11-300.fc44.x86_64",
                x86.get("existing").get("kernelVersion").textValue());
        JsonNode arm = build.get("architectures").get(1);
        assertTrue(arm.get("kernelVersion").isNull());
        assertEquals("UNKNOWN", arm.get("compatibility").textValue());
        assertTrue(arm.get("existing").isNull());
        assertFalse(arm.get("built").booleanValue());
        assertEquals("DRY_RUN", build.get("dispatch").get("status").textValue());
        assertTrue(build.get("dispatch").get("runId").isNull()
                && build.get("dispatch").get("runUrl").isNull());
        JsonNode error = root.get("decisions").get(1);
        assertEquals("ERROR", error.get("action").textValue());
        assertTrue(error.get("coreosVersion").isNull());
        assertEquals("upstream", root.get("errors").get(0).get("stage").textValue());
        assertEquals(
                List.of("target", "targetImage", "stream", "stage", "message"),
                fieldNames(root.get("errors").get(0)));
        assertEquals("default", root.get("errors").get(0).get("target").textValue());
        assertEquals(
                "ghcr.io/acme/custom-coreos",
                root.get("errors").get(0).get("targetImage").textValue());
        assertFalse(ReportJson.write(REPORT).contains("evidence stays out"));
    }

    @Test
    void inAFleetEveryErrorNamesItsTarget() {
        DecisionTarget lts = new DecisionTarget("lts", "ghcr.io/acme/custom-coreos-lts");
        DecisionTarget hci = new DecisionTarget("hci", "ghcr.io/acme/ucore-hci");
        Report fleet = Report.ofTargets(
                REPORT.checkedAt(),
                true,
                List.of(
                        Report.of(
                                REPORT.checkedAt(),
                                true,
                                lts,
                                List.of(REPORT.decisions().get(0)),
                                List.of()),
                        Report.of(
                                REPORT.checkedAt(),
                                true,
                                hci,
                                List.of(REPORT.decisions().get(1)),
                                REPORT.errors())));

        JsonNode root = Json.parse(ReportJson.write(fleet).getBytes(StandardCharsets.UTF_8), "report");

        assertTrue(root.get("targetImage").isNull());
        assertEquals(1, root.get("errors").size());
        assertEquals("hci", root.get("errors").get(0).get("target").textValue());
        assertEquals(
                "ghcr.io/acme/ucore-hci",
                root.get("errors").get(0).get("targetImage").textValue());
        assertEquals("hci", root.get("decisions").get(1).get("target").textValue());
    }

    @Test
    void dispatchedRunCarriesItsIdAsANumber() {
        Decision d = REPORT.decisions()
                .get(0)
                .withDispatch(new DispatchResult(
                        DispatchStatus.DISPATCHED,
                        9_876_543_210L,
                        "https://github.com/acme/builds/actions/runs/9876543210"));
        Report r = new Report(REPORT.checkedAt(), false, REPORT.targetImage(), List.of(d), List.of());
        JsonNode dispatch = Json.parse(ReportJson.write(r).getBytes(StandardCharsets.UTF_8), "report")
                .get("decisions")
                .get(0)
                .get("dispatch");
        assertEquals(9_876_543_210L, dispatch.get("runId").longValue());
        assertEquals(0, r.exitCode());
    }

    @Test
    void exitCodePrecedenceIsFailedDispatchThenErrorThenZero() {
        assertEquals(1, REPORT.exitCode());
        Decision failed = REPORT.decisions().get(0).withDispatch(new DispatchResult(DispatchStatus.FAILED, null, null));
        assertEquals(
                3,
                new Report(
                                REPORT.checkedAt(),
                                false,
                                null,
                                List.of(failed, REPORT.decisions().get(1)),
                                List.of())
                        .exitCode());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
