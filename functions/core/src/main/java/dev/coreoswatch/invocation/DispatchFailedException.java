package dev.coreoswatch.invocation;

/** The dispatch did not happen (or may not have); the ledger already records which. */
public final class DispatchFailedException extends RuntimeException {
    public DispatchFailedException(String message) {
        super(message);
    }
}
