package dev.coreoswatch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.model.Stage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Embedded Metric Format document of one invocation, field by field. */
class InvocationMetricsTest {
    private static final Instant AT = Instant.parse("2026-10-23T18:30:00.250Z");

    static JsonNode parse(String line) {
        assertFalse(line.contains("\n"), "one line: " + line);
        return Json.parse(line.getBytes(StandardCharsets.UTF_8), "EMF document");
    }

    /** Metric name -> unit, as the document declares them for CloudWatch. */
    static List<String> declared(JsonNode doc) {
        JsonNode directives = doc.get("_aws").get("CloudWatchMetrics");
        assertEquals(1, directives.size());
        List<String> names = new ArrayList<>();
        directives
                .get(0)
                .get("Metrics")
                .forEach(m -> names.add(
                        m.get("Name").textValue() + ":" + m.get("Unit").textValue()));
        return names;
    }

    @Test
    void aDocumentDeclaresNamespaceDimensionAndEveryValueItCarries() {
        InvocationMetrics metrics = new InvocationMetrics(
                "coreos-watch-UpstreamWatcherFunction-AbC123",
                List.of(Metric.STREAMS_CHECKED, Metric.HELD, Metric.UPSTREAM_ERRORS));
        metrics.add(Metric.STREAMS_CHECKED, 3);
        metrics.increment(Metric.HELD);
        metrics.correlationId("5d1e7c4a-93b0-4f0e-8f6d-2a7b9c3e1f00");

        JsonNode doc = parse(metrics.toEmf(AT));

        assertEquals(AT.toEpochMilli(), doc.get("_aws").get("Timestamp").longValue());
        JsonNode directive = doc.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals("coreos-watch", directive.get("Namespace").textValue());
        assertEquals("[[\"Function\"]]", directive.get("Dimensions").toString());
        assertEquals(List.of("StreamsChecked:Count", "Held:Count", "UpstreamErrors:Count"), declared(doc));
        assertEquals(
                "coreos-watch-UpstreamWatcherFunction-AbC123",
                doc.get("Function").textValue());
        assertEquals(3, doc.get("StreamsChecked").longValue());
        assertEquals(1, doc.get("Held").longValue());
        assertEquals(0, doc.get("UpstreamErrors").longValue());
        assertTrue(doc.get("UpstreamErrors").isIntegralNumber());
        assertEquals(
                "5d1e7c4a-93b0-4f0e-8f6d-2a7b9c3e1f00", doc.get("correlationId").textValue());
    }

    @Test
    void theAgeIsTheLargestInHoursWithTwoDecimalsAndOnlyWhereOneWasSeen() {
        InvocationMetrics none = new InvocationMetrics("f", List.of(Metric.SKIPPED));
        assertFalse(parse(none.toEmf(AT)).has("UnbuiltReleaseAgeHours"));

        InvocationMetrics metrics = new InvocationMetrics("f", List.of(Metric.SKIPPED));
        metrics.releaseAge(Duration.ofHours(12));
        metrics.releaseAge(Duration.ofHours(84).plusMinutes(31));
        metrics.releaseAge(Duration.ZERO);

        JsonNode doc = parse(metrics.toEmf(AT));
        assertEquals(84.52, doc.get("UnbuiltReleaseAgeHours").doubleValue(), 0.0001);
        assertEquals(List.of("Skipped:Count", "UnbuiltReleaseAgeHours:None"), declared(doc));
    }

    @Test
    void aReleaseFromTheFutureIsNotANegativeAge() {
        InvocationMetrics metrics = new InvocationMetrics("f", List.of());
        metrics.releaseAge(Duration.ofMinutes(-5));

        assertEquals(0.0, parse(metrics.toEmf(AT)).get("UnbuiltReleaseAgeHours").doubleValue());
    }

    @Test
    void aCountNotReportedByDefaultAppearsOnceAdded() {
        InvocationMetrics metrics = new InvocationMetrics("f", List.of(Metric.STREAMS_CHECKED));
        metrics.increment(Metric.errors(Stage.REGISTRY));

        JsonNode doc = parse(metrics.toEmf(AT));
        assertEquals(1, doc.get("RegistryErrors").longValue());
        assertEquals(List.of("StreamsChecked:Count", "RegistryErrors:Count"), declared(doc));
    }

    @Test
    void theTargetOfTheEventIsASecondDimension() {
        InvocationMetrics metrics = new InvocationMetrics("registry-inspector", List.of(Metric.SKIPPED));
        metrics.target("ucore-stable");
        metrics.increment(Metric.SKIPPED);

        List<String> lines = metrics.documents(AT);

        assertEquals(1, lines.size());
        JsonNode doc = parse(lines.get(0));
        assertEquals(
                "[[\"Function\",\"Target\"]]",
                doc.get("_aws")
                        .get("CloudWatchMetrics")
                        .get(0)
                        .get("Dimensions")
                        .toString());
        assertEquals("registry-inspector", doc.get("Function").textValue());
        assertEquals("ucore-stable", doc.get("Target").textValue());
        assertEquals(1, doc.get("Skipped").longValue());
    }

    @Test
    void countsPerTargetAreOneDocumentEachInTheOrderTheTargetsCame() {
        InvocationMetrics invocation =
                new InvocationMetrics("upstream-watcher", List.of(Metric.STREAMS_CHECKED, Metric.HELD));
        invocation.correlationId("run-1");
        invocation.forTarget("ucore").add(Metric.STREAMS_CHECKED, 2);
        invocation.forTarget("ucore-hci").add(Metric.STREAMS_CHECKED, 3);
        invocation.forTarget("ucore").increment(Metric.HELD);
        invocation.forTarget("ucore").releaseAge(Duration.ofHours(5));

        List<JsonNode> docs = invocation.documents(AT).stream()
                .map(InvocationMetricsTest::parse)
                .toList();

        assertEquals(2, docs.size());
        assertEquals(
                List.of("ucore", "ucore-hci"),
                docs.stream().map(d -> d.get("Target").textValue()).toList());
        assertEquals(
                List.of(2L, 3L),
                docs.stream().map(d -> d.get("StreamsChecked").longValue()).toList());
        assertEquals(
                List.of(1L, 0L),
                docs.stream().map(d -> d.get("Held").longValue()).toList());
        assertEquals(5.0, docs.get(0).get("UnbuiltReleaseAgeHours").doubleValue());
        assertFalse(docs.get(1).has("UnbuiltReleaseAgeHours"), "the age is the target's own");
        assertTrue(docs.stream()
                .allMatch(d -> d.get("correlationId").textValue().equals("run-1")
                        && d.get("Function").textValue().equals("upstream-watcher")));
    }

    @Test
    void withoutATargetTheDocumentHasTheFunctionDimensionAlone() {
        InvocationMetrics metrics = new InvocationMetrics("workflow-dispatcher", List.of(Metric.DISPATCHED));

        JsonNode doc = parse(metrics.documents(AT).get(0));

        assertEquals(
                "[[\"Function\"]]",
                doc.get("_aws")
                        .get("CloudWatchMetrics")
                        .get(0)
                        .get("Dimensions")
                        .toString());
        assertFalse(doc.has("Target"));
    }

    @Test
    void theAgeIsNotACount() {
        InvocationMetrics metrics = new InvocationMetrics("f", List.of());
        assertThrows(IllegalArgumentException.class, () -> metrics.add(Metric.UNBUILT_RELEASE_AGE, 1));
    }

    @Test
    void eachStageHasItsErrorCount() {
        assertEquals(Metric.UPSTREAM_ERRORS, Metric.errors(Stage.UPSTREAM));
        assertEquals(Metric.REGISTRY_ERRORS, Metric.errors(Stage.REGISTRY));
        assertEquals(Metric.DISPATCH_ERRORS, Metric.errors(Stage.DISPATCH));
    }
}
