package dev.coreoswatch.ledger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Remembers which combinations were dispatched so that each is dispatched at most once per
 * in-flight window, even when two runs (or two Lambda deliveries of one event) race.
 *
 * <p>Protocol: {@link #claim} before the dispatch call; then {@link #recordDispatched} on success,
 * {@link #markUncertain} when the outcome is unknown (5xx, timeout: a run may have started, so
 * the claim stays), or {@link #release} after a definite refusal so the next run may try again.
 * Every method throws {@link LedgerException} when the store cannot be read or written.
 */
public interface Ledger {

    /** How long an expired entry stays readable (for {@code status}) before a store may drop it. */
    Duration TRAIL = Duration.ofDays(7);

    /**
     * Takes the combination if nobody holds it: succeeds only when there is no entry, the
     * existing one expired ({@code expiresAt < now}), or it is a failed attempt already told
     * ({@link LedgerEntry#claimableAt}). The new entry expires at {@code now + window} and carries
     * the failed attempts of the entry it replaces.
     */
    ClaimResult claim(LedgerKey key, ClaimDetails details, Instant now, Duration window);

    /**
     * Records how the run of {@code seen} ended, only if the stored entry is still {@code seen}
     * (same status and claim time): of two followers that saw the same completion, one records it.
     * A FAILED outcome counts one more attempt. Empty when the entry moved on or is gone.
     */
    Optional<LedgerEntry> recordOutcome(LedgerKey key, LedgerEntry seen, LedgerOutcome outcome, Instant now);

    /**
     * Marks the outcome of a completed entry as told ({@code told} true), or as not told after all
     * (false, when telling failed, so the next check tells it). True only for the caller whose
     * write changed the flag: only that caller tells.
     */
    boolean markNotified(LedgerKey key, boolean told, Instant now);

    /** The dispatch was accepted; {@code runId} and {@code runUrl} are null when GitHub answered 204. */
    LedgerEntry recordDispatched(LedgerKey key, Long runId, String runUrl, Instant now);

    /** The dispatch outcome is unknown; the claim keeps blocking until it expires. */
    LedgerEntry markUncertain(LedgerKey key, String reason, Instant now);

    /** Forgets the combination (after a definite failure), so that the next run can claim it again. */
    void release(LedgerKey key);

    Optional<LedgerEntry> find(LedgerKey key);

    /** Every entry, expired ones included, ordered by key. */
    List<LedgerEntry> list();

    /** The entry a successful claim writes; shared so both ledgers store exactly the same thing. */
    static LedgerEntry newClaim(LedgerKey key, ClaimDetails details, Instant now, Duration window) {
        return newClaim(key, details, now, window, null);
    }

    /** As above, replacing {@code previous} (null for none): its failed attempts and last run carry over. */
    static LedgerEntry newClaim(
            LedgerKey key, ClaimDetails details, Instant now, Duration window, LedgerEntry previous) {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("in-flight window must be positive, got " + window);
        }
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        int attempts = previous == null ? 0 : previous.attempts();
        return new LedgerEntry(
                key,
                LedgerStatus.CLAIMED,
                at,
                at,
                at.plusSeconds(Math.max(1, window.toSeconds())),
                null,
                null,
                details.reason(),
                details.correlationId(),
                attempts,
                null,
                null,
                false);
    }
}
