package dev.coreoswatch.invocation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coreoswatch.config.Target;
import dev.coreoswatch.config.WatchConfig;
import dev.coreoswatch.events.BusEvent;
import dev.coreoswatch.events.EventEnvelope;
import dev.coreoswatch.events.EventType;
import dev.coreoswatch.events.Observed;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.metrics.InvocationMetrics;
import dev.coreoswatch.metrics.Metric;
import dev.coreoswatch.model.Action;
import dev.coreoswatch.model.Decision;
import dev.coreoswatch.model.UpstreamObservation;
import dev.coreoswatch.pipeline.EventMapping;
import dev.coreoswatch.registry.ImageReference;
import dev.coreoswatch.wiring.Components;
import dev.coreoswatch.wiring.FunctionSetup;
import dev.coreoswatch.wiring.LogContext;
import dev.coreoswatch.wiring.Priming;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry inspector: {@code UpstreamObserved} → the target image's labels → {@code BuildRequired},
 * {@code BuildSkipped} or {@code BuildHeld}. A registry fault fails the invocation (retried, then
 * the dead-letter queue); it never becomes a build.
 *
 * <p>It sends no notification: every hold is found by the watcher first (the same rules, and a
 * held stream is published as {@code BuildHeld}, which never reaches this function), a skip is
 * no news, and a build is announced when it is dispatched. It is the one that knows whether the
 * newest release is built, so it reports the release's age.
 */
public final class InspectorService implements FunctionService {
    private static final Logger LOG = LoggerFactory.getLogger(InspectorService.class);

    /** Keys without a default this function cannot work without. */
    public static final List<String> REQUIRED = List.of("target.image", "events.bus-name");
    /** The metrics every invocation reports; the age wherever the release date is known (0 once built). */
    public static final List<Metric> REPORTED = List.of(
            Metric.STREAMS_CHECKED, Metric.BUILDS_REQUIRED, Metric.SKIPPED, Metric.HELD, Metric.REGISTRY_ERRORS);

    static final String FUNCTION = "registry-inspector";

    private final FunctionSetup setup;

    public InspectorService(FunctionSetup setup) {
        setup.require(REQUIRED, "the registry inspector");
        this.setup = setup;
    }

    /**
     * SnapStart priming (called before the snapshot, never during an invocation): the event JSON paths and the
     * bus path run once on made-up data; nothing is sent and no registry is asked. See {@link Priming}.
     */
    public void prime() {
        BusEvent in = Priming.roundTrip(new BusEvent.UpstreamObserved(Priming.OBSERVED));
        EventMapping.observation(in.observed());
        setup.config()
                .targetImage()
                .ifPresent(image -> image.withTag(setup.config().tagFor(in.observed().stream())));
        List<BusEvent> out = List.of(
                Priming.roundTrip(Priming.buildRequired()),
                Priming.roundTrip(new BusEvent.BuildSkipped(Priming.OBSERVED, "priming")),
                Priming.roundTrip(new BusEvent.BuildHeld(Priming.OBSERVED, "priming")));
        setup.prime(FUNCTION, REPORTED, out);
    }

    public byte[] handle(byte[] event) {
        InvocationMetrics metrics = setup.metrics(FUNCTION, REPORTED);
        try {
            Observed observed =
                    EventEnvelope.read(event, EventType.UpstreamObserved).observed();
            metrics.correlationId(observed.correlationId());
            metrics.target(observed.target());
            try (LogContext.Scope ignored = LogContext.correlation(observed.correlationId())) {
                return inspect(observed, metrics);
            }
        } finally {
            setup.emit(metrics);
        }
    }

    private byte[] inspect(Observed observed, InvocationMetrics metrics) {
        UpstreamObservation upstream = EventMapping.observation(observed);
        // The event's target as configured now: its image, tag and policy.
        Target target = FunctionSetup.target(setup.fleet(), observed.target());
        WatchConfig config = target.config();
        if (setup.configuredByDocument()) {
            config.require(REQUIRED, "the registry inspector (target " + target.name() + ")");
        }
        ImageReference image = target.image().orElseThrow();
        metrics.increment(Metric.STREAMS_CHECKED);
        Decision decision;
        try {
            Components components = target.name().equals(Target.DEFAULT) && !setup.configuredByDocument()
                    ? setup.components()
                    : setup.components().withConfig(config);
            decision = components
                    .inspect()
                    .inspect(upstream, image.withTag(config.tagFor(upstream.stream())), observed.force());
        } catch (RuntimeException e) {
            metrics.increment(Metric.REGISTRY_ERRORS);
            LOG.atError()
                    .addKeyValue("stream", upstream.stream())
                    .addKeyValue("stage", "registry")
                    .log("stream {}: registry not read: {}", upstream.stream(), e.getMessage());
            throw e;
        }
        // What the inspector publishes names the image it read, whatever the incoming event said.
        Observed inspected = observed.forTarget(target.name(), image.name());
        BusEvent out = switch (decision.action()) {
            case BUILD -> EventMapping.buildRequired(decision, inspected);
            case SKIP -> new BusEvent.BuildSkipped(inspected, decision.reason());
            case HOLD -> new BusEvent.BuildHeld(inspected, decision.reason());
            default -> throw new IllegalStateException("the inspector does not decide " + decision.action());
        };
        count(decision, upstream, metrics);
        setup.publish(List.of(out));
        LOG.atInfo()
                .addKeyValue("stream", upstream.stream())
                .addKeyValue("action", decision.action().name())
                .addKeyValue("published", out.type().name())
                .addKeyValue("reason", decision.reason())
                .addKeyValue("evidence", decision.evidence())
                .log("stream {}: {} - {}", upstream.stream(), decision.action(), decision.reason());
        ObjectNode result = Json.object();
        result.put("stream", decision.stream())
                .put("action", decision.action().name())
                .put("reason", decision.reason())
                .put("published", out.type().name())
                .put("correlationId", observed.correlationId());
        return Json.bytes(result);
    }

    private void count(Decision decision, UpstreamObservation upstream, InvocationMetrics metrics) {
        switch (decision.action()) {
            case BUILD -> metrics.increment(Metric.BUILDS_REQUIRED);
            case SKIP -> metrics.increment(Metric.SKIPPED);
            case HOLD -> metrics.increment(Metric.HELD);
            default -> {}
        }
        if (decision.action() == Action.SKIP) {
            metrics.releaseAge(Duration.ZERO); // the newest release is built: nothing is waiting
        } else {
            upstream.releasedAt()
                    .ifPresent(t -> metrics.releaseAge(
                            Duration.between(t, setup.components().clock().instant())));
        }
    }
}
