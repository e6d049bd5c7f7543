package dev.coreoswatch.github;

/** A run of the build workflow as the runs API lists it. */
public record WorkflowRun(long id, String displayTitle, String status, String conclusion, String htmlUrl) {
    public boolean completed() {
        return "completed".equals(status);
    }
}
