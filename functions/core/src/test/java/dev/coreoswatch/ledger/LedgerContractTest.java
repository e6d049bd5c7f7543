package dev.coreoswatch.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Ledger} promises, run against each implementation: the dispatcher must not be
 * able to tell the file ledger from the DynamoDB one.
 */
abstract class LedgerContractTest {
    static final Instant T0 = Instant.parse("2026-11-27T01:00:00.750Z");
    static final Instant T0_SECONDS = Instant.parse("2026-11-27T01:00:00Z");
    static final Duration WINDOW = Duration.ofHours(3);
    static final LedgerKey KEY = LedgerKey.of("ghcr.io/owner/custom-coreos", "stable", "43.20251110.3.1", "2.3.5");

    /** A ledger on the store under test (the same store for every call within one test). */
    abstract Ledger ledger();

    /** Another instance on the same store, as a second process or Lambda would have. */
    abstract Ledger anotherInstance();

    @Test
    void firstClaimWinsAndRecordsTheCombination() {
        ClaimResult result = ledger().claim(KEY, new ClaimDetails("linux/amd64 is missing", "corr-1"), T0, WINDOW);

        ClaimResult.Claimed claimed = assertInstanceOf(ClaimResult.Claimed.class, result);
        LedgerEntry entry = claimed.entry();
        assertEquals(KEY, entry.key());
        assertEquals(LedgerStatus.CLAIMED, entry.status());
        assertEquals(T0_SECONDS, entry.claimedAt());
        assertEquals(T0_SECONDS, entry.updatedAt());
        assertEquals(T0_SECONDS.plus(WINDOW), entry.expiresAt());
        assertNull(entry.runId());
        assertNull(entry.runUrl());
        assertEquals("linux/amd64 is missing", entry.reason());
        assertEquals("corr-1", entry.correlationId());
        assertEquals("stable", entry.stream());
        assertEquals("43.20251110.3.1", entry.coreosVersion());
        assertEquals("2.3.5", entry.zfsVersion());
        assertEquals(entry, anotherInstance().find(KEY).orElseThrow());
    }

    @Test
    void aClaimInFlightIsNotTakenAgain() {
        ledger().claim(KEY, new ClaimDetails("first", "corr-1"), T0, WINDOW);

        ClaimResult second =
                anotherInstance().claim(KEY, new ClaimDetails("second", "corr-2"), T0.plusSeconds(60), WINDOW);

        ClaimResult.AlreadyClaimed held = assertInstanceOf(ClaimResult.AlreadyClaimed.class, second);
        assertEquals("corr-1", held.entry().correlationId());
        assertEquals(T0_SECONDS, held.entry().claimedAt());
        assertEquals("first", ledger().find(KEY).orElseThrow().reason());
    }

    @Test
    void aClaimBlocksUpToItsExpiryAndIsFreeOneSecondLater() {
        ledger().claim(KEY, new ClaimDetails("first", "corr-1"), T0, WINDOW);
        Instant expiry = T0_SECONDS.plus(WINDOW);

        assertFalse(ledger().claim(KEY, ClaimDetails.of("at expiry"), expiry, WINDOW)
                .won());
        assertTrue(ledger().find(KEY).orElseThrow().inFlightAt(expiry));

        Instant later = expiry.plusSeconds(1);
        assertFalse(ledger().find(KEY).orElseThrow().inFlightAt(later));
        ClaimResult retaken = anotherInstance().claim(KEY, new ClaimDetails("retry", "corr-2"), later, WINDOW);
        assertInstanceOf(ClaimResult.Claimed.class, retaken);
        LedgerEntry now = ledger().find(KEY).orElseThrow();
        assertEquals("corr-2", now.correlationId());
        assertEquals(later, now.claimedAt());
        assertEquals(later.plus(WINDOW), now.expiresAt());
    }

    @Test
    void aDispatchedOrUncertainClaimExpiresLikeAnyOther() {
        ledger().claim(KEY, ClaimDetails.of("first"), T0, WINDOW);
        ledger().markUncertain(KEY, "dispatch timed out", T0.plusSeconds(30));

        assertFalse(ledger().claim(KEY, ClaimDetails.of("again"), T0.plus(WINDOW), WINDOW)
                .won());
        assertTrue(ledger().claim(KEY, ClaimDetails.of("again"), T0.plus(WINDOW).plusSeconds(1), WINDOW)
                .won());
        assertEquals(LedgerStatus.CLAIMED, ledger().find(KEY).orElseThrow().status());
    }

    @Test
    void twentyConcurrentClaimsHaveExactlyOneWinner() throws Exception {
        int claimers = 20;
        List<Ledger> ledgers = new ArrayList<>();
        for (int i = 0; i < claimers; i++) {
            ledgers.add(anotherInstance());
        }
        CountDownLatch ready = new CountDownLatch(claimers);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        try {
            List<Future<ClaimResult>> results = new ArrayList<>();
            for (int i = 0; i < claimers; i++) {
                Ledger ledger = ledgers.get(i);
                ClaimDetails details = new ClaimDetails("claimer " + i, "corr-" + i);
                results.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return ledger.claim(KEY, details, T0, WINDOW);
                }));
            }
            assertTrue(ready.await(30, TimeUnit.SECONDS));
            go.countDown();
            List<ClaimResult> outcomes = new ArrayList<>();
            for (Future<ClaimResult> result : results) {
                outcomes.add(result.get(60, TimeUnit.SECONDS));
            }

            List<LedgerEntry> winners = outcomes.stream()
                    .filter(ClaimResult::won)
                    .map(ClaimResult::entry)
                    .toList();
            assertEquals(
                    1,
                    winners.size(),
                    "winners: "
                            + winners.stream().map(LedgerEntry::correlationId).toList());
            LedgerEntry stored = ledger().find(KEY).orElseThrow();
            assertEquals(winners.get(0), stored);
            // Every loser was shown the winner's entry, not some other claimer's.
            outcomes.stream()
                    .filter(r -> !r.won())
                    .forEach(r -> assertEquals(stored.correlationId(), r.entry().correlationId()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void recordDispatchedKeepsTheClaimAndAddsTheRun() {
        ledger().claim(KEY, new ClaimDetails("missing", "corr-1"), T0, WINDOW);

        LedgerEntry recorded = anotherInstance()
                .recordDispatched(
                        KEY,
                        17_000_000_123L,
                        "https://github.com/owner/builds/actions/runs/17000000123",
                        T0.plusSeconds(5));

        assertEquals(LedgerStatus.DISPATCHED, recorded.status());
        assertEquals(17_000_000_123L, recorded.runId());
        assertEquals("https://github.com/owner/builds/actions/runs/17000000123", recorded.runUrl());
        assertEquals(T0_SECONDS, recorded.claimedAt());
        assertEquals(T0_SECONDS.plusSeconds(5), recorded.updatedAt());
        assertEquals(T0_SECONDS.plus(WINDOW), recorded.expiresAt());
        assertEquals("missing", recorded.reason());
        assertEquals("corr-1", recorded.correlationId());
        assertEquals(recorded, ledger().find(KEY).orElseThrow());
        assertFalse(ledger().claim(KEY, ClaimDetails.of("again"), T0.plusSeconds(10), WINDOW)
                .won());
    }

    @Test
    void aDispatchWithoutRunDetailsIsRecordedWithoutThem() {
        ledger().claim(KEY, ClaimDetails.of("missing"), T0, WINDOW);

        LedgerEntry recorded = ledger().recordDispatched(KEY, null, null, T0.plusSeconds(2));

        assertEquals(LedgerStatus.DISPATCHED, recorded.status());
        assertNull(recorded.runId());
        assertNull(recorded.runUrl());
        assertEquals(recorded, anotherInstance().find(KEY).orElseThrow());
    }

    @Test
    void markUncertainKeepsBlockingAndSaysWhy() {
        ledger().claim(KEY, new ClaimDetails("missing", "corr-1"), T0, WINDOW);

        LedgerEntry uncertain = ledger().markUncertain(KEY, "dispatch answered 502", T0.plusSeconds(21));

        assertEquals(LedgerStatus.UNCERTAIN, uncertain.status());
        assertEquals("dispatch answered 502", uncertain.reason());
        assertEquals(T0_SECONDS.plusSeconds(21), uncertain.updatedAt());
        assertEquals(T0_SECONDS.plus(WINDOW), uncertain.expiresAt());
        assertEquals(uncertain, anotherInstance().find(KEY).orElseThrow());
        ClaimResult again = anotherInstance().claim(KEY, ClaimDetails.of("again"), T0.plusSeconds(60), WINDOW);
        assertEquals(
                LedgerStatus.UNCERTAIN,
                assertInstanceOf(ClaimResult.AlreadyClaimed.class, again)
                        .entry()
                        .status());
    }

    @Test
    void releaseFreesTheCombinationForTheNextRun() {
        ledger().claim(KEY, new ClaimDetails("missing", "corr-1"), T0, WINDOW);

        anotherInstance().release(KEY);

        assertTrue(ledger().find(KEY).isEmpty());
        ClaimResult next = ledger().claim(KEY, new ClaimDetails("next run", "corr-2"), T0.plusSeconds(60), WINDOW);
        assertEquals(
                "corr-2",
                assertInstanceOf(ClaimResult.Claimed.class, next).entry().correlationId());
    }

    @Test
    void releasingAnAbsentKeyIsHarmless() {
        ledger().release(KEY);
        assertTrue(ledger().find(KEY).isEmpty());
    }

    @Test
    void recordingWithoutAClaimIsAnErrorNamingTheKey() {
        LedgerException dispatched = assertThrows(
                LedgerException.class, () -> ledger().recordDispatched(KEY, 1L, "https://example.invalid/run", T0));
        assertTrue(dispatched.getMessage().contains(KEY.toString()), dispatched.getMessage());
        assertTrue(dispatched.getMessage().contains("no claim"), dispatched.getMessage());

        LedgerException uncertain =
                assertThrows(LedgerException.class, () -> ledger().markUncertain(KEY, "timeout", T0));
        assertTrue(uncertain.getMessage().contains(KEY.toString()), uncertain.getMessage());
        assertTrue(ledger().find(KEY).isEmpty(), "a failed update must not create an entry");
    }

    @Test
    void combinationsAreIndependentAndListedInKeyOrder() {
        LedgerKey newerZfs = LedgerKey.of("ghcr.io/owner/custom-coreos", "stable", "43.20251110.3.1", "2.3.6");
        LedgerKey testing = LedgerKey.of("ghcr.io/owner/custom-coreos", "testing", "43.20251117.2.0", "2.3.5");
        LedgerKey otherImage = LedgerKey.of("ghcr.io/other/custom-coreos", "stable", "43.20251110.3.1", "2.3.5");

        assertTrue(ledger().claim(testing, ClaimDetails.of("t"), T0, WINDOW).won());
        assertTrue(ledger().claim(KEY, ClaimDetails.of("k"), T0, Duration.ofMinutes(5))
                .won());
        assertTrue(ledger().claim(newerZfs, ClaimDetails.of("z"), T0, WINDOW).won());
        assertTrue(ledger().claim(otherImage, ClaimDetails.of("o"), T0, WINDOW).won());
        // An expired entry still shows in the list: the status view reports it.
        Instant muchLater = T0.plus(Duration.ofHours(1));

        List<LedgerEntry> listed = anotherInstance().list();

        assertEquals(
                List.of(otherImage, KEY, newerZfs, testing),
                listed.stream().map(LedgerEntry::key).toList());
        assertFalse(listed.get(1).inFlightAt(muchLater));
        assertTrue(listed.get(2).inFlightAt(muchLater));
    }

    @Test
    void emptyOptionalValuesReadBackAsAbsentInEveryStore() {
        ledger().claim(KEY, new ClaimDetails("", ""), T0, WINDOW);
        LedgerEntry recorded = ledger().recordDispatched(KEY, 7L, "", T0.plusSeconds(1));

        LedgerEntry stored = anotherInstance().find(KEY).orElseThrow();
        assertEquals(recorded, stored);
        assertEquals("", stored.reason());
        assertNull(stored.correlationId());
        assertNull(stored.runUrl());
        assertEquals(7L, stored.runId());
    }

    @Test
    void aNonPositiveWindowIsRejected() {
        assertThrows(
                IllegalArgumentException.class, () -> ledger().claim(KEY, ClaimDetails.of("x"), T0, Duration.ZERO));
        assertTrue(ledger().find(KEY).isEmpty());
    }

    private LedgerEntry dispatched(Instant at) {
        ledger().claim(KEY, new ClaimDetails("missing", "corr-1"), at, WINDOW);
        return ledger().recordDispatched(KEY, 42L, "https://github.com/o/r/actions/runs/42", at);
    }

    private static LedgerOutcome failure(long run) {
        return new LedgerOutcome(
                LedgerStatus.FAILED,
                run,
                "https://github.com/o/r/actions/runs/" + run,
                "failure",
                "build (linux/arm64)");
    }

    @Test
    void aFailedAttemptIsRecordedOnceCountedAndKeptWithItsRun() {
        LedgerEntry seen = dispatched(T0);

        LedgerEntry failed = ledger().recordOutcome(KEY, seen, failure(42), T0.plusSeconds(600))
                .orElseThrow();
        assertTrue(
                anotherInstance()
                        .recordOutcome(KEY, seen, failure(42), T0.plusSeconds(601))
                        .isEmpty(),
                "a second follower that saw the same completion records nothing");

        assertEquals(LedgerStatus.FAILED, failed.status());
        assertEquals(1, failed.attempts());
        assertEquals("failure", failed.conclusion());
        assertEquals("build (linux/arm64)", failed.failedJob());
        assertEquals(42L, failed.runId());
        assertFalse(failed.outcomeNotified());
        assertEquals(failed, anotherInstance().find(KEY).orElseThrow());
    }

    @Test
    void aFailedAttemptFreesTheCombinationOnlyOnceToldAndTheNextClaimCarriesTheCount() {
        LedgerEntry seen = dispatched(T0);
        ledger().recordOutcome(KEY, seen, failure(42), T0.plusSeconds(600));

        assertFalse(
                ledger().claim(KEY, ClaimDetails.of("again"), T0.plusSeconds(700), WINDOW)
                        .won(),
                "an outcome not yet told keeps the combination: telling comes first");
        assertTrue(ledger().markNotified(KEY, true, T0.plusSeconds(700)));
        assertFalse(
                anotherInstance().markNotified(KEY, true, T0.plusSeconds(701)),
                "told once: the second caller does not tell");

        ClaimResult again = anotherInstance().claim(KEY, ClaimDetails.of("again"), T0.plusSeconds(800), WINDOW);
        assertTrue(again.won(), "a told failed attempt frees the combination before the window ends");
        assertEquals(1, again.entry().attempts());
        assertEquals(LedgerStatus.CLAIMED, ledger().find(KEY).orElseThrow().status());
        assertEquals(1, ledger().find(KEY).orElseThrow().attempts());
        assertFalse(ledger().claim(KEY, ClaimDetails.of("third"), T0.plusSeconds(801), WINDOW)
                .won());
    }

    @Test
    void anUntoldOutcomeCanBePutBackForTheNextCheck() {
        LedgerEntry seen = dispatched(T0);
        ledger().recordOutcome(
                        KEY,
                        seen,
                        new LedgerOutcome(LedgerStatus.VERIFIED, 42L, null, "success", null),
                        T0.plusSeconds(60));

        assertTrue(ledger().markNotified(KEY, true, T0.plusSeconds(61)));
        assertTrue(anotherInstance().markNotified(KEY, false, T0.plusSeconds(62)), "telling failed: put back");
        assertFalse(ledger().find(KEY).orElseThrow().outcomeNotified());
        assertTrue(anotherInstance().markNotified(KEY, true, T0.plusSeconds(63)));
        LedgerEntry verified = ledger().find(KEY).orElseThrow();
        assertEquals(LedgerStatus.VERIFIED, verified.status());
        assertEquals(0, verified.attempts());
        assertEquals(
                "https://github.com/o/r/actions/runs/42", verified.runUrl(), "the run recorded at dispatch is kept");
        assertTrue(verified.outcomeNotified());
    }

    @Test
    void anOutcomeForAClaimThatMovedOnIsNotRecorded() {
        LedgerEntry seen = dispatched(T0);
        ledger().release(KEY);
        ledger().claim(KEY, ClaimDetails.of("newer claim"), T0.plusSeconds(5), WINDOW);

        assertTrue(ledger().recordOutcome(KEY, seen, failure(42), T0.plusSeconds(600))
                .isEmpty());
        assertEquals(LedgerStatus.CLAIMED, ledger().find(KEY).orElseThrow().status());
        assertFalse(
                ledger().markNotified(KEY, true, T0.plusSeconds(601)), "only a completed entry has an outcome to tell");
    }

    @Test
    void aFailedAttemptOutlivesTheTrailThatDropsExpiredClaims() {
        LedgerEntry seen = dispatched(T0);
        ledger().recordOutcome(KEY, seen, failure(42), T0.plusSeconds(600));
        LedgerKey other = LedgerKey.of("ghcr.io/owner/custom-coreos", "next", "44.1", "2.4.0");
        Instant muchLater = T0.plus(WINDOW).plus(Ledger.TRAIL).plus(Duration.ofDays(1));

        ledger().claim(other, ClaimDetails.of("later"), muchLater, WINDOW);

        assertEquals(
                1,
                ledger().find(KEY).orElseThrow().attempts(),
                "held combinations stay until an operator releases them");
    }
}
