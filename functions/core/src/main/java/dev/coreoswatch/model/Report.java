package dev.coreoswatch.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The result of one check over every configured target and stream (docs/contract.md section 4).
 * {@code targets} holds, for each decision at the same index, the target it belongs to.
 */
public record Report(Instant checkedAt, boolean dryRun, String targetImage, List<Decision> decisions, List<StageError> errors,
                     List<DecisionTarget> targets) {
    public Report {
        decisions = List.copyOf(decisions);
        errors = List.copyOf(errors);
        targets = List.copyOf(targets);
        if (targets.size() != decisions.size()) {
            throw new IllegalArgumentException("every decision needs its target");
        }
    }

    /** One target's report: every decision belongs to {@code target}. */
    public static Report of(Instant checkedAt, boolean dryRun, DecisionTarget target, List<Decision> decisions, List<StageError> errors) {
        return new Report(checkedAt, dryRun, target.image(), decisions, errors, Collections.nCopies(decisions.size(), target));
    }

    /** A single target named {@code default} (revision 1's report). */
    public Report(Instant checkedAt, boolean dryRun, String targetImage, List<Decision> decisions, List<StageError> errors) {
        this(checkedAt, dryRun, targetImage, decisions, errors,
                Collections.nCopies(decisions.size(), new DecisionTarget(DecisionTarget.DEFAULT, targetImage)));
    }

    /** The fleet's report: each target's decisions in order; the top-level image only when there is one target. */
    public static Report ofTargets(Instant checkedAt, boolean dryRun, List<Report> perTarget) {
        List<Decision> decisions = new ArrayList<>();
        List<StageError> errors = new ArrayList<>();
        List<DecisionTarget> targets = new ArrayList<>();
        for (Report report : perTarget) {
            decisions.addAll(report.decisions());
            errors.addAll(report.errors());
            targets.addAll(report.targets());
        }
        String image = perTarget.size() == 1 ? perTarget.get(0).targetImage() : null;
        return new Report(checkedAt, dryRun, image, decisions, errors, targets);
    }

    /** The target of the decision at {@code index}. */
    public DecisionTarget targetOf(int index) {
        return targets.get(index);
    }

    /** docs/contract.md section 3: 3 (a dispatch failed) over 1 (a stream is ERROR) over 0. */
    public int exitCode() {
        if (decisions.stream().anyMatch(d -> d.dispatch().status() == DispatchStatus.FAILED)) {
            return 3;
        }
        return decisions.stream().anyMatch(d -> d.action() == Action.ERROR) ? 1 : 0;
    }
}
