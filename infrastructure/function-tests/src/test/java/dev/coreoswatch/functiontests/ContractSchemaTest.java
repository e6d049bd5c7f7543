package dev.coreoswatch.functiontests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.events.BusEvent;
import dev.coreoswatch.events.EventJson;
import dev.coreoswatch.events.EventType;
import dev.coreoswatch.model.Action;
import dev.coreoswatch.model.Decision;
import dev.coreoswatch.model.DispatchResult;
import dev.coreoswatch.model.Report;
import dev.coreoswatch.model.Stage;
import dev.coreoswatch.model.StageError;
import dev.coreoswatch.report.ReportJson;
import dev.coreoswatch.testing.SampleEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The schemas of docs/schemas against the contract's tables and against what the code writes. The function tests
 * validate every report and event the deployed jars really produce (through {@link ContractShapes}); this class
 * covers the shapes those runs do not reach (an ERROR line, a dispatch without run details) and shows the schemas
 * reject what the contract forbids.
 */
class ContractSchemaTest {

    @Test
    void everyDetailTypeOfTheContractHasASchema() throws IOException {
        String contract = Files.readString(ContractSchemas.DIRECTORY.resolveSibling("contract.md"));
        String section5 = contract.substring(contract.indexOf("## 5."), contract.indexOf("## 6."));
        Set<String> detailTypes = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `(\\w+)` \\|").matcher(section5);
        while (row.find()) {
            detailTypes.add(row.group(1));
        }
        assertTrue(detailTypes.contains("BuildCompleted"), detailTypes.toString());
        for (EventType type : EventType.values()) {
            assertTrue(detailTypes.contains(type.name()), type + " is published but not in docs/contract.md section 5");
        }
        for (String detailType : detailTypes) {
            Path schema = ContractSchemas.path("events/" + detailType);
            assertTrue(Files.isRegularFile(schema), "no schema " + schema);
            assertTrue(
                    contract.contains("(schemas/events/" + detailType + ".schema.json)"),
                    "contract does not link " + schema);
        }
    }

    @Test
    void everyEventTypeAsTheCodeWritesItConforms() {
        BusEvent.BuildRequired required = SampleEvents.required();
        List<BusEvent> events = List.of(
                new BusEvent.UpstreamObserved(SampleEvents.OBSERVED),
                required,
                new BusEvent.BuildHeld(
                        SampleEvents.OBSERVED, "kernel 7.4.0-100.fc45.x86_64 (x86_64) is outside Linux 4.18-7.3"),
                new BusEvent.BuildSkipped(
                        SampleEvents.OBSERVED, "already carries coreos 45.20260901.1.0 with zfs 2.4.5"),
                new BusEvent.BuildDispatched(
                        required, 81234567L, "https://github.com/acme/custom-coreos/actions/runs/81234567"),
                new BusEvent.BuildDispatched(required, null, null),
                new BusEvent.BuildCompleted(
                        SampleEvents.OBSERVED,
                        81234567L,
                        "https://github.com/acme/custom-coreos/actions/runs/81234567",
                        "success",
                        true,
                        1,
                        null,
                        Map.of("x86_64", "sha256:" + "c".repeat(64)),
                        Instant.parse("2026-09-03T13:40:00Z")),
                new BusEvent.BuildCompleted(
                        SampleEvents.OBSERVED,
                        null,
                        null,
                        "failure",
                        false,
                        2,
                        "build (linux/arm64) (failure)",
                        Map.of(),
                        null));
        Set<EventType> covered = new TreeSet<>();
        for (BusEvent event : events) {
            ContractSchemas.assertEventDetail(event.type().name(), EventJson.write(event));
            covered.add(event.type());
        }
        assertEquals(Set.of(EventType.values()), covered);
    }

    @Test
    void anErrorLineWithItsNullsConforms() {
        Decision error = new Decision(
                "testing",
                null,
                null,
                Action.ERROR,
                "stream metadata of testing: HTTP 503",
                List.of(),
                DispatchResult.NONE,
                List.of());
        Report report = new Report(
                Instant.parse("2026-12-06T08:00:00Z"),
                true,
                null,
                List.of(error),
                List.of(new StageError("testing", Stage.UPSTREAM, "stream metadata of testing: HTTP 503")));

        ContractSchemas.assertReport(ReportJson.write(report));
    }

    @Test
    void theSchemasRejectWhatTheContractForbids() {
        String detail = EventJson.write(SampleEvents.required());
        assertFalse(
                ContractSchemas.violations("events/BuildRequired", detail.replace("\"missing\"", "\"absent\""))
                        .isEmpty(),
                "a renamed field");
        assertFalse(
                ContractSchemas.violations(
                                "events/BuildRequired",
                                detail.replace("\"schemaVersion\":" + EventType.SCHEMA_VERSION, "\"schemaVersion\":9"))
                        .isEmpty(),
                "another schema version");
        assertFalse(
                ContractSchemas.violations("events/UpstreamObserved", detail).isEmpty(),
                "BuildRequired's fields in an UpstreamObserved");
        assertFalse(
                ContractSchemas.violations("events/BuildHeld", detail.replace("\"COMPATIBLE\"", "\"MAYBE\""))
                        .isEmpty(),
                "a compatibility outside the enum");

        Decision build = new Decision(
                "next", "45.20260901.1.0", "2.4.5", Action.BUILD, "missing", List.of(), DispatchResult.NONE, List.of());
        String report = ReportJson.write(new Report(
                Instant.parse("2026-12-06T08:00:00Z"), true, "ghcr.io/acme/custom-coreos", List.of(build), List.of()));
        ContractSchemas.assertReport(report);
        assertFalse(
                ContractSchemas.violations("report", report.replace("\"BUILD\"", "\"REBUILD\""))
                        .isEmpty(),
                "an unknown action");
        assertFalse(
                ContractSchemas.violations("report", report.replace("\"dryRun\"", "\"dry_run\""))
                        .isEmpty(),
                "a renamed field");
    }
}
