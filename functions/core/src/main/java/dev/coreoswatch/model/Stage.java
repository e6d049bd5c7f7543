package dev.coreoswatch.model;

import java.util.Locale;

/** Where a stream's decision broke down. */
public enum Stage {
    UPSTREAM,
    REGISTRY,
    DISPATCH;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
