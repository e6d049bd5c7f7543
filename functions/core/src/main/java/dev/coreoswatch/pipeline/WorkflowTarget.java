package dev.coreoswatch.pipeline;

/** The build workflow to dispatch: repository {@code owner/repo}, workflow file, and ref. */
public record WorkflowTarget(String repository, String file, String ref) {
    public String describe() {
        return repository + " " + file + "@" + ref;
    }
}
