package dev.coreoswatch.model;

/** Outcome of dispatching a decision; run id and URL only when GitHub returned them. */
public record DispatchResult(DispatchStatus status, Long runId, String runUrl) {
    public static final DispatchResult NONE = new DispatchResult(DispatchStatus.NONE, null, null);
    public static final DispatchResult DRY_RUN = new DispatchResult(DispatchStatus.DRY_RUN, null, null);
}
