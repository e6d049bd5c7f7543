package dev.coreoswatch.github;

import java.time.Instant;

/**
 * A run of the build workflow as the runs API lists it. {@code createdAt} and {@code updatedAt}
 * are null where GitHub did not say (updatedAt of a completed run is when it completed).
 */
public record WorkflowRun(
        long id,
        String displayTitle,
        String status,
        String conclusion,
        String htmlUrl,
        Instant createdAt,
        Instant updatedAt) {
    public WorkflowRun(long id, String displayTitle, String status, String conclusion, String htmlUrl) {
        this(id, displayTitle, status, conclusion, htmlUrl, null, null);
    }

    public boolean completed() {
        return "completed".equals(status);
    }

    public boolean succeeded() {
        return completed() && "success".equals(conclusion);
    }
}
