package dev.coreoswatch.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The result of one check over every configured target and stream (docs/contract.md section 4).
 * {@code targets} holds, for each decision at the same index, the target it belongs to;
 * {@code errorTargets} the same for each error.
 */
public record Report(
        Instant checkedAt,
        boolean dryRun,
        String targetImage,
        List<Decision> decisions,
        List<StageError> errors,
        List<DecisionTarget> targets,
        List<DecisionTarget> errorTargets) {
    public Report {
        decisions = List.copyOf(decisions);
        errors = List.copyOf(errors);
        targets = List.copyOf(targets);
        errorTargets = List.copyOf(errorTargets);
        if (targets.size() != decisions.size() || errorTargets.size() != errors.size()) {
            throw new IllegalArgumentException("every decision and every error needs its target");
        }
    }

    /** One target's report: every decision and error belongs to {@code target}. */
    public static Report of(
            Instant checkedAt,
            boolean dryRun,
            DecisionTarget target,
            List<Decision> decisions,
            List<StageError> errors) {
        return new Report(
                checkedAt,
                dryRun,
                target.image(),
                decisions,
                errors,
                Collections.nCopies(decisions.size(), target),
                Collections.nCopies(errors.size(), target));
    }

    /** A single target named {@code default} (revision 1's report). */
    public Report(
            Instant checkedAt, boolean dryRun, String targetImage, List<Decision> decisions, List<StageError> errors) {
        this(
                checkedAt,
                dryRun,
                targetImage,
                decisions,
                errors,
                Collections.nCopies(decisions.size(), new DecisionTarget(DecisionTarget.DEFAULT, targetImage)),
                Collections.nCopies(errors.size(), new DecisionTarget(DecisionTarget.DEFAULT, targetImage)));
    }

    /** The fleet's report: each target's decisions in order; the top-level image only when there is one target. */
    public static Report ofTargets(Instant checkedAt, boolean dryRun, List<Report> perTarget) {
        List<Decision> decisions = new ArrayList<>();
        List<StageError> errors = new ArrayList<>();
        List<DecisionTarget> targets = new ArrayList<>();
        List<DecisionTarget> errorTargets = new ArrayList<>();
        for (Report report : perTarget) {
            decisions.addAll(report.decisions());
            errors.addAll(report.errors());
            targets.addAll(report.targets());
            errorTargets.addAll(report.errorTargets());
        }
        String image = perTarget.size() == 1 ? perTarget.get(0).targetImage() : null;
        return new Report(checkedAt, dryRun, image, decisions, errors, targets, errorTargets);
    }

    /** The target of the decision at {@code index}. */
    public DecisionTarget targetOf(int index) {
        return targets.get(index);
    }

    /** The target of the error at {@code index}. */
    public DecisionTarget errorTargetOf(int index) {
        return errorTargets.get(index);
    }

    /** docs/contract.md section 3: 3 (a dispatch failed) over 1 (a stream is ERROR) over 0. */
    public int exitCode() {
        if (decisions.stream().anyMatch(d -> d.dispatch().status() == DispatchStatus.FAILED)) {
            return 3;
        }
        return decisions.stream().anyMatch(d -> d.action() == Action.ERROR) ? 1 : 0;
    }
}
