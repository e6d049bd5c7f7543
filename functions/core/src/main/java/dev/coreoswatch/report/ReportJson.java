package dev.coreoswatch.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.model.ArchResult;
import dev.coreoswatch.model.Decision;
import dev.coreoswatch.model.DecisionTarget;
import dev.coreoswatch.model.DispatchResult;
import dev.coreoswatch.model.ImageLabels;
import dev.coreoswatch.model.Report;
import dev.coreoswatch.model.StageError;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** The report of docs/contract.md section 4, field by field and in that order; nothing reflective. */
public final class ReportJson {
    private ReportJson() {}

    public static String write(Report report) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("checkedAt", report.checkedAt().toString());
            g.writeBooleanField("dryRun", report.dryRun());
            g.writeStringField("targetImage", report.targetImage());
            g.writeArrayFieldStart("decisions");
            for (int i = 0; i < report.decisions().size(); i++) {
                writeDecision(g, report.decisions().get(i), report.targetOf(i));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("errors");
            for (int i = 0; i < report.errors().size(); i++) {
                StageError e = report.errors().get(i);
                g.writeStartObject();
                g.writeStringField("target", report.errorTargetOf(i).name());
                g.writeStringField("targetImage", report.errorTargetOf(i).image());
                g.writeStringField("stream", e.stream());
                g.writeStringField("stage", e.stage().label());
                g.writeStringField("message", e.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeDecision(JsonGenerator g, Decision d, DecisionTarget target) throws IOException {
        g.writeStartObject();
        g.writeStringField("target", target.name());
        g.writeStringField("targetImage", target.image());
        g.writeStringField("stream", d.stream());
        g.writeStringField("coreosVersion", d.coreosVersion());
        g.writeStringField("zfsVersion", d.zfsVersion());
        g.writeStringField("action", d.action().name());
        g.writeStringField("reason", d.reason());
        g.writeArrayFieldStart("architectures");
        for (ArchResult a : d.architectures()) {
            g.writeStartObject();
            g.writeStringField("arch", a.arch().fcosName());
            g.writeStringField("kernelVersion", a.kernelVersion());
            g.writeStringField("compatibility", a.compatibility().name());
            g.writeStringField("linuxRange", a.linuxRange());
            writeLabels(g, a.existing());
            g.writeBooleanField("built", a.built());
            g.writeEndObject();
        }
        g.writeEndArray();
        DispatchResult dispatch = d.dispatch();
        g.writeObjectFieldStart("dispatch");
        g.writeStringField("status", dispatch.status().name());
        if (dispatch.runId() == null) {
            g.writeNullField("runId");
        } else {
            g.writeNumberField("runId", dispatch.runId());
        }
        g.writeStringField("runUrl", dispatch.runUrl());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeLabels(JsonGenerator g, ImageLabels labels) throws IOException {
        if (labels == null) {
            g.writeNullField("existing");
            return;
        }
        g.writeObjectFieldStart("existing");
        g.writeStringField("coreosVersion", labels.coreosVersion());
        g.writeStringField("zfsVersion", labels.zfsVersion());
        g.writeStringField("kernelVersion", labels.kernelVersion());
        g.writeEndObject();
    }
}
