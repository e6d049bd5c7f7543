package dev.coreoswatch.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coreoswatch.events.BusEvent;
import dev.coreoswatch.events.EventEnvelope;
import dev.coreoswatch.events.EventType;
import dev.coreoswatch.events.Observed;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.model.Decision;
import dev.coreoswatch.model.UpstreamObservation;
import dev.coreoswatch.pipeline.EventMapping;
import dev.coreoswatch.registry.ImageReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry inspector: {@code UpstreamObserved} → the target image's labels → {@code BuildRequired},
 * {@code BuildSkipped} or {@code BuildHeld}. A registry fault fails the invocation (retried, then
 * the dead-letter queue); it never becomes a build.
 */
public final class InspectorService {
    private static final Logger LOG = LoggerFactory.getLogger(InspectorService.class);

    /** Keys without a default this function cannot work without. */
    public static final List<String> REQUIRED = List.of("target.image", "events.bus-name");

    private final FunctionSetup setup;
    private final ImageReference target;

    public InspectorService(FunctionSetup setup) {
        setup.config().require(REQUIRED, "the registry inspector");
        this.setup = setup;
        this.target = setup.config().targetImage().orElseThrow();
    }

    /**
     * SnapStart priming (called before the snapshot, never during an invocation): the event JSON paths and the
     * bus path run once on made-up data; nothing is sent and no registry is asked. See {@link Priming}.
     */
    public void prime() {
        BusEvent in = Priming.roundTrip(new BusEvent.UpstreamObserved(Priming.OBSERVED));
        EventMapping.observation(in.observed());
        target.withTag(setup.config().tagFor(in.observed().stream()));
        List<BusEvent> out = List.of(Priming.roundTrip(Priming.buildRequired()),
                Priming.roundTrip(new BusEvent.BuildSkipped(Priming.OBSERVED, "priming")),
                Priming.roundTrip(new BusEvent.BuildHeld(Priming.OBSERVED, "priming")));
        setup.prime(out);
    }

    public byte[] handle(byte[] event) {
        Observed observed = EventEnvelope.read(event, EventType.UpstreamObserved).observed();
        UpstreamObservation upstream = EventMapping.observation(observed);
        Decision decision = setup.components().inspect()
                .inspect(upstream, target.withTag(setup.config().tagFor(upstream.stream())), observed.force());
        BusEvent out = switch (decision.action()) {
            case BUILD -> EventMapping.buildRequired(decision, observed);
            case SKIP -> new BusEvent.BuildSkipped(observed, decision.reason());
            case HOLD -> new BusEvent.BuildHeld(observed, decision.reason());
            default -> throw new IllegalStateException("the inspector does not decide " + decision.action());
        };
        setup.publish(List.of(out));
        LOG.info("stream {} ({}): {} - {}", upstream.stream(), observed.correlationId(), decision.action(), decision.reason());
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("stream", decision.stream()).put("action", decision.action().name()).put("reason", decision.reason())
                .put("published", out.type().name()).put("correlationId", observed.correlationId());
        return result.toString().getBytes(StandardCharsets.UTF_8);
    }
}
