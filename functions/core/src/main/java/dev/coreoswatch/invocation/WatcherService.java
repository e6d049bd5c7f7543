package dev.coreoswatch.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coreoswatch.cache.OncePerCheck;
import dev.coreoswatch.config.Fleet;
import dev.coreoswatch.config.Target;
import dev.coreoswatch.config.WatchConfig;
import dev.coreoswatch.decision.NoZfsReleaseException;
import dev.coreoswatch.events.BusEvent;
import dev.coreoswatch.events.EventFormatException;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.json.JsonFormatException;
import dev.coreoswatch.metrics.InvocationMetrics;
import dev.coreoswatch.metrics.Metric;
import dev.coreoswatch.model.Action;
import dev.coreoswatch.model.Decision;
import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.model.Report;
import dev.coreoswatch.model.StageError;
import dev.coreoswatch.model.UpstreamObservation;
import dev.coreoswatch.notify.Notification;
import dev.coreoswatch.pipeline.BoundedParallel;
import dev.coreoswatch.pipeline.EventMapping;
import dev.coreoswatch.pipeline.Watch;
import dev.coreoswatch.pipeline.ZfsTarget;
import dev.coreoswatch.registry.ImageReference;
import dev.coreoswatch.registry.RegistryException;
import dev.coreoswatch.report.ReportJson;
import dev.coreoswatch.upstream.UpstreamException;
import dev.coreoswatch.wiring.Components;
import dev.coreoswatch.wiring.FleetCheck;
import dev.coreoswatch.wiring.FunctionSetup;
import dev.coreoswatch.wiring.LogContext;
import dev.coreoswatch.wiring.Priming;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstream watcher: a scheduled run observes every stream and puts one event per stream on
 * the bus ({@code UpstreamObserved}, or {@code BuildHeld} when a hold applies); a manual run
 * ({@code {"streams": [...], "force": false, "dryRun": true}}) returns the report of docs/contract.md
 * section 4, and with {@code dryRun: false} also publishes its observations.
 *
 * <p>It tells operators about holds: HELD when it publishes {@code BuildHeld}, RELEASED when a
 * stream that was held is observed without a hold (held streams never reach the inspector, so
 * the watcher is the one that sees both). Each invocation writes one metrics document per target.
 */
public final class WatcherService implements FunctionService {
    private static final Logger LOG = LoggerFactory.getLogger(WatcherService.class);

    /** Keys without a default this function cannot work without. */
    public static final List<String> REQUIRED = List.of("events.bus-name");
    /** The metrics every invocation reports (zero or not); the age only where a held stream has one. */
    public static final List<Metric> REPORTED = List.of(
            Metric.STREAMS_CHECKED,
            Metric.HELD,
            Metric.UPSTREAM_ERRORS,
            Metric.NOTIFICATIONS_SENT,
            Metric.NOTIFY_ERRORS);

    static final String FUNCTION = "upstream-watcher";

    private final FunctionSetup setup;

    public WatcherService(FunctionSetup setup) {
        setup.require(REQUIRED, "the upstream watcher");
        this.setup = setup;
    }

    /** A manual payload; a scheduled one is empty or carries none of these keys. */
    record ManualRun(List<String> streams, boolean force, boolean dryRun) {}

    /**
     * SnapStart priming (called before the snapshot, never during an invocation): the input, event and summary
     * JSON paths and the bus and secret paths run once on made-up data; nothing is sent or read. See {@link Priming}.
     */
    public void prime() {
        parse("{\"streams\":[\"stable\"],\"force\":false,\"dryRun\":true}".getBytes(StandardCharsets.UTF_8));
        List<BusEvent> events = List.of(
                Priming.roundTrip(new BusEvent.UpstreamObserved(Priming.OBSERVED)),
                Priming.roundTrip(new BusEvent.BuildHeld(Priming.OBSERVED, "priming")));
        ObjectNode summary = Json.object();
        summary.putArray("published").addObject().put("stream", Priming.OBSERVED.stream());
        Json.parse(Json.bytes(summary), "priming summary");
        setup.prime(FUNCTION, REPORTED, events);
    }

    public byte[] handle(byte[] payload) {
        String correlationId = UUID.randomUUID().toString();
        InvocationMetrics metrics = setup.metrics(FUNCTION, REPORTED);
        metrics.correlationId(correlationId);
        try (LogContext.Scope ignored = LogContext.correlation(correlationId)) {
            Optional<ManualRun> manual = parse(payload);
            return manual.isPresent()
                    ? manual(manual.get(), correlationId, metrics)
                    : scheduled(correlationId, metrics);
        } finally {
            setup.emit(metrics);
        }
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
            return Optional.of(new ManualRun(
                    streams,
                    Json.flag(input, "force", "watcher input"),
                    !input.has("dryRun") || Json.flag(input, "dryRun", "watcher input")));
        } catch (JsonFormatException e) {
            throw new EventFormatException(e.getMessage());
        }
    }

    private byte[] scheduled(String correlationId, InvocationMetrics metrics) {
        Fleet fleet = setup.fleet();
        OncePerCheck check = Components.newCheck(fleet.shared()); // upstream read once for every target
        List<BusEvent> events = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Target target : fleet.targets()) {
            observeTarget(
                    target,
                    check,
                    fleet.targets().size() > 1,
                    correlationId,
                    metrics.forTarget(target.name()),
                    events,
                    errors);
        }
        setup.publish(events);
        events.forEach(e -> Notifications.send(
                setup, metrics.forTarget(e.observed().target()), e.observed().targetImage(), notification(e)));
        ObjectNode summary = Json.object();
        summary.put("correlationId", correlationId);
        var published = summary.putArray("published");
        events.forEach(e -> published
                .addObject()
                .put("target", e.observed().target())
                .put("targetImage", e.observed().targetImage())
                .put("stream", e.observed().stream())
                .put("detailType", e.type().name())
                .put("coreosVersion", e.observed().coreosVersion())
                .put("zfsVersion", e.observed().zfsVersion()));
        errors.forEach(summary.putArray("errors")::add);
        LOG.info("scheduled run {}: published {}, errors {}", correlationId, events.size(), errors);
        if (!errors.isEmpty()) {
            // Fail the invocation so it is retried and, in the end, lands where an operator sees it.
            throw new WatchFailedException(
                    errors.size() + " stream(s) could not be observed: " + String.join("; ", errors));
        }
        return Json.bytes(summary);
    }

    /** A target's streams, side by side; its events and errors are added in the configured order. */
    private void observeTarget(
            Target target,
            OncePerCheck check,
            boolean named,
            String correlationId,
            InvocationMetrics metrics,
            List<BusEvent> events,
            List<String> errors) {
        WatchConfig config = target.config();
        Components components = setup.components().forTarget(config, check);
        Watch watch = components.watch();
        String prefix = named ? target.name() + " " : "";
        metrics.add(Metric.STREAMS_CHECKED, config.streams().size());
        ZfsTarget zfs;
        try {
            zfs = watch.zfsTarget();
        } catch (UpstreamException | NoZfsReleaseException | InvalidValueException | JsonFormatException e) {
            errors.add(prefix + "OpenZFS release: " + e.getMessage());
            metrics.add(Metric.UPSTREAM_ERRORS, config.streams().size()); // no stream could be observed
            return;
        }
        // Streams are observed side by side; events and errors keep the configured order.
        List<StreamOutcome> outcomes = BoundedParallel.STREAMS.map(config.streams(), stream -> {
            try {
                UpstreamObservation observation = watch.observe(stream, config.architectures(), zfs);
                return new StreamOutcome(
                        stream,
                        Optional.of(observation),
                        Optional.of(event(components, target, observation, false, correlationId)),
                        Optional.empty());
            } catch (UpstreamException | InvalidValueException | JsonFormatException e) {
                return new StreamOutcome(stream, Optional.empty(), Optional.empty(), Optional.of(e.getMessage()));
            }
        });
        // Metrics and logs are written here, in configured order, not from the parallel lookups.
        for (StreamOutcome o : outcomes) {
            if (o.event().isPresent()) {
                observed(o.observation().orElseThrow(), o.event().get(), metrics);
                events.add(o.event().get());
            } else {
                String message = o.error().orElseThrow();
                errors.add(prefix + o.stream() + ": " + message);
                metrics.increment(Metric.UPSTREAM_ERRORS);
                LOG.atWarn()
                        .addKeyValue("target", target.name())
                        .addKeyValue("stream", o.stream())
                        .addKeyValue("stage", "upstream")
                        .log("{}stream {}: not observed: {}", prefix, o.stream(), message);
            }
        }
    }

    /** One stream of a scheduled run: its observation and event, or why there is none. */
    private record StreamOutcome(
            String stream,
            Optional<UpstreamObservation> observation,
            Optional<BusEvent> event,
            Optional<String> error) {}

    private byte[] manual(ManualRun run, String correlationId, InvocationMetrics metrics) {
        Fleet fleet = setup.fleet();
        if (!run.streams().isEmpty()) {
            fleet = fleet.map(c -> c.withStreams(run.streams()));
        }
        fleet.targets().forEach(t -> metrics.forTarget(t.name())); // a document per target, in configured order
        List<BusEvent> events = new ArrayList<>();
        Map<String, Instant> releasedAt = new HashMap<>();
        Report report = new FleetCheck(fleet, setup.components(), Optional.empty())
                .run(run.force(), true, correlationId, (target, observation) -> {
                    Components components = setup.components().withConfig(target.config());
                    events.add(event(components, target, observation, run.force(), correlationId));
                    observation.releasedAt().ifPresent(t -> releasedAt.put(observation.stream(), t));
                });
        WatchConfig config = fleet.shared();
        count(report, releasedAt, metrics);
        boolean dryRun = run.dryRun() || config.dryRun();
        if (!dryRun) {
            setup.publish(events);
            events.forEach(e -> Notifications.send(
                    setup,
                    metrics.forTarget(e.observed().target()),
                    e.observed().targetImage(),
                    notification(e)));
        }
        LOG.info(
                "manual run {}: {} stream(s), {} event(s) {}",
                correlationId,
                report.decisions().size(),
                events.size(),
                dryRun ? "not published (dry run)" : "published");
        return ReportJson.write(report).getBytes(StandardCharsets.UTF_8);
    }

    /** One line per stream with the observation's evidence; a held stream's release is not built: its age counts. */
    private void observed(UpstreamObservation observation, BusEvent event, InvocationMetrics metrics) {
        String reason = event instanceof BusEvent.BuildHeld held ? held.reason() : null;
        if (reason != null) {
            metrics.increment(Metric.HELD);
            observation
                    .releasedAt()
                    .ifPresent(t -> metrics.releaseAge(
                            Duration.between(t, setup.components().clock().instant())));
        }
        LOG.atInfo()
                .addKeyValue("stream", observation.stream())
                .addKeyValue("published", event.type().name())
                .addKeyValue("coreosVersion", observation.coreosVersion().text())
                .addKeyValue("zfsVersion", observation.zfs().version().text())
                .addKeyValue("reason", reason)
                .addKeyValue("evidence", observation.evidence())
                .log(
                        "stream {}: {} coreos {} zfs {}{}",
                        observation.stream(),
                        event.type(),
                        observation.coreosVersion(),
                        observation.zfs().version(),
                        reason == null ? "" : ": " + reason);
    }

    /** A manual run's report in numbers, per target, and one line per stream with the decision's evidence. */
    private void count(Report report, Map<String, Instant> releasedAt, InvocationMetrics invocation) {
        Instant now = setup.components().clock().instant();
        for (int i = 0; i < report.decisions().size(); i++) {
            Decision d = report.decisions().get(i);
            String target = report.targetOf(i).name();
            InvocationMetrics metrics = invocation.forTarget(target);
            metrics.increment(Metric.STREAMS_CHECKED);
            if (d.action() == Action.HOLD) {
                metrics.increment(Metric.HELD);
            }
            if (d.action() == Action.SKIP) {
                metrics.releaseAge(Duration.ZERO);
            } else if (d.action() != Action.ERROR && releasedAt.containsKey(d.stream())) {
                metrics.releaseAge(Duration.between(releasedAt.get(d.stream()), now));
            }
            LOG.atInfo()
                    .addKeyValue("stream", d.stream())
                    .addKeyValue("action", d.action().name())
                    .addKeyValue("reason", d.reason())
                    .addKeyValue("evidence", d.evidence())
                    .log("stream {}: {} - {}", d.stream(), d.action(), d.reason());
        }
        for (int i = 0; i < report.errors().size(); i++) {
            StageError error = report.errors().get(i);
            invocation.forTarget(report.errorTargetOf(i).name()).increment(Metric.errors(error.stage()));
        }
    }

    private static Notification notification(BusEvent event) {
        return event instanceof BusEvent.BuildHeld held
                ? Notification.held(held.observed(), held.reason())
                : Notification.released(event.observed());
    }

    /**
     * The target's event for an observation, on the one decision path (docs/contract.md section 7): a
     * hold only stops a build, so a stream an upstream rule would hold is first compared with the
     * target's image, in the Decider's order. The image already carrying the combination is a skip
     * (published as UpstreamObserved, so the inspector says so and no hold is announced); otherwise
     * BuildHeld. Without a readable image the hold stands: it never builds.
     */
    private static BusEvent event(
            Components components,
            Target target,
            UpstreamObservation observation,
            boolean force,
            String correlationId) {
        var observed =
                EventMapping.observed(observation, force, correlationId).forTarget(target.name(), target.imageName());
        Optional<String> hold = components.decider().holdReason(observation);
        if (hold.isEmpty()) {
            return new BusEvent.UpstreamObserved(observed);
        }
        Optional<ImageReference> image = target.image();
        if (image.isPresent()) {
            try {
                Decision decision = components
                        .inspect()
                        .inspect(
                                observation, image.get().withTag(target.config().tagFor(observation.stream())), force);
                if (decision.action() == Action.SKIP) {
                    return new BusEvent.UpstreamObserved(observed);
                }
                return new BusEvent.BuildHeld(
                        observed, decision.action() == Action.HOLD ? decision.reason() : hold.get());
            } catch (RegistryException | InvalidValueException e) {
                LOG.atWarn()
                        .addKeyValue("stream", observation.stream())
                        .addKeyValue("stage", "registry")
                        .log(
                                "stream {}: held; the image could not be compared ({})",
                                observation.stream(),
                                e.getMessage());
            }
        }
        return new BusEvent.BuildHeld(observed, hold.get());
    }
}
