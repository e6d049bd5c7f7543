package dev.coreoswatch.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * One claimed combination. Times are whole seconds (DynamoDB stores epoch seconds, and both
 * ledgers must answer alike). {@code runId}, {@code runUrl} and {@code correlationId} may be null.
 * {@code attempts} counts the failed attempts of this combination so far (carried over when it is
 * claimed again); {@code runId}/{@code runUrl} name the last run; {@code conclusion} and
 * {@code failedJob} say how a completed run ended; {@code outcomeNotified} says whether that
 * outcome was told (one {@code BuildCompleted} and one notification per outcome).
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
        String correlationId,
        int attempts,
        String conclusion,
        String failedJob,
        boolean outcomeNotified) {

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
        conclusion = conclusion == null || conclusion.isEmpty() ? null : conclusion;
        failedJob = failedJob == null || failedJob.isEmpty() ? null : failedJob;
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative, got " + attempts);
        }
    }

    /** An entry without attempts or an outcome (a claim, or one written before they existed). */
    public LedgerEntry(
            LedgerKey key,
            LedgerStatus status,
            Instant claimedAt,
            Instant updatedAt,
            Instant expiresAt,
            Long runId,
            String runUrl,
            String reason,
            String correlationId) {
        this(key, status, claimedAt, updatedAt, expiresAt, runId, runUrl, reason, correlationId, 0, null, null, false);
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

    /**
     * A new claim may replace this entry at {@code now}: it expired, or it is a failed attempt
     * that was told (a failed attempt frees the combination at once; the attempts limit is the
     * dispatcher's rule, it knows the configuration).
     */
    public boolean claimableAt(Instant now) {
        return !inFlightAt(now) || (status == LedgerStatus.FAILED && outcomeNotified);
    }

    /** The same claim as stored (status and claim time): what a conditional write compares. */
    boolean sameClaim(LedgerEntry other) {
        return other != null && status == other.status && claimedAt.equals(other.claimedAt);
    }

    LedgerEntry dispatched(Long newRunId, String newRunUrl, Instant now) {
        return new LedgerEntry(
                key,
                LedgerStatus.DISPATCHED,
                claimedAt,
                now,
                expiresAt,
                newRunId,
                newRunUrl,
                reason,
                correlationId,
                attempts,
                conclusion,
                failedJob,
                outcomeNotified);
    }

    LedgerEntry uncertain(String newReason, Instant now) {
        return new LedgerEntry(
                key,
                LedgerStatus.UNCERTAIN,
                claimedAt,
                now,
                expiresAt,
                runId,
                runUrl,
                newReason,
                correlationId,
                attempts,
                conclusion,
                failedJob,
                outcomeNotified);
    }

    LedgerEntry completed(LedgerOutcome outcome, Instant now) {
        int count = outcome.status() == LedgerStatus.FAILED ? attempts + 1 : attempts;
        return new LedgerEntry(
                key,
                outcome.status(),
                claimedAt,
                now,
                expiresAt,
                outcome.runId() != null ? outcome.runId() : runId,
                outcome.runUrl() != null ? outcome.runUrl() : runUrl,
                reason,
                correlationId,
                count,
                outcome.conclusion(),
                outcome.failedJob(),
                false);
    }

    LedgerEntry notified(boolean told, Instant now) {
        return new LedgerEntry(
                key,
                status,
                claimedAt,
                now,
                expiresAt,
                runId,
                runUrl,
                reason,
                correlationId,
                attempts,
                conclusion,
                failedJob,
                told);
    }

    /** Entries a store may drop once expired: a failed attempt is kept (it counts towards the hold) until released. */
    boolean prunable() {
        return status != LedgerStatus.FAILED;
    }
}
