package dev.coreoswatch.replay;

import dev.coreoswatch.decision.NoZfsReleaseException;
import dev.coreoswatch.decision.ZfsPolicy;
import dev.coreoswatch.model.ZfsRelease;
import dev.coreoswatch.pipeline.ZfsTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The OpenZFS release {@link ZfsPolicy} takes at each moment of the history. The choice can only
 * change when a release is published, so the policy runs once per publication, not once per step.
 */
final class ZfsTimeline {
    /** From {@code since} on the policy takes {@code target}, or finds nothing and says why in {@code problem}. */
    record State(Instant since, Optional<ZfsTarget> target, String problem) {
        String describe() {
            return target.map(t -> "zfs " + t.release().version() + " ("
                            + t.release().tag() + ", Linux " + t.range() + "): " + t.why())
                    .orElse("no ZFS release to build with: " + problem);
        }

        /** Same release for the same reason: a publication that changes neither is not worth a timeline entry. */
        boolean sameChoice(State other) {
            return describe().equals(other.describe());
        }
    }

    private final List<State> states;

    private ZfsTimeline(List<State> states) {
        this.states = List.copyOf(states);
    }

    static ZfsTimeline of(List<ZfsHistoryRelease> releases, ZfsPolicy policy) {
        List<State> states = new ArrayList<>();
        List<ZfsRelease> known = new ArrayList<>();
        states.add(choose(Instant.MIN, known, releases, policy));
        for (int i = 0; i < releases.size(); i++) {
            known.add(releases.get(i).release());
            boolean lastOfItsMoment = i + 1 == releases.size()
                    || releases.get(i + 1).date().isAfter(releases.get(i).date());
            if (lastOfItsMoment) {
                states.add(choose(releases.get(i).date(), known, releases, policy));
            }
        }
        return new ZfsTimeline(states);
    }

    /** Every state, oldest first; the first holds from {@link Instant#MIN}. */
    List<State> states() {
        return states;
    }

    private static State choose(Instant since, List<ZfsRelease> known, List<ZfsHistoryRelease> all, ZfsPolicy policy) {
        try {
            ZfsPolicy.ZfsChoice choice = policy.choose(List.copyOf(known));
            ZfsHistoryRelease chosen = all.stream()
                    .filter(r -> r.release().equals(choice.release()))
                    .findFirst()
                    .orElseThrow();
            return new State(since, Optional.of(new ZfsTarget(choice.release(), chosen.range(), choice.why())), null);
        } catch (NoZfsReleaseException e) {
            return new State(since, Optional.empty(), e.getMessage());
        }
    }
}
