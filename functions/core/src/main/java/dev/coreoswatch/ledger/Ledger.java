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
     * Takes the combination if nobody holds it: succeeds only when there is no entry or the
     * existing one expired ({@code expiresAt < now}). The new entry expires at {@code now + window}.
     */
    ClaimResult claim(LedgerKey key, ClaimDetails details, Instant now, Duration window);

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
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("in-flight window must be positive, got " + window);
        }
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        return new LedgerEntry(key, LedgerStatus.CLAIMED, at, at, at.plusSeconds(Math.max(1, window.toSeconds())),
                null, null, details.reason(), details.correlationId());
    }
}
