package dev.coreoswatch.pipeline;

import dev.coreoswatch.config.WatchConfig;

/** The build workflow to dispatch: repository {@code owner/repo}, workflow file, and ref. */
public record WorkflowTarget(String repository, String file, String ref) {
    /** The doors check the ref at start (WatchConfig.dispatchRef); this is the last line before it leaves. */
    public boolean refValid() {
        return WatchConfig.isRef(ref);
    }

    public String describe() {
        return repository + " " + file + "@" + ref;
    }
}
