package dev.coreoswatch.model;

import java.time.Instant;
import java.util.List;

/** The result of one check over every configured stream (docs/contract.md section 4). */
public record Report(Instant checkedAt, boolean dryRun, String targetImage, List<Decision> decisions, List<StageError> errors) {
    public Report {
        decisions = List.copyOf(decisions);
        errors = List.copyOf(errors);
    }

    /** docs/contract.md section 3: 3 (a dispatch failed) over 1 (a stream is ERROR) over 0. */
    public int exitCode() {
        if (decisions.stream().anyMatch(d -> d.dispatch().status() == DispatchStatus.FAILED)) {
            return 3;
        }
        return decisions.stream().anyMatch(d -> d.action() == Action.ERROR) ? 1 : 0;
    }
}
