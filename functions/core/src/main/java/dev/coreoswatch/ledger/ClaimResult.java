package dev.coreoswatch.ledger;

/** The outcome of {@link Ledger#claim}: this caller owns the combination now, or someone else does. */
public sealed interface ClaimResult {
    LedgerEntry entry();

    /** The claim is ours: dispatch, then record the outcome. */
    record Claimed(LedgerEntry entry) implements ClaimResult {}

    /** An unexpired entry exists (ours from an earlier run, or a concurrent winner): do not dispatch. */
    record AlreadyClaimed(LedgerEntry entry) implements ClaimResult {}

    default boolean won() {
        return this instanceof Claimed;
    }
}
