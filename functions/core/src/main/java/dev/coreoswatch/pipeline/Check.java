package dev.coreoswatch.pipeline;

import dev.coreoswatch.config.WatchConfig;
import dev.coreoswatch.decision.Decider;
import dev.coreoswatch.decision.NoZfsReleaseException;
import dev.coreoswatch.json.JsonFormatException;
import dev.coreoswatch.model.Action;
import dev.coreoswatch.model.Decision;
import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.model.Report;
import dev.coreoswatch.model.Stage;
import dev.coreoswatch.model.StageError;
import dev.coreoswatch.model.UpstreamObservation;
import dev.coreoswatch.registry.ImageReference;
import dev.coreoswatch.registry.RegistryException;
import dev.coreoswatch.upstream.UpstreamException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watch ∘ Inspect over every stream in one process (the CLI's chain). Each stream is decided on
 * its own: one that fails is an ERROR line and the others still decide. Streams are decided side
 * by side (a small bound); observations are handed on, and BUILDs dispatched, one after another
 * in the configured order, so the report, the events and the dispatches keep that order.
 */
public final class Check {
    private static final Logger LOG = LoggerFactory.getLogger(Check.class);

    private final WatchConfig config;
    private final Watch watch;
    private final Inspect inspect;
    private final Decider decider;
    private final Dispatch dispatch;
    private final Clock clock;
    private final BoundedParallel streams;

    public Check(WatchConfig config, Watch watch, Inspect inspect, Decider decider, Dispatch dispatch, Clock clock) {
        this(config, watch, inspect, decider, dispatch, clock, BoundedParallel.SEQUENTIAL);
    }

    /** {@code streams}: how many streams are decided at once. */
    public Check(
            WatchConfig config,
            Watch watch,
            Inspect inspect,
            Decider decider,
            Dispatch dispatch,
            Clock clock,
            BoundedParallel streams) {
        this.streams = streams;
        this.config = config;
        this.watch = watch;
        this.inspect = inspect;
        this.decider = decider;
        this.dispatch = dispatch;
        this.clock = clock;
    }

    /** Decides every configured stream; with {@code dryRun} false, BUILD decisions are dispatched. */
    public Report run(boolean force, boolean dryRun) {
        return run(force, dryRun, UUID.randomUUID().toString(), observation -> {});
    }

    /** As {@link #run(boolean, boolean)}; {@code observed} sees each stream's observation (the watcher publishes them). */
    public Report run(boolean force, boolean dryRun, String correlationId, Consumer<UpstreamObservation> observed) {
        var checkedAt = clock.instant();
        List<Decision> decisions = new ArrayList<>();
        List<StageError> errors = new ArrayList<>();
        ZfsTarget zfs = null;
        String zfsFailure = null;
        try {
            zfs = watch.zfsTarget();
        } catch (UpstreamException | NoZfsReleaseException | InvalidValueException | JsonFormatException e) {
            zfsFailure = "OpenZFS release: " + e.getMessage();
        }
        ZfsTarget target = zfs;
        String failure = zfsFailure;
        List<Outcome> outcomes = streams.map(
                config.streams(),
                stream -> target == null
                        ? Outcome.failed(Stage.UPSTREAM, Decisions.error(stream, null, failure))
                        : decideStream(stream, target, force));
        for (int i = 0; i < outcomes.size(); i++) {
            String stream = config.streams().get(i);
            Outcome outcome = outcomes.get(i);
            outcome.observation().ifPresent(observed);
            if (outcome.decision().action() == Action.BUILD) {
                Dispatch.Result result = dispatch.dispatch(
                        outcome.decision(), config.targetImage().orElseThrow().name(), dryRun, correlationId);
                outcome = new Outcome(
                        result.decision(),
                        result.error().map(m -> new StageError(stream, Stage.DISPATCH, m)),
                        outcome.observation());
            } else if (outcome.decision().action() == Action.SKIP
                    && config.targetImage().isPresent()) {
                // The image carries it: a build of it that is still followed is verified now.
                dispatch.follow(outcome.decision(), config.targetImage().get().name(), dryRun);
            }
            Decision decision = outcome.decision();
            outcome.error().ifPresent(errors::add);
            LOG.info(
                    "stream {}: {} coreos {} zfs {}: {}",
                    stream,
                    decision.action(),
                    decision.coreosVersion(),
                    decision.zfsVersion(),
                    decision.reason());
            decisions.add(decision);
        }
        return new Report(
                checkedAt,
                dryRun,
                config.targetImage().map(ImageReference::name).orElse(null),
                decisions,
                errors);
    }

    private Outcome decideStream(String stream, ZfsTarget zfs, boolean force) {
        UpstreamObservation upstream;
        try {
            upstream = watch.observe(stream, config.architectures(), zfs);
        } catch (UpstreamException | InvalidValueException | JsonFormatException e) {
            return Outcome.failed(Stage.UPSTREAM, Decisions.error(stream, null, e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("stream {}: unexpected failure reading upstream", stream, e);
            return Outcome.failed(
                    Stage.UPSTREAM, Decisions.error(stream, null, "internal error reading upstream: " + e));
        }
        Optional<ImageReference> target = config.targetImage();
        if (target.isEmpty()) {
            Optional<String> hold = decider.holdReason(upstream);
            return hold.map(h -> new Outcome(
                            Decisions.of(upstream, Action.HOLD, h), Optional.empty(), Optional.of(upstream)))
                    .orElseGet(() -> Outcome.failed(
                                    Stage.REGISTRY,
                                    Decisions.of(
                                            upstream,
                                            Action.ERROR,
                                            "no target image configured (set target.image, TARGET_IMAGE or --target-image); upstream and"
                                                    + " compatibility are reported, the build decision needs the image"))
                            .observed(upstream));
        }
        try {
            Decision decision = inspect.inspect(upstream, target.get().withTag(config.tagFor(stream)), force);
            return new Outcome(decision, Optional.empty(), Optional.of(upstream));
        } catch (RegistryException | InvalidValueException e) {
            return Outcome.failed(Stage.REGISTRY, Decisions.of(upstream, Action.ERROR, e.getMessage()))
                    .observed(upstream);
        } catch (RuntimeException e) {
            LOG.error("stream {}: unexpected failure reading the registry", stream, e);
            return Outcome.failed(
                            Stage.REGISTRY,
                            Decisions.of(upstream, Action.ERROR, "internal error reading the registry: " + e))
                    .observed(upstream);
        }
    }

    /**
     * A stream's decision; for an ERROR, the report's error entry naming the stage; and the
     * upstream observation, when one was made (it is handed on even if the registry then failed).
     */
    private record Outcome(Decision decision, Optional<StageError> error, Optional<UpstreamObservation> observation) {
        static Outcome failed(Stage stage, Decision decision) {
            return new Outcome(
                    decision,
                    Optional.of(new StageError(decision.stream(), stage, decision.reason())),
                    Optional.empty());
        }

        Outcome observed(UpstreamObservation upstream) {
            return new Outcome(decision, error, Optional.of(upstream));
        }
    }
}
