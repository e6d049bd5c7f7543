package dev.coreoswatch.invocation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coreoswatch.aws.AwsClients;
import dev.coreoswatch.aws.Lazy;
import dev.coreoswatch.config.ConfigException;
import dev.coreoswatch.config.Target;
import dev.coreoswatch.config.WatchConfig;
import dev.coreoswatch.events.BusEvent;
import dev.coreoswatch.events.EventEnvelope;
import dev.coreoswatch.events.EventType;
import dev.coreoswatch.events.Observed;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.ledger.DynamoDbLedger;
import dev.coreoswatch.ledger.Ledger;
import dev.coreoswatch.metrics.InvocationMetrics;
import dev.coreoswatch.metrics.Metric;
import dev.coreoswatch.model.Action;
import dev.coreoswatch.model.Decision;
import dev.coreoswatch.model.DispatchStatus;
import dev.coreoswatch.notify.Notification;
import dev.coreoswatch.pipeline.BuildOutcomes;
import dev.coreoswatch.pipeline.Dispatch;
import dev.coreoswatch.pipeline.EventMapping;
import dev.coreoswatch.wiring.FunctionSetup;
import dev.coreoswatch.wiring.LogContext;
import dev.coreoswatch.wiring.Priming;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workflow dispatcher: {@code BuildRequired} → claim in the DynamoDB ledger → {@code workflow_dispatch}
 * → {@code BuildDispatched}. EventBridge delivers at least once: the same event twice finds the
 * claim and dispatches nothing. A failed dispatch fails the invocation after the ledger says what
 * happened, so the retry (or the dead-letter queue) sees the truth.
 *
 * <p>It tells operators about dispatches (with the run's URL) and failures: a dispatch that
 * failed, and a run that completed without the image getting the combination. Each invocation
 * writes one metrics document.
 */
public final class DispatcherService implements FunctionService {
    private static final Logger LOG = LoggerFactory.getLogger(DispatcherService.class);

    /** Keys without a default this function cannot work without (and a token: the secret, or github.token). */
    public static final List<String> REQUIRED =
            List.of("target.image", "github.workflow.repository", "ledger.table", "events.bus-name");
    /** The metrics every invocation reports (zero or not). */
    public static final List<Metric> REPORTED = List.of(
            Metric.DISPATCHED,
            Metric.IN_FLIGHT,
            Metric.HELD,
            Metric.DISPATCH_ERRORS,
            Metric.NOTIFICATIONS_SENT,
            Metric.NOTIFY_ERRORS,
            Metric.BUILDS_VERIFIED,
            Metric.BUILDS_FAILED);

    static final String FUNCTION = "workflow-dispatcher";

    private final FunctionSetup setup;
    private final Supplier<Ledger> ledger;
    private final Supplier<Dispatch> dispatch;
    /** The invocation's metrics, for the outcome sink (one invocation at a time per environment). */
    private InvocationMetrics metricsNow;

    public DispatcherService(FunctionSetup setup) {
        this(
                setup,
                () -> new DynamoDbLedger(
                        AwsClients.dynamoDb().get(),
                        setup.config().ledgerTable().orElseThrow()));
    }

    public DispatcherService(FunctionSetup setup, Supplier<Ledger> ledger) {
        setup.require(REQUIRED, "the workflow dispatcher");
        if (!setup.config().isSet("github.token-secret-arn") && !setup.config().isSet("github.token")) {
            throw new ConfigException(
                    "github.token-secret-arn",
                    "the workflow dispatcher needs a GitHub token:"
                            + " github.token-secret-arn (GITHUB_TOKEN_SECRET_ARN) or github.token");
        }
        if (!setup.configuredByDocument()) {
            setup.config().dispatchRef();
        }
        this.setup = setup;
        this.ledger = new Lazy<>(ledger);
        this.dispatch = new Lazy<>(() -> setup.components().dispatch(Optional.of(this.ledger.get())));
    }

    /**
     * SnapStart priming (called before the snapshot, never during an invocation): the event JSON paths, the
     * ledger's DynamoDB path and the bus and secret paths run once on made-up data and canned transports; the real
     * DynamoDB client and dispatch step are built, nothing is sent and no secret is read. See {@link Priming}.
     */
    public void prime() {
        BusEvent.BuildRequired required = (BusEvent.BuildRequired) Priming.roundTrip(Priming.buildRequired());
        EventMapping.decision(required);
        dispatch.get();
        Priming.ledger();
        Priming.roundTrip(new BusEvent.BuildSkipped(required.observed(), "priming"));
        setup.prime(
                FUNCTION,
                REPORTED,
                List.of(
                        Priming.roundTrip(new BusEvent.BuildDispatched(
                                required, 1L, "https://github.com/priming/priming/actions/runs/1")),
                        Priming.roundTrip(new BusEvent.BuildCompleted(
                                required.observed(),
                                1L,
                                "https://github.com/priming/priming/actions/runs/1",
                                "success",
                                true,
                                1,
                                null,
                                Map.of("x86_64", "sha256:" + "0".repeat(64)),
                                null))));
    }

    public byte[] handle(byte[] event) {
        InvocationMetrics metrics = setup.metrics(FUNCTION, REPORTED);
        metricsNow = metrics;
        try {
            BusEvent in = EventEnvelope.read(event, EventType.BuildRequired, EventType.BuildSkipped);
            String correlationId = in.observed().correlationId();
            metrics.correlationId(correlationId);
            metrics.target(in.observed().target());
            try (LogContext.Scope ignored = LogContext.correlation(correlationId)) {
                if (in instanceof BusEvent.BuildSkipped skipped) {
                    return follow(skipped);
                }
                return dispatch((BusEvent.BuildRequired) in, metrics);
            }
        } finally {
            metricsNow = null;
            setup.emit(metrics);
        }
    }

    /** The image carries the combination: a followed run of it is verified (and told) now. */
    private byte[] follow(BusEvent.BuildSkipped skipped) {
        Decision skip = EventMapping.decision(
                        new BusEvent.BuildRequired(skipped.observed(), skipped.reason(), List.of(), Map.of()))
                .withAction(Action.SKIP, skipped.reason());
        Target target = FunctionSetup.target(setup.fleet(), skipped.observed().target());
        String image = target.image().orElseThrow().name();
        stepFor(target)
                .tellingTo(outcomes(skipped.observed(), image))
                .follow(skip, image, target.config().dryRun());
        ObjectNode out = Json.object();
        out.put("stream", skip.stream())
                .put("action", Action.SKIP.name())
                .put("correlationId", skipped.observed().correlationId());
        return Json.bytes(out);
    }

    /** Each outcome: one BuildCompleted on the bus (a failure throws: the ledger marks it untold) and one notification. */
    /** The dispatch step of a target as configured now (the single target keeps the one built at start). */
    private Dispatch stepFor(Target target) {
        return setup.configuredByDocument() || !target.name().equals(Target.DEFAULT)
                ? setup.components().withConfig(target.config()).dispatch(Optional.of(ledger.get()))
                : dispatch.get();
    }

    private BuildOutcomes outcomes(Observed observed, String image) {
        return completion -> {
            Map<String, String> digests = new LinkedHashMap<>();
            completion.digests().forEach((arch, digest) -> digests.put(arch.fcosName(), digest));
            setup.publish(List.of(new BusEvent.BuildCompleted(
                    observed,
                    completion.runId(),
                    completion.runUrl(),
                    completion.conclusion(),
                    completion.verified(),
                    completion.attempt(),
                    completion.failedJob(),
                    digests,
                    completion.completedAt())));
            InvocationMetrics metrics = metricsNow;
            if (completion.verified()) {
                Optional<Duration> freshness = Optional.ofNullable(observed.releasedAt())
                        .filter(t -> completion.completedAt() != null)
                        .map(t -> Duration.between(t, completion.completedAt()));
                if (metrics != null) {
                    metrics.increment(Metric.BUILDS_VERIFIED);
                    freshness.ifPresent(metrics::freshness);
                }
                String details = "Platform digests: " + (digests.isEmpty() ? "(none read)" : digests) + "\n"
                        + freshness
                                .map(d -> "From the FCOS release to the image: " + d.toMinutes() + " minutes")
                                .orElse("The FCOS release time is not known.");
                Notifications.send(setup, metrics, image, Notification.built(observed, details, completion.runUrl()));
            } else {
                if (metrics != null) {
                    metrics.increment(Metric.BUILDS_FAILED);
                }
                Notifications.send(
                        setup,
                        metrics,
                        image,
                        Notification.failedRun(
                                observed,
                                "attempt " + completion.attempt() + ": "
                                        + completion.why() + " (conclusion " + completion.conclusion()
                                        + (completion.failedJob() == null
                                                ? ""
                                                : ", first failed job " + completion.failedJob())
                                        + ")",
                                completion.runUrl()));
            }
        };
    }

    private byte[] dispatch(BusEvent.BuildRequired required, InvocationMetrics metrics) {
        Decision build = EventMapping.decision(required);
        // The event's target, as configured now: its workflow, its image (the ledger key), its dry run.
        Target target = FunctionSetup.target(setup.fleet(), required.observed().target());
        WatchConfig config = target.config();
        if (setup.configuredByDocument()) {
            config.require(REQUIRED, "the workflow dispatcher (target " + target.name() + ")");
            config.dispatchRef();
        }
        String image = target.image().orElseThrow().name();
        Dispatch.Result result;
        try {
            result = stepFor(target)
                    .tellingTo(outcomes(required.observed(), image))
                    .dispatch(build, image, config.dryRun(), required.observed().correlationId());
        } catch (RuntimeException e) {
            metrics.increment(Metric.DISPATCH_ERRORS);
            throw e;
        }
        Decision decision = result.decision();
        String outcome = result.error().orElse(decision.reason());
        LOG.atInfo()
                .addKeyValue("stream", decision.stream())
                .addKeyValue("action", decision.action().name())
                .addKeyValue("dispatch", decision.dispatch().status().name())
                .addKeyValue("runUrl", decision.dispatch().runUrl())
                .addKeyValue("reason", outcome)
                .addKeyValue("evidence", decision.evidence())
                .log(
                        "stream {}: {} dispatch {} {}",
                        decision.stream(),
                        decision.action(),
                        decision.dispatch().status(),
                        outcome);
        boolean failed =
                decision.action() == Action.ERROR || decision.dispatch().status() == DispatchStatus.FAILED;
        if (failed) {
            metrics.increment(Metric.DISPATCH_ERRORS);
            Notifications.send(setup, metrics, image, Notification.failed(required.observed(), outcome));
            throw new DispatchFailedException(outcome);
        }
        switch (decision.action()) {
            case IN_FLIGHT -> metrics.increment(Metric.IN_FLIGHT);
            case HOLD -> {
                // dispatch.max-attempts builds failed (each was told as it happened): the combination is held.
                metrics.increment(Metric.HELD);
                Notifications.send(setup, metrics, image, Notification.held(required.observed(), decision.reason()));
            }
            default -> {}
        }
        if (decision.dispatch().status() == DispatchStatus.DISPATCHED) {
            metrics.increment(Metric.DISPATCHED);
            setup.publish(List.of(new BusEvent.BuildDispatched(
                    required, decision.dispatch().runId(), decision.dispatch().runUrl())));
            Notifications.send(
                    setup,
                    metrics,
                    image,
                    Notification.dispatched(
                            required.observed(),
                            required.reason(),
                            decision.dispatch().runUrl()));
        }
        ObjectNode out = Json.object();
        out.put("stream", decision.stream())
                .put("action", decision.action().name())
                .put("reason", decision.reason())
                .put("dispatch", decision.dispatch().status().name());
        if (decision.dispatch().runId() != null) {
            out.put("runId", decision.dispatch().runId());
        }
        out.put("runUrl", decision.dispatch().runUrl())
                .put("correlationId", required.observed().correlationId());
        return Json.bytes(out);
    }
}
