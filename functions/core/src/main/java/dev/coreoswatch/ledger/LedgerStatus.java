package dev.coreoswatch.ledger;

/** Where a claimed combination stands. */
public enum LedgerStatus {
    /** Claimed; the dispatch call has not returned yet (or the process died before it did). */
    CLAIMED,
    /** GitHub accepted the dispatch. */
    DISPATCHED,
    /** The dispatch call ended in a 5xx or a timeout: a run may or may not have started. */
    UNCERTAIN
}
