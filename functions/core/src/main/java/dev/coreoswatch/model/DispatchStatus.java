package dev.coreoswatch.model;

/** The fate of a BUILD decision's dispatch (docs/contract.md section 4). */
public enum DispatchStatus {
    NONE,
    DRY_RUN,
    DISPATCHED,
    DUPLICATE,
    FAILED
}
