package dev.coreoswatch.notify;

import java.time.Instant;

/**
 * The last notification sent about a stream: what it said, since when, and a version that
 * grows with every change so that two writers cannot both move the state (and both notify).
 */
public record NotifiedState(
        NotificationKind kind,
        String fingerprint,
        String coreosVersion,
        String zfsVersion,
        String reason,
        Instant since,
        long version) {}
