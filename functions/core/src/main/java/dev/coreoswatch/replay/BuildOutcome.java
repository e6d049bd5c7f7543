package dev.coreoswatch.replay;

/** How a simulated build ends. */
public enum BuildOutcome {
    /** Every arch's kernel is inside the ZFS range: the image is pushed. */
    SUCCEEDED,
    /** Pushed, but the history does not know some arch's kernel, so success is assumed, not shown. */
    UNVERIFIED,
    /** Some arch's kernel is outside the ZFS range (or no ZFS release exists): nothing is pushed. */
    FAILED
}
