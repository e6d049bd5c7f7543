package dev.coreoswatch.pipeline;

import dev.coreoswatch.github.DispatchOutcome;
import dev.coreoswatch.github.GitHubApiException;
import dev.coreoswatch.github.WorkflowDispatchClient;
import dev.coreoswatch.github.WorkflowInputs;
import dev.coreoswatch.github.WorkflowRun;
import dev.coreoswatch.github.WorkflowRuns;
import dev.coreoswatch.json.JsonFormatException;
import dev.coreoswatch.ledger.ClaimDetails;
import dev.coreoswatch.ledger.ClaimResult;
import dev.coreoswatch.ledger.Ledger;
import dev.coreoswatch.ledger.LedgerEntry;
import dev.coreoswatch.ledger.LedgerException;
import dev.coreoswatch.ledger.LedgerKey;
import dev.coreoswatch.ledger.LedgerStatus;
import dev.coreoswatch.model.Action;
import dev.coreoswatch.model.Decision;
import dev.coreoswatch.model.DispatchResult;
import dev.coreoswatch.model.DispatchStatus;
import dev.coreoswatch.model.InvalidValueException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BUILD → exactly one {@code workflow_dispatch}: validate the inputs, apply the in-flight guard
 * (ledger first, then the workflow's runs), claim the combination, dispatch, and record what
 * came of it. A definite failure releases the claim so the next run tries again; an ambiguous
 * one keeps it, marked uncertain, and the next run looks for the run before doing anything.
 */
public final class Dispatch {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatch.class);

    private final Optional<Ledger> ledger;
    private final WorkflowDispatchClient client;
    private final WorkflowRuns runs;
    private final Optional<WorkflowTarget> workflow;
    private final Duration window;
    private final Clock clock;
    private final UnaryOperator<String> tagForStream;

    /** {@code tagForStream}: the tag inspected for a stream ({@code WatchConfig::tagFor}), sent as the {@code tag} input. */
    public Dispatch(Optional<Ledger> ledger, WorkflowDispatchClient client, WorkflowRuns runs, Optional<WorkflowTarget> workflow,
                    Duration window, Clock clock, UnaryOperator<String> tagForStream) {
        this.tagForStream = tagForStream;
        this.ledger = ledger;
        this.client = client;
        this.runs = runs;
        this.workflow = workflow;
        this.window = window;
        this.clock = clock;
    }

    /** The outcome of a stage: the decision, and the message for the report's errors when it failed. */
    public record Result(Decision decision, Optional<String> error) {
        static Result ok(Decision decision) {
            return new Result(decision, Optional.empty());
        }

        static Result failed(Decision decision, String message) {
            return new Result(decision, Optional.of(message));
        }
    }

    public Result dispatch(Decision build, String targetImage, boolean dryRun, String correlationId) {
        if (build.action() != Action.BUILD) {
            return Result.ok(build);
        }
        WorkflowInputs inputs;
        LedgerKey key;
        try {
            inputs = WorkflowInputs.of(build, targetImage, tagForStream.apply(build.stream()));
            key = LedgerKey.of(targetImage, build.stream(), build.coreosVersion(), build.zfsVersion());
        } catch (InvalidValueException | IllegalArgumentException e) {
            String message = "not dispatched: " + e.getMessage();
            return Result.failed(build.withAction(Action.ERROR, message).withDispatch(DispatchResult.NONE), message);
        }
        Instant now = clock.instant();
        try {
            Optional<Result> guarded = inFlightGuard(build, inputs, key, now, dryRun);
            if (guarded.isPresent()) {
                return guarded.get();
            }
        } catch (LedgerException | GitHubApiException | JsonFormatException e) {
            String message = "in-flight check failed, not dispatched: " + e.getMessage();
            return Result.failed(build.withAction(Action.ERROR, message).withDispatch(DispatchResult.NONE), message);
        }
        if (dryRun) {
            return Result.ok(build.withDispatch(DispatchResult.DRY_RUN));
        }
        WorkflowTarget target = workflow.orElseThrow(() -> new IllegalStateException("dispatch without github.workflow.repository"));
        if (!target.refValid()) {
            String message = "not dispatched: github.workflow.ref " + dev.coreoswatch.model.Printable.quote(target.ref()) + " is not a ref";
            return Result.failed(build.withAction(Action.ERROR, message).withDispatch(DispatchResult.NONE), message);
        }
        Ledger claims = ledger.orElseThrow(() -> new IllegalStateException("dispatch without a ledger"));
        ClaimResult claim;
        try {
            claim = claims.claim(key, new ClaimDetails(inputs.reason(), correlationId), now, window);
        } catch (LedgerException e) {
            String message = "ledger claim failed, not dispatched: " + e.getMessage();
            return Result.failed(build.withAction(Action.ERROR, message).withDispatch(DispatchResult.NONE), message);
        }
        if (!claim.won()) {
            LedgerEntry other = claim.entry();
            return Result.ok(build.withAction(Action.IN_FLIGHT, "a concurrent run claimed " + key + " at " + other.claimedAt()
                    + " (until " + other.expiresAt() + ")").withDispatch(new DispatchResult(DispatchStatus.DUPLICATE, other.runId(),
                    other.runUrl())));
        }
        DispatchOutcome outcome = client.dispatch(target.repository(), target.file(), target.ref(), inputs);
        return switch (outcome) {
            case DispatchOutcome.Dispatched d -> {
                record(() -> claims.recordDispatched(key, d.runId(), d.runUrl(), clock.instant()), key);
                LOG.info("dispatched {} to {}: run {} {}", inputs.runTitle(), target.describe(), d.runId(), d.runUrl());
                yield Result.ok(build.withDispatch(new DispatchResult(DispatchStatus.DISPATCHED, d.runId(), d.runUrl())));
            }
            case DispatchOutcome.Definite d -> {
                record(() -> {
                    claims.release(key);
                    return null;
                }, key);
                yield Result.failed(build.withDispatch(new DispatchResult(DispatchStatus.FAILED, null, null)), d.message());
            }
            case DispatchOutcome.Ambiguous a -> {
                record(() -> claims.markUncertain(key, a.message(), clock.instant()), key);
                String message = a.message() + "; the claim is kept and the next run looks for the run before dispatching again";
                yield Result.failed(build.withDispatch(new DispatchResult(DispatchStatus.FAILED, null, null)), message);
            }
        };
    }

    /** IN_FLIGHT (or a HOLD after a failed build) when the ledger or the workflow's runs say so. */
    private Optional<Result> inFlightGuard(Decision build, WorkflowInputs inputs, LedgerKey key, Instant now, boolean dryRun) {
        Optional<LedgerEntry> active = ledger.flatMap(l -> l.find(key)).filter(e -> e.inFlightAt(now));
        if (active.isPresent()) {
            return Optional.of(guardedByLedger(build, inputs, key, active.get(), dryRun));
        }
        if (workflow.isEmpty()) {
            return Optional.empty();
        }
        WorkflowTarget target = workflow.get();
        Optional<WorkflowRun> run = runs.findByTitle(target.repository(), target.file(), inputs.runTitle())
                .filter(r -> !r.completed());
        return run.map(r -> Result.ok(build.withAction(Action.IN_FLIGHT, "run " + r.id() + " of " + target.file() + " named '"
                + inputs.runTitle() + "' is " + r.status()).withDispatch(new DispatchResult(DispatchStatus.NONE, r.id(), r.htmlUrl()))));
    }

    private Result guardedByLedger(Decision build, WorkflowInputs inputs, LedgerKey key, LedgerEntry entry, boolean dryRun) {
        Optional<WorkflowRun> run = Optional.empty();
        String lookup = "";
        if (workflow.isPresent()) {
            WorkflowTarget target = workflow.get();
            try {
                run = entry.runId() != null
                        ? Optional.of(runs.get(target.repository(), entry.runId()))
                        : runs.findByTitle(target.repository(), target.file(), inputs.runTitle());
            } catch (GitHubApiException | JsonFormatException e) {
                lookup = "; its run could not be looked up (" + e.getMessage() + ")";
            }
        }
        if (run.isPresent() && entry.runId() == null && !dryRun && ledger.isPresent()) {
            WorkflowRun found = run.get();
            record(() -> ledger.get().recordDispatched(key, found.id(), found.htmlUrl(), clock.instant()), key);
        }
        Long runId = run.map(WorkflowRun::id).orElse(entry.runId());
        String runUrl = run.map(WorkflowRun::htmlUrl).orElse(entry.runUrl());
        if (run.isPresent() && run.get().completed()) {
            return Result.ok(build.withAction(Action.HOLD, "run " + runId + " completed (" + run.get().conclusion() + ") but the image"
                    + " still lacks this combination; dispatch.in-flight-window " + window + " keeps it from being dispatched"
                    + " again until " + entry.expiresAt()).withDispatch(new DispatchResult(DispatchStatus.NONE, runId, runUrl)));
        }
        String state = run.map(r -> "run " + r.id() + " is " + r.status())
                .orElse(entry.status() == LedgerStatus.UNCERTAIN
                        ? "its dispatch got no clear answer and no run named '" + inputs.runTitle() + "' is listed yet"
                        : "no run is listed yet");
        return Result.ok(build.withAction(Action.IN_FLIGHT, "dispatched at " + entry.claimedAt() + " (" + entry.status().name()
                + "), " + state + lookup + "; in flight until " + entry.expiresAt())
                .withDispatch(new DispatchResult(DispatchStatus.NONE, runId, runUrl)));
    }

    /** Bookkeeping after GitHub acted: a failure here is logged, it must not undo or repeat the dispatch. */
    private static void record(java.util.function.Supplier<Object> write, LedgerKey key) {
        try {
            write.get();
        } catch (LedgerException e) {
            LOG.error("ledger update for {} failed after the dispatch: {}", key, e.getMessage());
        }
    }
}
