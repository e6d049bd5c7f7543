package dev.coreoswatch.pipeline;

/** The build workflow to dispatch: repository {@code owner/repo}, workflow file, and ref. */
public record WorkflowTarget(String repository, String file, String ref) {
    private static final java.util.regex.Pattern REF = java.util.regex.Pattern.compile("[A-Za-z0-9_./-]{1,200}");

    /** The doors check the ref at start (WatchConfig.dispatchRef); this is the last line before it leaves. */
    public boolean refValid() {
        return REF.matcher(ref).matches() && !ref.contains("..") && !ref.contains("/.github/workflows/");
    }

    public String describe() {
        return repository + " " + file + "@" + ref;
    }
}
