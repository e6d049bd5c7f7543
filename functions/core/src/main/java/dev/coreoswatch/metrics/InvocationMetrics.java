package dev.coreoswatch.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coreoswatch.json.Json;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The metrics of one invocation, written as one CloudWatch Embedded Metric Format document on
 * one stdout line: CloudWatch Logs turns it into metrics, so no PutMetricData call (and no
 * permission, no latency) is needed. Every metric a function reports is in each of its
 * documents, zeros included, so that sums per period are right and graphs have no gaps.
 *
 * <p>Metrics are per target (dimension {@code Target}, the target's name): the inspector and
 * dispatcher name the target of their event; the watcher, which handles every target in one
 * invocation, counts each into {@link #forTarget} and writes one document per target.
 */
public final class InvocationMetrics {
    public static final String NAMESPACE = "coreos-watch";
    public static final String DIMENSION = "Function";
    public static final String TARGET_DIMENSION = "Target";

    /** Lambda ships stdout to CloudWatch Logs; flushed at once, since a frozen environment keeps what it buffered. */
    public static final Consumer<String> STDOUT = line -> {
        PrintStream out = System.out;
        out.print(line + "\n");
        out.flush();
    };

    private final String function;
    private final Collection<Metric> reported;
    private final Map<Metric, Long> counts = new EnumMap<>(Metric.class);
    private final Map<String, InvocationMetrics> targets = new LinkedHashMap<>();
    private Duration releaseAge;
    private Duration freshness;
    private String correlationId;
    private String target;

    /** {@code reported} are the counts this function always reports (zero unless added to). */
    public InvocationMetrics(String function, Collection<Metric> reported) {
        this.function = function;
        this.reported = List.copyOf(reported);
        for (Metric metric : reported) {
            if (metric.unit() == Metric.Unit.COUNT) {
                counts.put(metric, 0L);
            }
        }
    }

    public synchronized void add(Metric metric, long amount) {
        if (metric.unit() != Metric.Unit.COUNT) {
            throw new IllegalArgumentException(metric + " is not a count");
        }
        counts.merge(metric, amount, Long::sum);
    }

    public void increment(Metric metric) {
        add(metric, 1);
    }

    /** Reports the largest age seen; a release dated in the future (clock skew) counts as zero. */
    public synchronized void releaseAge(Duration age) {
        Duration bounded = age.isNegative() ? Duration.ZERO : age;
        if (releaseAge == null || bounded.compareTo(releaseAge) > 0) {
            releaseAge = bounded;
        }
    }

    /** Minutes from an FCOS release to its verified image; the largest of the invocation. */
    public synchronized void freshness(Duration fromRelease) {
        Duration bounded = fromRelease.isNegative() ? Duration.ZERO : fromRelease;
        if (freshness == null || bounded.compareTo(freshness) > 0) {
            freshness = bounded;
        }
    }

    /** Not a dimension (that would make one metric per run): a field to find the run's log lines by. */
    public synchronized void correlationId(String id) {
        this.correlationId = id;
    }

    /** The {@code Target} dimension: the target of the event this invocation handles. */
    public synchronized void target(String name) {
        this.target = name;
    }

    /**
     * The counts of one target of this invocation (created at the first call, the same after): once
     * there is one, {@link #documents} writes one document per target instead of this one's.
     */
    public synchronized InvocationMetrics forTarget(String name) {
        return targets.computeIfAbsent(name, n -> {
            InvocationMetrics metrics = new InvocationMetrics(function, reported);
            metrics.target(n);
            metrics.correlationId(correlationId);
            return metrics;
        });
    }

    /** What the invocation writes, one line each: a document per target, or this one where there is no target. */
    public synchronized List<String> documents(Instant timestamp) {
        if (targets.isEmpty()) {
            return List.of(toEmf(timestamp));
        }
        return targets.values().stream().map(m -> m.toEmf(timestamp)).toList();
    }

    public synchronized long count(Metric metric) {
        return counts.getOrDefault(metric, 0L);
    }

    /**
     * The EMF document: {@code _aws} metadata, the {@code Function} and {@code Target} dimensions, then each value.
     * Without a target (an event that could not be read) the dimension is {@code Function} alone.
     */
    public synchronized String toEmf(Instant timestamp) {
        ObjectNode root = Json.object();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", timestamp.toEpochMilli());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        ArrayNode dimensions = directive.putArray("Dimensions").addArray().add(DIMENSION);
        ArrayNode definitions = directive.putArray("Metrics");
        root.put(DIMENSION, function);
        if (target != null) {
            dimensions.add(TARGET_DIMENSION);
            root.put(TARGET_DIMENSION, target);
        }
        if (correlationId != null) {
            root.put("correlationId", correlationId);
        }
        counts.forEach((metric, value) -> {
            definitions
                    .addObject()
                    .put("Name", metric.metricName())
                    .put("Unit", metric.unit().cloudWatchName());
            root.put(metric.metricName(), value);
        });
        if (releaseAge != null) {
            Metric age = Metric.UNBUILT_RELEASE_AGE;
            definitions
                    .addObject()
                    .put("Name", age.metricName())
                    .put("Unit", age.unit().cloudWatchName());
            root.put(age.metricName(), Math.round(releaseAge.toSeconds() / 36.0) / 100.0);
        }
        if (freshness != null) {
            Metric minutes = Metric.RELEASE_TO_IMAGE;
            definitions
                    .addObject()
                    .put("Name", minutes.metricName())
                    .put("Unit", minutes.unit().cloudWatchName());
            root.put(minutes.metricName(), freshness.toMinutes());
        }
        return Json.write(root);
    }
}
