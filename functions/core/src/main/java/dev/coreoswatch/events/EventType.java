package dev.coreoswatch.events;

/** The detail-types on the bus (docs/contract.md section 5); the source is always {@link #SOURCE}. */
public enum EventType {
    UpstreamObserved,
    BuildRequired,
    BuildHeld,
    BuildSkipped,
    BuildDispatched,
    BuildCompleted;

    public static final String SOURCE = "coreos-watch";
    /** Revision 2: every detail names its target and target image. */
    public static final int SCHEMA_VERSION = 2;
}
