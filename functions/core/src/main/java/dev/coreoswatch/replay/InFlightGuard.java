package dev.coreoswatch.replay;

import dev.coreoswatch.ledger.ClaimDetails;
import dev.coreoswatch.ledger.Ledger;
import dev.coreoswatch.ledger.LedgerEntry;
import dev.coreoswatch.ledger.LedgerKey;
import dev.coreoswatch.model.Action;
import dev.coreoswatch.model.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The dispatcher's in-flight guard for a simulation. Not a {@link Ledger} implementation: the
 * ledger's protocol (claim, record, mark uncertain, release) exists for concurrent runs and
 * ambiguous dispatch answers, and a single-threaded replay where every dispatch is accepted has
 * neither. What must match is kept from the ledger itself: the combination's identity
 * ({@link LedgerKey}), the claim's expiry ({@link Ledger#newClaim}) and when it still blocks
 * ({@link LedgerEntry#inFlightAt}). As in {@code pipeline.Dispatch}, a claim whose run completed
 * without giving the image its combination (a failed build) holds until the window expires.
 */
final class InFlightGuard {
    private record Claim(LedgerEntry entry, Instant runCompletesAt) {
    }

    private final String image;
    private final Duration window;
    private final Duration buildDuration;
    private final Map<LedgerKey, Claim> claims = new HashMap<>();

    InFlightGuard(String image, Duration window, Duration buildDuration) {
        this.image = image;
        this.window = window;
        this.buildDuration = buildDuration;
    }

    /** A BUILD decision becomes a dispatch, IN_FLIGHT, or a HOLD after a failed run. */
    Strategy.Step admit(Decision build, Instant now) {
        LedgerKey key = LedgerKey.of(image, build.stream(), build.coreosVersion(), build.zfsVersion());
        Claim claim = claims.get(key);
        if (claim != null && claim.entry().inFlightAt(now)) {
            LedgerEntry entry = claim.entry();
            if (!now.isBefore(claim.runCompletesAt())) {
                return new Strategy.Step(Action.HOLD, "the run dispatched at " + entry.claimedAt() + " completed but the image"
                        + " still lacks this combination; dispatch.in-flight-window " + window + " keeps it from being dispatched"
                        + " again until " + entry.expiresAt(), false);
            }
            return new Strategy.Step(Action.IN_FLIGHT, "dispatched at " + entry.claimedAt() + ", the run is in progress; in flight until "
                    + entry.expiresAt(), false);
        }
        claims.put(key, new Claim(Ledger.newClaim(key, ClaimDetails.of(build.reason()), now, window), now.plus(buildDuration)));
        return new Strategy.Step(Action.BUILD, build.reason(), true);
    }
}
