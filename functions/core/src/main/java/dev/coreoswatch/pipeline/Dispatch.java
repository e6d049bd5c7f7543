package dev.coreoswatch.pipeline;

import dev.coreoswatch.config.BuildPolicy;
import dev.coreoswatch.decision.TargetState;
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
import dev.coreoswatch.ledger.LedgerOutcome;
import dev.coreoswatch.ledger.LedgerStatus;
import dev.coreoswatch.model.Action;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.ArchResult;
import dev.coreoswatch.model.Combination;
import dev.coreoswatch.model.Decision;
import dev.coreoswatch.model.DispatchResult;
import dev.coreoswatch.model.DispatchStatus;
import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.model.Printable;
import dev.coreoswatch.registry.RegistryException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BUILD → exactly one {@code workflow_dispatch}: validate the inputs, apply the in-flight guard
 * (ledger first, then the workflow's runs), claim the combination, dispatch, and record what
 * came of it. A definite failure releases the claim so the next run tries again; an ambiguous
 * one keeps it, marked uncertain, and the next run looks for the run before doing anything.
 *
 * <p>It also follows each dispatched run to its image (CONTRACT section 7): at the next check the
 * run is looked up (by id, or by title among runs created since the claim); a success whose image
 * carries the labels is a verified build, a failure, a cancellation or a success still without the
 * labels after {@code dispatch.verify-grace} a failed attempt, which frees the combination at once
 * until {@code dispatch.max-attempts} failed. Each outcome is recorded and told exactly once.
 */
public final class Dispatch {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatch.class);

    private final Optional<Ledger> ledger;
    private final WorkflowDispatchClient client;
    private final WorkflowRuns runs;
    private final Optional<WorkflowTarget> workflow;
    private final Duration window;
    private final Clock clock;
    private final BuildPolicy policy;
    private final ImageRead.Reader images;
    private final BuildOutcomes outcomes;
    private final UnaryOperator<String> tagForStream;

    /** {@code tagForStream}: the tag inspected for a stream ({@code WatchConfig::tagFor}), sent as the {@code tag} input. */
    public Dispatch(
            Optional<Ledger> ledger,
            WorkflowDispatchClient client,
            WorkflowRuns runs,
            Optional<WorkflowTarget> workflow,
            Duration window,
            Clock clock,
            UnaryOperator<String> tagForStream,
            BuildPolicy policy,
            ImageRead.Reader images,
            BuildOutcomes outcomes) {
        this.tagForStream = tagForStream;
        this.ledger = ledger;
        this.client = client;
        this.runs = runs;
        this.workflow = workflow;
        this.window = window;
        this.clock = clock;
        this.policy = policy;
        this.images = images;
        this.outcomes = outcomes;
    }

    /** The same step telling outcomes to {@code other} (the functions publish and notify; the CLI logs). */
    public Dispatch tellingTo(BuildOutcomes other) {
        return new Dispatch(ledger, client, runs, workflow, window, clock, tagForStream, policy, images, other);
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
            key = LedgerKey.of(targetImage, build.stream(), build.combination());
        } catch (InvalidValueException | IllegalArgumentException e) {
            String message = "not dispatched: " + e.getMessage();
            return Result.failed(build.withAction(Action.ERROR, message).withDispatch(DispatchResult.NONE), message);
        }
        Instant now = clock.instant();
        try {
            Optional<Result> guarded = inFlightGuard(build, targetImage, inputs, key, now, dryRun);
            if (guarded.isPresent()) {
                return guarded.get();
            }
        } catch (LedgerException
                | GitHubApiException
                | JsonFormatException
                | RegistryException
                | InvalidValueException e) {
            String message = "in-flight check failed, not dispatched: " + e.getMessage();
            return Result.failed(build.withAction(Action.ERROR, message).withDispatch(DispatchResult.NONE), message);
        }
        if (dryRun) {
            return Result.ok(build.withDispatch(DispatchResult.DRY_RUN));
        }
        WorkflowTarget target =
                workflow.orElseThrow(() -> new IllegalStateException("dispatch without github.workflow.repository"));
        if (!target.refValid()) {
            String message = "not dispatched: github.workflow.ref " + Printable.quote(target.ref()) + " is not a ref";
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
            return Result.ok(build.withAction(
                            Action.IN_FLIGHT,
                            "a concurrent run claimed " + key + " at " + other.claimedAt() + " (until "
                                    + other.expiresAt() + ")")
                    .withDispatch(new DispatchResult(DispatchStatus.DUPLICATE, other.runId(), other.runUrl())));
        }
        DispatchOutcome outcome = client.dispatch(target.repository(), target.file(), target.ref(), inputs);
        return switch (outcome) {
            case DispatchOutcome.Dispatched d -> {
                record(() -> claims.recordDispatched(key, d.runId(), d.runUrl(), clock.instant()), key);
                LOG.info("dispatched {} to {}: run {} {}", inputs.runTitle(), target.describe(), d.runId(), d.runUrl());
                yield Result.ok(
                        build.withDispatch(new DispatchResult(DispatchStatus.DISPATCHED, d.runId(), d.runUrl())));
            }
            case DispatchOutcome.Definite d -> {
                record(
                        () -> {
                            claims.release(key);
                            return null;
                        },
                        key);
                yield Result.failed(
                        build.withDispatch(new DispatchResult(DispatchStatus.FAILED, null, null)), d.message());
            }
            case DispatchOutcome.Ambiguous a -> {
                record(() -> claims.markUncertain(key, a.message(), clock.instant()), key);
                String message =
                        a.message() + "; the claim is kept and the next run looks for the run before dispatching again";
                yield Result.failed(build.withDispatch(new DispatchResult(DispatchStatus.FAILED, null, null)), message);
            }
        };
    }

    /**
     * SKIP: the image carries the combination. A run of it that is still followed ends here as a
     * verified build (told once); an outcome recorded earlier but not told is told now. A failure
     * is logged and left for the next check: the ledger still says what is pending.
     */
    public void follow(Decision skip, String targetImage, boolean dryRun) {
        if (skip.action() != Action.SKIP || dryRun || ledger.isEmpty()) {
            return;
        }
        try {
            LedgerKey key = LedgerKey.of(targetImage, skip.stream(), skip.combination());
            Optional<LedgerEntry> found = ledger.get().find(key);
            if (found.isEmpty() || found.get().status() == LedgerStatus.FAILED) {
                return;
            }
            LedgerEntry entry = found.get();
            ImageRead image = images.read(skip.stream(), arches(skip));
            if (entry.status() == LedgerStatus.VERIFIED) {
                if (!entry.outcomeNotified()) {
                    tell(entry, skip, targetImage, image.digests(), entry.updatedAt(), "verified");
                }
                return;
            }
            Optional<WorkflowRun> run = Optional.empty();
            try {
                run = lookup(entry, WorkflowInputs.runTitle(skip.stream(), skip.combination()));
            } catch (GitHubApiException | JsonFormatException e) {
                LOG.warn(
                        "stream {}: the run of {} could not be looked up ({}); verified without it",
                        skip.stream(),
                        key,
                        e.getMessage());
            }
            Instant completedAt = run.map(WorkflowRun::updatedAt).orElse(clock.instant());
            LedgerOutcome outcome = new LedgerOutcome(
                    LedgerStatus.VERIFIED,
                    run.map(WorkflowRun::id).orElse(null),
                    run.map(WorkflowRun::htmlUrl).orElse(null),
                    run.map(WorkflowRun::conclusion).orElse(null),
                    null);
            Optional<LedgerEntry> recorded = ledger.get().recordOutcome(key, entry, outcome, clock.instant());
            recorded.ifPresent(e ->
                    tell(e, skip, targetImage, image.digests(), completedAt, "every platform carries the combination"));
        } catch (RuntimeException e) {
            LOG.warn(
                    "stream {}: following the build of coreos {} zfs {} failed ({}); the next check tries again",
                    skip.stream(),
                    skip.coreosVersion(),
                    skip.zfsVersion(),
                    e.getMessage());
        }
    }

    /** IN_FLIGHT, HOLD or ERROR when the ledger, the followed run or the workflow's runs say so; empty: claim and dispatch. */
    private Optional<Result> inFlightGuard(
            Decision build, String targetImage, WorkflowInputs inputs, LedgerKey key, Instant now, boolean dryRun) {
        Optional<LedgerEntry> found = ledger.flatMap(l -> l.find(key));
        if (found.isEmpty()) {
            return runInFlight(build, inputs);
        }
        LedgerEntry entry = found.get();
        return switch (entry.status()) {
            case FAILED -> afterFailure(build, targetImage, key, entry, dryRun || entry.outcomeNotified());
            case VERIFIED ->
                entry.inFlightAt(now)
                        ? Optional.of(Result.ok(build.withAction(
                                        Action.IN_FLIGHT,
                                        "run " + entry.runId() + " was verified at " + entry.updatedAt()
                                                + " but the image lacks the combination again; in flight until "
                                                + entry.expiresAt())
                                .withDispatch(new DispatchResult(DispatchStatus.NONE, entry.runId(), entry.runUrl()))))
                        : Optional.empty();
            default -> followRun(build, targetImage, inputs, key, entry, now, dryRun);
        };
    }

    /** No ledger entry: a run of this title that is not completed (dispatched by hand, or the ledger was lost) still blocks. */
    private Optional<Result> runInFlight(Decision build, WorkflowInputs inputs) {
        if (workflow.isEmpty()) {
            return Optional.empty();
        }
        WorkflowTarget target = workflow.get();
        Optional<WorkflowRun> run = runs.findByTitle(target.repository(), target.file(), inputs.runTitle())
                .filter(r -> !r.completed());
        return run.map(r -> Result.ok(build.withAction(
                        Action.IN_FLIGHT,
                        "run " + r.id() + " of " + target.file() + " named '" + inputs.runTitle() + "' is "
                                + r.status())
                .withDispatch(new DispatchResult(DispatchStatus.NONE, r.id(), r.htmlUrl()))));
    }

    /** The run of a claim: by its id, or the newest of its title created since the claim (never an older one). */
    private Optional<WorkflowRun> lookup(LedgerEntry entry, String title) {
        if (workflow.isEmpty()) {
            return Optional.empty();
        }
        WorkflowTarget target = workflow.get();
        return entry.runId() != null
                ? Optional.of(runs.get(target.repository(), entry.runId()))
                : runs.findClaimed(target.repository(), target.file(), title, entry.claimedAt());
    }

    private Optional<Result> followRun(
            Decision build,
            String targetImage,
            WorkflowInputs inputs,
            LedgerKey key,
            LedgerEntry entry,
            Instant now,
            boolean dryRun) {
        Optional<WorkflowRun> run = Optional.empty();
        String lookup = "";
        try {
            run = lookup(entry, inputs.runTitle());
        } catch (GitHubApiException | JsonFormatException e) {
            lookup = "; its run could not be looked up (" + e.getMessage() + ")";
        }
        LedgerEntry bound = entry;
        if (run.isPresent() && entry.runId() == null && !dryRun && ledger.isPresent()) {
            WorkflowRun found = run.get();
            try {
                // An uncertain claim becomes DISPATCHED here: what follows compares against this entry, not the one
                // read before.
                bound = ledger.get().recordDispatched(key, found.id(), found.htmlUrl(), clock.instant());
            } catch (LedgerException e) {
                LOG.error("ledger update for {} failed after finding its run: {}", key, e.getMessage());
            }
        }
        Long runId = run.map(WorkflowRun::id).orElse(entry.runId());
        String runUrl = run.map(WorkflowRun::htmlUrl).orElse(entry.runUrl());
        if (run.isPresent() && run.get().completed()) {
            return completedRun(build, targetImage, key, bound, run.get(), now, dryRun);
        }
        if (!entry.inFlightAt(now)) {
            return Optional.empty(); // expired without a completed run to follow: the claim is taken over
        }
        String state = run.map(r -> "run " + r.id() + " is " + r.status())
                .orElse(
                        entry.status() == LedgerStatus.UNCERTAIN
                                ? "its dispatch got no clear answer and no run named '" + inputs.runTitle()
                                        + "' is listed yet"
                                : "no run is listed yet");
        return Optional.of(Result.ok(build.withAction(
                        Action.IN_FLIGHT,
                        "dispatched at " + entry.claimedAt() + " ("
                                + entry.status().name() + "), " + state + lookup + "; in flight until "
                                + entry.expiresAt())
                .withDispatch(new DispatchResult(DispatchStatus.NONE, runId, runUrl))));
    }

    /** A completed run and an image that (as inspected) lacks the combination. */
    private Optional<Result> completedRun(
            Decision build,
            String targetImage,
            LedgerKey key,
            LedgerEntry entry,
            WorkflowRun run,
            Instant now,
            boolean dryRun) {
        DispatchResult runResult = new DispatchResult(DispatchStatus.NONE, run.id(), run.htmlUrl());
        String why;
        if (run.succeeded()) {
            ImageRead image = images.read(build.stream(), arches(build));
            if (image.state().notVisible()) {
                // The bootstrap rule: the first build was allowed because "denied" meant "not visible"; it landed
                // unseen.
                String message = "the build succeeded but " + targetImage
                        + " is not readable anonymously: make the package public"
                        + " or configure registry credentials (run " + run.id() + ")";
                return Optional.of(
                        Result.failed(build.withAction(Action.ERROR, message).withDispatch(runResult), message));
            }
            if (carriesAll(image.state(), build)) {
                if (!dryRun) {
                    ledger.get()
                            .recordOutcome(
                                    key,
                                    entry,
                                    new LedgerOutcome(
                                            LedgerStatus.VERIFIED, run.id(), run.htmlUrl(), run.conclusion(), null),
                                    now)
                            .ifPresent(e -> tell(
                                    e,
                                    build,
                                    targetImage,
                                    image.digests(),
                                    completedAt(run, entry),
                                    "every platform carries the combination"));
                }
                return Optional.of(Result.ok(build.withAction(
                                Action.SKIP,
                                "run " + run.id() + " succeeded and "
                                        + image.state().reference() + " now carries coreos " + build.coreosVersion()
                                        + " with zfs " + build.zfsVersion())
                        .withDispatch(runResult)));
            }
            Instant completedAt = completedAt(run, entry);
            Instant deadline = completedAt.plus(policy.verifyGrace());
            if (now.isBefore(deadline)) {
                return Optional.of(Result.ok(build.withAction(
                                Action.IN_FLIGHT,
                                "run " + run.id() + " succeeded at " + completedAt
                                        + "; waiting until " + deadline + " (dispatch.verify-grace "
                                        + policy.verifyGrace() + ") for the labels on "
                                        + image.state().reference())
                        .withDispatch(runResult)));
            }
            why = "run " + run.id() + " succeeded but " + image.state().reference()
                    + " still lacks the labels after dispatch.verify-grace " + policy.verifyGrace();
        } else {
            why = "run " + run.id() + " concluded " + Printable.quote(run.conclusion());
        }
        if (dryRun) {
            boolean exhausted = entry.attempts() + 1 >= policy.maxAttempts();
            return Optional.of(Result.ok(
                    exhausted
                            ? build.withAction(
                                            Action.HOLD,
                                            why + "; that is failed attempt " + (entry.attempts() + 1)
                                                    + " of dispatch.max-attempts " + policy.maxAttempts())
                                    .withDispatch(runResult)
                            : build.withAction(Action.BUILD, why + "; a new attempt would be dispatched")
                                    .withDispatch(DispatchResult.DRY_RUN)));
        }
        String job = null;
        if (!run.succeeded() && workflow.isPresent()) {
            try {
                job = runs.firstFailedJob(workflow.get().repository(), run.id()).orElse(null);
            } catch (GitHubApiException | JsonFormatException e) {
                LOG.warn("jobs of run {} could not be read: {}", run.id(), e.getMessage());
            }
        }
        LedgerOutcome outcome = new LedgerOutcome(LedgerStatus.FAILED, run.id(), run.htmlUrl(), run.conclusion(), job);
        Optional<LedgerEntry> failed = ledger.get().recordOutcome(key, entry, outcome, now);
        String reason = why;
        failed.ifPresent(e -> tell(e, build, targetImage, Map.of(), completedAt(run, entry), reason));
        Optional<LedgerEntry> current = ledger.get().find(key);
        if (current.isEmpty() || current.get().status() != LedgerStatus.FAILED) {
            return Optional.of(
                    Result.ok(build.withAction(Action.IN_FLIGHT, why + "; a concurrent check took the combination over")
                            .withDispatch(new DispatchResult(DispatchStatus.DUPLICATE, run.id(), run.htmlUrl()))));
        }
        // Told just now, or tried and failed: either way not a second time in this check.
        return afterFailure(build, targetImage, key, current.get(), true);
    }

    /**
     * A failed attempt: held at the limit, told if it was not yet ({@code told}: no telling now), else free for the
     * next attempt at once.
     */
    private Optional<Result> afterFailure(
            Decision build, String targetImage, LedgerKey key, LedgerEntry failed, boolean told) {
        DispatchResult last = new DispatchResult(DispatchStatus.NONE, failed.runId(), failed.runUrl());
        if (!told) {
            tell(
                    failed,
                    build,
                    targetImage,
                    Map.of(),
                    failed.updatedAt(),
                    "run " + failed.runId() + " concluded " + Printable.quote(failed.conclusion()));
        }
        if (failed.attempts() >= policy.maxAttempts()) {
            return Optional.of(Result.ok(build.withAction(
                            Action.HOLD,
                            "builds of coreos " + build.coreosVersion() + " with zfs "
                                    + build.zfsVersion() + " failed " + failed.attempts()
                                    + " time(s), dispatch.max-attempts is " + policy.maxAttempts()
                                    + "; last run "
                                    + (failed.runUrl() != null ? failed.runUrl() : String.valueOf(failed.runId()))
                                    + " (" + failed.conclusion()
                                    + (failed.failedJob() == null ? "" : ", " + failed.failedJob()) + ")"
                                    + "; held until the upstream combination changes or an operator runs release-hold --stream "
                                    + build.stream())
                    .withDispatch(last)));
        }
        if (!failed.outcomeNotified() && ledger.isPresent()) {
            if (!ledger.get().find(key).map(LedgerEntry::outcomeNotified).orElse(true)) {
                return Optional.of(Result.ok(build.withAction(
                                Action.IN_FLIGHT,
                                "the failure of run " + failed.runId()
                                        + " is not told yet; the next check tells it, then dispatches attempt "
                                        + (failed.attempts() + 1))
                        .withDispatch(last)));
            }
        }
        return Optional.empty();
    }

    /** Tells one recorded outcome; only the caller that marks it told tells, and a failure puts the mark back. */
    private boolean tell(
            LedgerEntry entry,
            Decision decision,
            String targetImage,
            Map<Arch, String> digests,
            Instant completedAt,
            String why) {
        Ledger store = ledger.orElseThrow();
        if (!store.markNotified(entry.key(), true, clock.instant())) {
            return false;
        }
        boolean verified = entry.status() == LedgerStatus.VERIFIED;
        int attempt = verified ? entry.attempts() + 1 : entry.attempts();
        try {
            outcomes.completed(new BuildCompletion(
                    decision,
                    targetImage,
                    entry.runId(),
                    entry.runUrl(),
                    entry.conclusion(),
                    verified,
                    attempt,
                    entry.failedJob(),
                    why,
                    digests,
                    completedAt));
            return true;
        } catch (RuntimeException e) {
            LOG.error(
                    "stream {}: the outcome of {} could not be told ({}); the next check tells it",
                    decision.stream(),
                    entry.key(),
                    e.getMessage());
            try {
                store.markNotified(entry.key(), false, clock.instant());
            } catch (LedgerException restore) {
                LOG.error(
                        "stream {}: the outcome of {} stays marked told: {}",
                        decision.stream(),
                        entry.key(),
                        restore.getMessage());
            }
            return false;
        }
    }

    private static Instant completedAt(WorkflowRun run, LedgerEntry entry) {
        return run.updatedAt() != null ? run.updatedAt() : entry.updatedAt();
    }

    private static List<Arch> arches(Decision decision) {
        return decision.architectures().stream().map(ArchResult::arch).toList();
    }

    /** Every configured arch of the decision carries its combination (the kernel where both sides know it). */
    private static boolean carriesAll(TargetState state, Decision decision) {
        Combination wanted = decision.combination();
        return !wanted.kernels().isEmpty()
                && wanted.kernels().keySet().stream()
                        .allMatch(a -> wanted.carriedBy(state.labels().get(a), a));
    }

    /** Bookkeeping after GitHub acted: a failure here is logged, it must not undo or repeat the dispatch. */
    private static void record(Supplier<Object> write, LedgerKey key) {
        try {
            write.get();
        } catch (LedgerException e) {
            LOG.error("ledger update for {} failed after the dispatch: {}", key, e.getMessage());
        }
    }
}
