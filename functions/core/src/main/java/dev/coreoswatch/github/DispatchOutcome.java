package dev.coreoswatch.github;

/**
 * What a {@code workflow_dispatch} call came to. {@link Definite} failures mean GitHub did not
 * start a run (the claim can be released); {@link Ambiguous} means it may have.
 */
public sealed interface DispatchOutcome {
    /** 200 with run details, or 204 (older servers): runId and runUrl are null then. */
    record Dispatched(Long runId, String runUrl) implements DispatchOutcome {}

    /** 404/422 (configuration), 401/403 (auth), or a rate limit that outlasted our budget. */
    record Definite(int status, String message) implements DispatchOutcome {}

    /** 5xx, a timeout or a broken connection: a run may exist; look before dispatching again. */
    record Ambiguous(String message) implements DispatchOutcome {}
}
