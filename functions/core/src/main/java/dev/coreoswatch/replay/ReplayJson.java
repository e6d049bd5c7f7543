package dev.coreoswatch.replay;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.coreoswatch.json.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@code replay --json}: settings, each strategy's summaries per stream, and the timeline. Durations
 * are ISO-8601. The build counts {@code succeeded}, {@code unverified}, {@code redundant} and
 * {@code failed} add up to {@code dispatched}.
 */
public final class ReplayJson {
    private ReplayJson() {}

    public static String write(ReplayReport report) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("history", report.historySource());
            writeSettings(g, report.settings());
            g.writeFieldName("coreosWatch");
            writeStrategy(g, report.watch());
            g.writeFieldName("dailyRebuild");
            writeStrategy(g, report.baseline());
            g.writeFieldName("dailySkipUnchanged");
            writeStrategy(g, report.skipUnchanged());
            g.writeArrayFieldStart("timeline");
            for (TimelineEntry e : report.timeline()) {
                g.writeStartObject();
                g.writeStringField("at", e.at().toString());
                g.writeStringField("stream", e.stream());
                g.writeStringField("event", e.kind().name());
                g.writeStringField("coreosVersion", e.coreosVersion());
                g.writeStringField("zfsVersion", e.zfsVersion());
                g.writeStringField("detail", e.detail());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }

    private static void writeSettings(JsonGenerator g, ReplaySettings s) throws IOException {
        g.writeStringField("from", s.from().toString());
        g.writeStringField("to", s.to().toString());
        g.writeObjectFieldStart("settings");
        g.writeStringField("interval", s.interval().toString());
        g.writeStringField("buildDuration", s.buildDuration().toString());
        g.writeStringField("inFlightWindow", s.inFlightWindow().toString());
        g.writeNumberField("maxAttempts", s.maxAttempts());
        g.writeStringField("dailyAt", DailyRebuild.AT + "Z");
        strings(g, "streams", s.streams());
        strings(
                g,
                "architectures",
                s.architectures().stream().map(a -> a.fcosName()).toList());
        g.writeStringField("zfsSeries", s.zfsSeries().map(v -> v.text()).orElse(null));
        g.writeBooleanField("zfsAllowDotZero", s.zfsAllowDotZero());
        strings(g, "blockedVersions", s.blockedVersions().stream().sorted().toList());
        g.writeStringField("targetImage", s.targetImage().name());
        g.writeEndObject();
    }

    private static void writeStrategy(JsonGenerator g, StrategyResult result) throws IOException {
        g.writeStartObject();
        g.writeStringField("interval", result.interval().toString());
        g.writeArrayFieldStart("streams");
        for (StreamSummary s : result.streams()) {
            writeSummary(g, s);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeSummary(JsonGenerator g, StreamSummary s) throws IOException {
        g.writeStartObject();
        g.writeStringField("stream", s.stream());
        g.writeObjectFieldStart("builds");
        g.writeNumberField("dispatched", s.dispatched());
        g.writeNumberField("succeeded", s.succeeded());
        g.writeNumberField("unverified", s.unverified());
        g.writeNumberField("redundant", s.redundant());
        g.writeNumberField("failed", s.failed());
        g.writeNumberField("failedKernelOutsideRange", s.failedKernel());
        g.writeNumberField("failedNoZfsRelease", s.failedNoZfs());
        g.writeNumberField("stillBuildingAtEnd", s.stillBuildingAtEnd());
        g.writeEndObject();
        g.writeArrayFieldStart("failedBuilds");
        for (SimulatedBuild b : s.failedBuilds()) {
            g.writeStartObject();
            g.writeStringField("dispatchedAt", b.dispatchedAt().toString());
            g.writeStringField("coreosVersion", b.coreosVersion());
            g.writeStringField("zfsVersion", b.zfsVersion());
            g.writeStringField("reason", b.detail());
            g.writeEndObject();
        }
        g.writeEndArray();
        writePeriods(g, "holds", s.holds(), s.heldFor(), s.longestHold());
        writePeriods(
                g,
                "errors",
                s.errors(),
                s.erroredFor(),
                s.errors().stream().map(Period::length).max(Duration::compareTo));
        g.writeObjectFieldStart("imageBehindStream");
        duration(g, "longest", s.longestLag());
        g.writeStringField("withoutImageFromStart", s.withoutImage().toString());
        g.writeArrayFieldStart("periods");
        for (Lag lag : s.lags()) {
            g.writeStartObject();
            g.writeStringField("start", lag.start().toString());
            g.writeStringField("end", lag.end().toString());
            g.writeStringField("length", lag.length().toString());
            g.writeBooleanField("ongoing", lag.ongoing());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("releases");
        g.writeNumberField("count", s.releases().size());
        g.writeNumberField("built", s.releasesWith(ReleaseLatency.Outcome.BUILT));
        g.writeNumberField("superseded", s.releasesWith(ReleaseLatency.Outcome.SUPERSEDED));
        g.writeNumberField("notBuiltByEnd", s.releasesWith(ReleaseLatency.Outcome.NOT_BUILT_BY_END));
        duration(g, "medianLatency", s.medianLatency());
        duration(g, "maxLatency", s.maxLatency());
        g.writeArrayFieldStart("list");
        for (ReleaseLatency r : s.releases()) {
            g.writeStartObject();
            g.writeStringField("coreosVersion", r.coreosVersion());
            g.writeStringField("releasedAt", r.releasedAt().toString());
            g.writeStringField("imageAt", r.imageAt().map(Instant::toString).orElse(null));
            duration(g, "latency", r.latency());
            g.writeStringField("outcome", r.outcome().name());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writePeriods(
            JsonGenerator g, String name, List<Period> periods, Duration total, Optional<Duration> longest)
            throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("count", periods.size());
        g.writeStringField("total", total.toString());
        duration(g, "longest", longest);
        g.writeArrayFieldStart("periods");
        for (Period p : periods) {
            g.writeStartObject();
            g.writeStringField("start", p.start().toString());
            g.writeStringField("end", p.end().toString());
            g.writeStringField("length", p.length().toString());
            g.writeBooleanField("ongoing", p.ongoing());
            strings(g, "reasons", p.reasons());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void duration(JsonGenerator g, String name, Optional<Duration> d) throws IOException {
        g.writeStringField(name, d.map(Duration::toString).orElse(null));
    }

    private static void strings(JsonGenerator g, String name, Collection<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
