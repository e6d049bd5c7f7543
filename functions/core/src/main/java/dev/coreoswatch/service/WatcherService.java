package dev.coreoswatch.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coreoswatch.config.WatchConfig;
import dev.coreoswatch.decision.NoZfsReleaseException;
import dev.coreoswatch.events.BusEvent;
import dev.coreoswatch.events.EventFormatException;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.json.JsonFormatException;
import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.model.Report;
import dev.coreoswatch.model.UpstreamObservation;
import dev.coreoswatch.pipeline.BoundedParallel;
import dev.coreoswatch.pipeline.EventMapping;
import dev.coreoswatch.pipeline.Watch;
import dev.coreoswatch.pipeline.ZfsTarget;
import dev.coreoswatch.report.ReportJson;
import dev.coreoswatch.upstream.UpstreamException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstream watcher: a scheduled run observes every stream and puts one event per stream on
 * the bus ({@code UpstreamObserved}, or {@code BuildHeld} when a hold applies); a manual run
 * ({@code {"streams": [...], "force": false, "dryRun": true}}) returns the report of CONTRACT
 * section 4, and with {@code dryRun: false} also publishes its observations.
 */
public final class WatcherService {
    private static final Logger LOG = LoggerFactory.getLogger(WatcherService.class);

    /** Keys without a default this function cannot work without. */
    public static final List<String> REQUIRED = List.of("events.bus-name");

    private final FunctionSetup setup;

    public WatcherService(FunctionSetup setup) {
        setup.config().require(REQUIRED, "the upstream watcher");
        this.setup = setup;
    }

    /** A manual payload; a scheduled one is empty or carries none of these keys. */
    record ManualRun(List<String> streams, boolean force, boolean dryRun) {
    }

    public byte[] handle(byte[] payload) {
        Optional<ManualRun> manual = parse(payload);
        String correlationId = UUID.randomUUID().toString();
        return manual.isPresent() ? manual(manual.get(), correlationId) : scheduled(correlationId);
    }

    static Optional<ManualRun> parse(byte[] payload) {
        if (payload == null || new String(payload, StandardCharsets.UTF_8).isBlank()) {
            return Optional.empty();
        }
        JsonNode input;
        try {
            input = Json.parse(payload, "watcher input");
        } catch (JsonFormatException e) {
            throw new EventFormatException(e.getMessage());
        }
        if (input.isNull()) {
            return Optional.empty();
        }
        if (!input.isObject()) {
            throw new EventFormatException("watcher input must be a JSON object (empty for a scheduled run)");
        }
        if (!input.has("streams") && !input.has("force") && !input.has("dryRun")) {
            return Optional.empty(); // EventBridge Scheduler's payload: a scheduled run
        }
        List<String> streams = new ArrayList<>();
        JsonNode list = input.get("streams");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new EventFormatException("watcher input: streams must be an array of stream names");
            }
            for (JsonNode s : list) {
                if (!s.isTextual()) {
                    throw new EventFormatException("watcher input: streams must be an array of stream names");
                }
                streams.add(s.textValue());
            }
        }
        try {
            return Optional.of(new ManualRun(streams, Json.flag(input, "force", "watcher input"),
                    !input.has("dryRun") || Json.flag(input, "dryRun", "watcher input")));
        } catch (JsonFormatException e) {
            throw new EventFormatException(e.getMessage());
        }
    }

    private byte[] scheduled(String correlationId) {
        WatchConfig config = setup.config();
        Watch watch = setup.components().watch();
        List<BusEvent> events = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        ZfsTarget zfs = null;
        try {
            zfs = watch.zfsTarget();
        } catch (UpstreamException | NoZfsReleaseException | InvalidValueException | JsonFormatException e) {
            errors.add("OpenZFS release: " + e.getMessage());
        }
        if (zfs != null) {
            ZfsTarget target = zfs;
            // Streams are observed side by side; events and errors keep the configured order.
            List<StreamOutcome> outcomes = BoundedParallel.STREAMS.map(config.streams(), stream -> {
                try {
                    return new StreamOutcome(Optional.of(event(watch.observe(stream, config.architectures(), target), false, correlationId)),
                            Optional.empty());
                } catch (UpstreamException | InvalidValueException | JsonFormatException e) {
                    return new StreamOutcome(Optional.empty(), Optional.of(stream + ": " + e.getMessage()));
                }
            });
            outcomes.forEach(o -> {
                o.event().ifPresent(events::add);
                o.error().ifPresent(errors::add);
            });
        }
        setup.publish(events);
        ObjectNode summary = Json.MAPPER.createObjectNode();
        summary.put("correlationId", correlationId);
        var published = summary.putArray("published");
        events.forEach(e -> published.addObject().put("stream", e.observed().stream()).put("detailType", e.type().name())
                .put("coreosVersion", e.observed().coreosVersion()).put("zfsVersion", e.observed().zfsVersion()));
        errors.forEach(summary.putArray("errors")::add);
        LOG.info("scheduled run {}: published {}, errors {}", correlationId, events.size(), errors);
        if (!errors.isEmpty()) {
            // Fail the invocation so it is retried and, in the end, lands where an operator sees it.
            throw new WatchFailedException(errors.size() + " stream(s) could not be observed: " + String.join("; ", errors));
        }
        return summary.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One stream of a scheduled run: its event, or why there is none. */
    private record StreamOutcome(Optional<BusEvent> event, Optional<String> error) {
    }

    private byte[] manual(ManualRun run, String correlationId) {
        WatchConfig config = run.streams().isEmpty() ? setup.config() : setup.config().withStreams(run.streams());
        List<BusEvent> events = new ArrayList<>();
        Report report = setup.components().withConfig(config).check(Optional.empty())
                .run(run.force(), true, correlationId, observation -> events.add(event(observation, run.force(), correlationId)));
        boolean dryRun = run.dryRun() || config.dryRun();
        if (!dryRun) {
            setup.publish(events);
        }
        LOG.info("manual run {}: {} stream(s), {} event(s) {}", correlationId, report.decisions().size(), events.size(),
                dryRun ? "not published (dry run)" : "published");
        return ReportJson.write(report).getBytes(StandardCharsets.UTF_8);
    }

    private BusEvent event(UpstreamObservation observation, boolean force, String correlationId) {
        var observed = EventMapping.observed(observation, force, correlationId);
        return setup.components().decider().holdReason(observation)
                .<BusEvent>map(reason -> new BusEvent.BuildHeld(observed, reason))
                .orElseGet(() -> new BusEvent.UpstreamObserved(observed));
    }
}
