package dev.coreoswatch.ledger;

/** Where a claimed combination stands: claim → dispatched → completed (verified, or a failed attempt). */
public enum LedgerStatus {
    /** Claimed; the dispatch call has not returned yet (or the process died before it did). */
    CLAIMED,
    /** GitHub accepted the dispatch. */
    DISPATCHED,
    /** The dispatch call ended in a 5xx or a timeout: a run may or may not have started. */
    UNCERTAIN,
    /** The run completed and every configured platform of the image carries the combination. */
    VERIFIED,
    /**
     * The run failed, was cancelled, or succeeded without the image getting the labels within
     * {@code dispatch.verify-grace}: a failed attempt. It frees the combination at once (once told),
     * until {@code dispatch.max-attempts} attempts failed; then the combination is held.
     */
    FAILED;

    /** A status whose run has finished and whose outcome is told once. */
    public boolean completed() {
        return this == VERIFIED || this == FAILED;
    }
}
