package dev.coreoswatch.ledger;

import java.util.Objects;

/**
 * How a followed run ended, as the ledger records it: {@code VERIFIED} or {@code FAILED}, the run
 * (null where a 204 dispatch left none to find), GitHub's conclusion and the first failed job.
 */
public record LedgerOutcome(LedgerStatus status, Long runId, String runUrl, String conclusion, String failedJob) {
    public LedgerOutcome {
        Objects.requireNonNull(status, "status");
        if (!status.completed()) {
            throw new IllegalArgumentException("an outcome is VERIFIED or FAILED, not " + status);
        }
    }
}
