package dev.coreoswatch.notify;

/** What an operator is told about a stream; each is sent once per change, never on every run. */
public enum NotificationKind {
    /** A hold applies: the kernel is outside the ZFS release's range, or the version is blocked. */
    HELD,
    /** A stream that was held passes every rule again. */
    RELEASED,
    /** A build workflow run was started. */
    DISPATCHED,
    /** The dispatch failed, or a run completed and left the image without the combination (a failed attempt). */
    FAILED,
    /** A run completed and every configured platform of the image carries the combination. */
    BUILT
}
