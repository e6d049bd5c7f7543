package dev.coreoswatch.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.local.SamTemplate;
import dev.coreoswatch.metrics.InvocationMetrics;
import dev.coreoswatch.metrics.Metric;
import dev.coreoswatch.service.DispatcherService;
import dev.coreoswatch.service.InspectorService;
import dev.coreoswatch.service.WatcherService;
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
 * the namespace and dimension the code uses, and every metric the code writes is graphed.
 */
class TemplateDashboardTest {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    static SamTemplate template;
    static String body;
    static JsonNode dashboard;

    @BeforeAll
    static void load() {
        template = ProjectFiles.loadTemplate();
        body = (String) Tree.at(template.resources(), "OperationsDashboard", "Properties", "DashboardBody", "Fn::Sub");
        // What CloudFormation does: each ${Name} becomes a plain string (a name, an id, a region).
        Matcher m = SUB_VARIABLE.matcher(body);
        dashboard = TemplateSchemaValidator.JSON.readTree(m.replaceAll(r -> "SUB_" + r.group(1).replace("::", "_")));
    }

    /** Every metric line of every widget: [namespace, name, dimension, value, options?]. */
    private static List<JsonNode> metricLines() {
        List<JsonNode> lines = new ArrayList<>();
        for (JsonNode widget : dashboard.get("widgets")) {
            if ("metric".equals(widget.get("type").asString())) {
                widget.get("properties").get("metrics").forEach(lines::add);
            }
        }
        return lines;
    }

    /** What each function's service writes: its always-reported counts and the extras it adds when they happen. */
    private static Map<String, Set<String>> reportedByFunction() {
        Map<String, Set<String>> reported = new HashMap<>();
        reported.put("SUB_UpstreamWatcherFunction", names(WatcherService.REPORTED, Metric.UNBUILT_RELEASE_AGE, Metric.REGISTRY_ERRORS));
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
        assertEquals(Map.of("Fn::Sub", "${AWS::StackName}-operations"),
                Tree.at(template.resources(), "OperationsDashboard", "Properties", "DashboardName"));
    }

    @Test
    void everyGraphedMetricIsOneItsFunctionWrites() {
        Map<String, Set<String>> reported = reportedByFunction();
        List<String> strangers = new ArrayList<>();
        for (JsonNode line : metricLines()) {
            String namespace = line.get(0).asString();
            String name = line.get(1).asString();
            String function = line.get(3).asString();
            assertEquals(InvocationMetrics.NAMESPACE, namespace, line.toString());
            assertEquals(InvocationMetrics.DIMENSION, line.get(2).asString(), line.toString());
            if (!reported.getOrDefault(function, Set.of()).contains(name)) {
                strangers.add(name + " of " + function);
            }
        }
        assertEquals(List.of(), strangers);
    }

    @Test
    void everyMetricTheFunctionsWriteIsGraphed() {
        Set<String> graphed = new TreeSet<>();
        metricLines().forEach(l -> graphed.add(l.get(1).asString() + " of " + l.get(3).asString()));
        Set<String> written = new TreeSet<>();
        reportedByFunction().forEach((function, names) -> names.forEach(n -> written.add(n + " of " + function)));
        written.removeAll(graphed);
        assertEquals(Set.of(), written);
    }

    @Test
    void everyGraphIsOfThisRegionAndTheAgesAreMaxima() {
        for (JsonNode widget : dashboard.get("widgets")) {
            if ("metric".equals(widget.get("type").asString())) {
                JsonNode p = widget.get("properties");
                assertEquals("SUB_AWS_Region", p.get("region").asString(), p.get("title").asString());
                String first = p.get("metrics").get(0).get(1).asString();
                boolean age = first.equals(Metric.UNBUILT_RELEASE_AGE.metricName()) || first.equals(Metric.RELEASE_TO_IMAGE.metricName());
                assertEquals(age ? "Maximum" : "Sum", p.get("stat").asString(), p.get("title").asString());
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
        assertEquals(Set.of("AWS::Region", "AWS::StackName", "UpstreamWatcherFunction", "RegistryInspectorFunction",
                "WorkflowDispatcherFunction"), substituted);
        assertTrue(template.functionIds().containsAll(List.of("UpstreamWatcherFunction", "RegistryInspectorFunction",
                "WorkflowDispatcherFunction")));
    }
}
