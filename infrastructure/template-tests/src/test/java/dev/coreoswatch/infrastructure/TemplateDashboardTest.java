package dev.coreoswatch.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.invocation.DispatcherService;
import dev.coreoswatch.invocation.InspectorService;
import dev.coreoswatch.invocation.WatcherService;
import dev.coreoswatch.local.SamTemplate;
import dev.coreoswatch.metrics.InvocationMetrics;
import dev.coreoswatch.metrics.Metric;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The operations dashboard shows the metrics the functions really write: the body is JSON once
 * CloudFormation substitutes it, every graphed metric is one the named function reports, under
 * the namespace and dimensions the code uses, and every metric the code writes is graphed. The
 * targets are unknown at deploy time: each graph is a SEARCH over the Target dimension.
 */
class TemplateDashboardTest {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");
    /** A graph's SEARCH: schema (namespace and dimension names), metric name, function, statistic, period. */
    private static final Pattern SEARCH = Pattern.compile(
            "SEARCH\\('\\{\"([^\"]+)\",([^}]+)} MetricName=\"(\\w+)\" Function=\"([^\"]+)\"', '(\\w+)', (\\d+)\\)");

    static SamTemplate template;
    static String body;
    static JsonNode dashboard;

    @BeforeAll
    static void load() {
        template = ProjectFiles.loadTemplate();
        body = (String) Tree.at(template.resources(), "OperationsDashboard", "Properties", "DashboardBody", "Fn::Sub");
        // What CloudFormation does: each ${Name} becomes a plain string (a name, an id, a region).
        Matcher m = SUB_VARIABLE.matcher(body);
        dashboard = TemplateSchemaValidator.JSON.readTree(
                m.replaceAll(r -> "SUB_" + r.group(1).replace("::", "_")));
    }

    /** One graphed SEARCH of a widget, taken apart. */
    record Graph(String namespace, String dimensions, String name, String function, String stat, String widgetStat) {}

    /** Every metric line of every widget: each is one SEARCH expression (one line per target). */
    private static List<Graph> metricLines() {
        List<Graph> lines = new ArrayList<>();
        for (JsonNode widget : dashboard.get("widgets")) {
            if ("metric".equals(widget.get("type").asString())) {
                JsonNode p = widget.get("properties");
                for (JsonNode line : p.get("metrics")) {
                    assertEquals(1, line.size(), line.toString());
                    String expression = line.get(0).get("expression").asString();
                    Matcher m = SEARCH.matcher(expression);
                    assertTrue(m.matches(), expression);
                    assertEquals(p.get("period").asInt(), Integer.parseInt(m.group(6)), expression);
                    lines.add(new Graph(
                            m.group(1),
                            m.group(2),
                            m.group(3),
                            m.group(4),
                            m.group(5),
                            p.get("stat").asString()));
                }
            }
        }
        return lines;
    }

    /** What each function's service writes: its always-reported counts and the extras it adds when they happen. */
    private static Map<String, Set<String>> reportedByFunction() {
        Map<String, Set<String>> reported = new HashMap<>();
        reported.put(
                "SUB_UpstreamWatcherFunction",
                names(WatcherService.REPORTED, Metric.UNBUILT_RELEASE_AGE, Metric.REGISTRY_ERRORS));
        reported.put("SUB_RegistryInspectorFunction", names(InspectorService.REPORTED, Metric.UNBUILT_RELEASE_AGE));
        reported.put("SUB_WorkflowDispatcherFunction", names(DispatcherService.REPORTED, Metric.RELEASE_TO_IMAGE));
        return reported;
    }

    private static Set<String> names(List<Metric> metrics, Metric... extra) {
        Set<String> names = new HashSet<>();
        metrics.forEach(m -> names.add(m.metricName()));
        for (Metric m : extra) {
            names.add(m.metricName());
        }
        return names;
    }

    @Test
    void theDashboardIsNamedForTheStack() {
        assertEquals("AWS::CloudWatch::Dashboard", Tree.at(template.resources(), "OperationsDashboard", "Type"));
        assertEquals(
                Map.of("Fn::Sub", "${AWS::StackName}-operations"),
                Tree.at(template.resources(), "OperationsDashboard", "Properties", "DashboardName"));
    }

    @Test
    void everyGraphedMetricIsOneItsFunctionWrites() {
        Map<String, Set<String>> reported = reportedByFunction();
        List<String> strangers = new ArrayList<>();
        for (Graph line : metricLines()) {
            assertEquals(InvocationMetrics.NAMESPACE, line.namespace(), line.toString());
            assertEquals(
                    InvocationMetrics.DIMENSION + "," + InvocationMetrics.TARGET_DIMENSION,
                    line.dimensions(),
                    line.toString());
            if (!reported.getOrDefault(line.function(), Set.of()).contains(line.name())) {
                strangers.add(line.name() + " of " + line.function());
            }
        }
        assertEquals(List.of(), strangers);
    }

    @Test
    void everyMetricTheFunctionsWriteIsGraphed() {
        Set<String> graphed = new TreeSet<>();
        metricLines().forEach(l -> graphed.add(l.name() + " of " + l.function()));
        Set<String> written = new TreeSet<>();
        reportedByFunction().forEach((function, names) -> names.forEach(n -> written.add(n + " of " + function)));
        written.removeAll(graphed);
        assertEquals(Set.of(), written);
    }

    @Test
    void everyGraphIsOfThisRegionAndTheAgesAreMaxima() {
        for (JsonNode widget : dashboard.get("widgets")) {
            if ("metric".equals(widget.get("type").asString())) {
                assertEquals(
                        "SUB_AWS_Region", widget.get("properties").get("region").asString());
            }
        }
        for (Graph line : metricLines()) {
            boolean age = line.name().equals(Metric.UNBUILT_RELEASE_AGE.metricName())
                    || line.name().equals(Metric.RELEASE_TO_IMAGE.metricName());
            assertEquals(age ? "Maximum" : "Sum", line.stat(), line.toString());
            assertEquals(line.stat(), line.widgetStat(), line.toString());
        }
    }

    @Test
    void eachWidgetsExpressionsHaveDistinctIds() {
        for (JsonNode widget : dashboard.get("widgets")) {
            if ("metric".equals(widget.get("type").asString())) {
                Set<String> ids = new HashSet<>();
                for (JsonNode line : widget.get("properties").get("metrics")) {
                    String id = line.get(0).get("id").asString();
                    assertTrue(id.matches("[a-z][a-zA-Z0-9_]*") && ids.add(id), id);
                }
            }
        }
    }

    @Test
    void theFunctionDimensionIsTheFunctionsNameAsLambdaSetsIt() {
        Set<String> substituted = new TreeSet<>();
        Matcher m = SUB_VARIABLE.matcher(body);
        while (m.find()) {
            substituted.add(m.group(1));
        }
        assertEquals(
                Set.of(
                        "AWS::Region",
                        "AWS::StackName",
                        "UpstreamWatcherFunction",
                        "RegistryInspectorFunction",
                        "WorkflowDispatcherFunction"),
                substituted);
        assertTrue(template.functionIds()
                .containsAll(
                        List.of("UpstreamWatcherFunction", "RegistryInspectorFunction", "WorkflowDispatcherFunction")));
    }
}
