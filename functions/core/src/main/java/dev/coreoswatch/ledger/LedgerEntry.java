package dev.coreoswatch.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * One claimed combination. Times are whole seconds (DynamoDB stores epoch seconds, and both
 * ledgers must answer alike). {@code runId}, {@code runUrl} and {@code correlationId} may be null.
 */
public record LedgerEntry(
        LedgerKey key,
        LedgerStatus status,
        Instant claimedAt,
        Instant updatedAt,
        Instant expiresAt,
        Long runId,
        String runUrl,
        String reason,
        String correlationId) {

    public LedgerEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(claimedAt, "claimedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(reason, "reason");
        // Both stores keep no empty strings (DynamoDB drops them), so absent is always null.
        runUrl = runUrl == null || runUrl.isEmpty() ? null : runUrl;
        correlationId = correlationId == null || correlationId.isEmpty() ? null : correlationId;
    }

    public String targetImage() {
        return key.targetImage();
    }

    public String stream() {
        return key.stream();
    }

    public String coreosVersion() {
        return key.coreosVersion();
    }

    public String zfsVersion() {
        return key.zfsVersion();
    }

    /** Still blocks a new claim at {@code now}; a claim may be taken over only once {@code expiresAt < now}. */
    public boolean inFlightAt(Instant now) {
        return !expiresAt.isBefore(now);
    }

    LedgerEntry dispatched(Long newRunId, String newRunUrl, Instant now) {
        return new LedgerEntry(key, LedgerStatus.DISPATCHED, claimedAt, now, expiresAt, newRunId, newRunUrl, reason, correlationId);
    }

    LedgerEntry uncertain(String newReason, Instant now) {
        return new LedgerEntry(key, LedgerStatus.UNCERTAIN, claimedAt, now, expiresAt, runId, runUrl, newReason, correlationId);
    }
}
