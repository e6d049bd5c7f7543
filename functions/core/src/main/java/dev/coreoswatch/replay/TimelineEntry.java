package dev.coreoswatch.replay;

import java.time.Instant;

/**
 * One change in a replay. {@code stream} is null for a change of the ZFS choice (it applies to
 * every stream); versions are null where they do not apply.
 */
public record TimelineEntry(
        Instant at, String stream, Kind kind, String coreosVersion, String zfsVersion, String detail) {
    public enum Kind {
        /** The stream points at a new release (or back at an older one). */
        RELEASE,
        /** The ZFS policy takes another release (or finds none). */
        ZFS,
        /** The engine decided BUILD and the workflow was dispatched. */
        DISPATCH,
        /** A build finished and pushed its image. */
        LANDED,
        /** A build failed: nothing was pushed. */
        FAILED,
        /** The stream is held, or held for a new reason. */
        HOLD,
        /** The hold ended; the detail gives its length. */
        HOLD_END,
        /** The stream could not be decided. */
        ERROR,
        /** The stream could be decided again; the detail gives how long it could not. */
        ERROR_END
    }
}
