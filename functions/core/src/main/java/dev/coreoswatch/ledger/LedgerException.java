package dev.coreoswatch.ledger;

/**
 * The ledger could not answer or record. Callers must not dispatch on this: without a claim
 * there is no guard against a second build of the same combination.
 */
public class LedgerException extends RuntimeException {
    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
