package dev.coreoswatch.model;

/** What happens to a stream (docs/contract.md section 1). */
public enum Action {
    SKIP,
    BUILD,
    HOLD,
    IN_FLIGHT,
    ERROR
}
