package dev.coreoswatch.replay;

import dev.coreoswatch.ledger.LedgerKey;
import dev.coreoswatch.model.Action;
import dev.coreoswatch.model.Decision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dispatcher's run guard (CONTRACT section 7, revision 2) for a simulation: a dispatched
 * combination is in flight until its run completes (the build duration); a failed run frees it at
 * once for another dispatch, until {@code dispatch.max-attempts} runs of it have failed, and then
 * it is held until the upstream combination changes (another combination is another
 * {@link LedgerKey}). Every simulated dispatch returns its run, so the in-flight window, which
 * only bounds the wait for a run without an id, never applies; and the simulated image carries a
 * successful run's labels the moment it completes, so {@code dispatch.verify-grace} never elapses.
 */
final class RunGuard {
    private final String image;
    private final int maxAttempts;
    private final Map<LedgerKey, List<SimulatedBuild>> runs = new HashMap<>();

    RunGuard(String image, int maxAttempts) {
        this.image = image;
        this.maxAttempts = maxAttempts;
    }

    /** A BUILD decision becomes a dispatch, IN_FLIGHT while its run is in progress, or a HOLD at the attempts limit. */
    Strategy.Step admit(Decision build, Instant now) {
        List<SimulatedBuild> past =
                runs.getOrDefault(key(build.stream(), build.coreosVersion(), build.zfsVersion()), List.of());
        if (!past.isEmpty() && now.isBefore(past.getLast().landsAt())) {
            return new Strategy.Step(
                    Action.IN_FLIGHT,
                    "the run dispatched at " + past.getLast().dispatchedAt()
                            + " is in progress; in flight until it completes at "
                            + past.getLast().landsAt(),
                    false);
        }
        long failed = past.stream().filter(b -> !b.pushed()).count();
        if (failed >= maxAttempts) {
            return new Strategy.Step(
                    Action.HOLD,
                    "builds of this combination failed " + failed + " times (dispatch.max-attempts "
                            + maxAttempts + "), the last dispatched at "
                            + past.getLast().dispatchedAt()
                            + "; held until the upstream combination changes",
                    false);
        }
        return new Strategy.Step(Action.BUILD, build.reason(), true);
    }

    /** The run a dispatch started; it is followed to its outcome. */
    void dispatched(SimulatedBuild build) {
        runs.computeIfAbsent(key(build.stream(), build.coreosVersion(), build.zfsVersion()), k -> new ArrayList<>())
                .add(build);
    }

    private LedgerKey key(String stream, String coreos, String zfs) {
        return LedgerKey.of(image, stream, coreos, zfs);
    }
}
