package dev.coreoswatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Read access to a report of docs/contract.md section 4, by stream and arch, failing loudly on a missing entry. */
record ReportView(JsonNode root) {
    /** The top-level and per-decision field names of section 4, in the order the contract shows. */
    static final List<String> REPORT_FIELDS = List.of("checkedAt", "dryRun", "targetImage", "decisions", "errors");

    static final List<String> DECISION_FIELDS = List.of(
            "target",
            "targetImage",
            "stream",
            "coreosVersion",
            "zfsVersion",
            "action",
            "reason",
            "architectures",
            "dispatch");
    static final List<String> ARCH_FIELDS =
            List.of("arch", "kernelVersion", "compatibility", "linuxRange", "existing", "built");
    static final List<String> DISPATCH_FIELDS = List.of("status", "runId", "runUrl");

    JsonNode decision(String stream) {
        for (JsonNode d : root.path("decisions")) {
            if (stream.equals(d.path("stream").asText(null))) {
                return d;
            }
        }
        throw new AssertionError("no decision for stream " + stream + " in " + root.toPrettyString());
    }

    JsonNode arch(String stream, String arch) {
        for (JsonNode a : decision(stream).path("architectures")) {
            if (arch.equals(a.path("arch").asText(null))) {
                return a;
            }
        }
        throw new AssertionError("no arch " + arch + " in the decision of " + stream + ": "
                + decision(stream).toPrettyString());
    }

    String action(String stream) {
        return decision(stream).path("action").asText();
    }

    String reason(String stream) {
        return decision(stream).path("reason").asText();
    }

    List<String> streams() {
        List<String> streams = new ArrayList<>();
        root.path("decisions").forEach(d -> streams.add(d.path("stream").asText()));
        return streams;
    }

    /** The errors[] entries of one stream. */
    List<JsonNode> errors(String stream) {
        List<JsonNode> found = new ArrayList<>();
        root.path("errors").forEach(e -> {
            if (stream.equals(e.path("stream").asText(null))) {
                found.add(e);
            }
        });
        return found;
    }

    /** The single errors[] entry of a stream, checked to name the stage and carry the decision's reason. */
    JsonNode onlyError(String stream, String stage) {
        List<JsonNode> errors = errors(stream);
        assertEquals(
                1,
                errors.size(),
                () -> "errors of " + stream + ": " + root.path("errors").toPrettyString());
        JsonNode error = errors.get(0);
        assertEquals(stage, error.path("stage").asText(), error::toPrettyString);
        assertTrue(
                error.path("message").isTextual()
                        && !error.path("message").asText().isBlank(),
                error::toPrettyString);
        return error;
    }

    /** Every field of section 4 is present, in the contract's order, and nothing else. */
    void assertShape() {
        assertEquals(REPORT_FIELDS, names(root), "report fields");
        for (JsonNode d : root.path("decisions")) {
            assertEquals(DECISION_FIELDS, names(d), () -> "decision fields of " + d);
            assertEquals(DISPATCH_FIELDS, names(d.path("dispatch")), () -> "dispatch fields of " + d);
            for (JsonNode a : d.path("architectures")) {
                assertEquals(ARCH_FIELDS, names(a), () -> "arch fields of " + a);
            }
        }
        for (JsonNode e : root.path("errors")) {
            assertEquals(
                    List.of("target", "targetImage", "stream", "stage", "message"),
                    names(e),
                    () -> "error fields of " + e);
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
