package dev.coreoswatch.events;

/** The detail-types on the bus (docs/contract.md section 5); the source is always {@link #SOURCE}. */
public enum EventType {
    UpstreamObserved, BuildRequired, BuildHeld, BuildSkipped, BuildDispatched;

    public static final String SOURCE = "coreos-watch";
    public static final int SCHEMA_VERSION = 1;
}
