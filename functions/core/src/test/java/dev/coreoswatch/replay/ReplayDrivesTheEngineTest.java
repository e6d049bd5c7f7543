package dev.coreoswatch.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.decision.Decider;
import dev.coreoswatch.decision.TargetState;
import dev.coreoswatch.model.Action;
import dev.coreoswatch.model.Compatibility;
import dev.coreoswatch.model.Decision;
import dev.coreoswatch.model.UpstreamObservation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The replay asks the real {@link Decider} at every scheduled run; nothing in the replay package
 * decides SKIP/BUILD/HOLD itself. Each decision it got is recomputed here with a fresh Decider
 * from the same inputs, and the reported holds are those decisions' reasons.
 */
class ReplayDrivesTheEngineTest {
    private record Call(UpstreamObservation upstream, TargetState target, Decision decision) {}

    private static final TestHistory HISTORY = TestHistory.between("2030-03-01T00:00:00Z", "2030-03-15T00:00:00Z")
            .zfs("2030-02-01T00:00:00Z", "zfs-3.1.2", "5.10", "7.4")
            .release("2030-03-01", "51.20300215.3.0", "7.4.3")
            .release("2030-03-04T10:10:00Z", "51.20300301.3.0", "7.5.1")
            .release("2030-03-07T08:00:00Z", "51.20300301.3.1", "7.4.9")
            .zfs("2030-03-10T07:45:00Z", "zfs-3.1.3", "5.10", "7.5");

    private static List<Call> replay(String... config) {
        List<Call> calls = new ArrayList<>();
        Replay.run(
                HISTORY.build(),
                HISTORY.settings(config),
                (upstream, target, decision) -> calls.add(new Call(upstream, target, decision)));
        return calls;
    }

    @Test
    void everyScheduledRunIsDecidedByTheDecider() {
        List<Call> calls = replay();
        assertEquals(14 * 48, calls.size(), "one decision per run: 14 days at PT30M");
        Decider fresh = new Decider(Set.of());
        for (Call call : calls) {
            assertEquals(fresh.decide(call.upstream(), call.target(), false), call.decision());
        }
        assertEquals(
                EnumSet.of(Action.SKIP, Action.BUILD, Action.HOLD),
                calls.stream()
                        .map(c -> c.decision().action())
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Action.class))));
        // What the engine is shown: the kernels of the history and Compatibility.of against the ZFS range
        Call held = calls.stream()
                .filter(c -> c.decision().action() == Action.HOLD)
                .findFirst()
                .orElseThrow();
        assertEquals("51.20300301.3.0", held.upstream().coreosVersion().text());
        assertEquals("5.10-7.4", held.upstream().linuxRange().toString());
        assertTrue(held.upstream().architectures().stream()
                .allMatch(a -> a.compatibility() == Compatibility.INCOMPATIBLE));
    }

    @Test
    void theReportedHoldsAreTheDecidersReasons() {
        List<Call> calls = replay("coreos.blocked-versions", "51.20300301.3.1");
        Decider fresh = new Decider(Set.of("51.20300301.3.1"));
        for (Call call : calls) {
            assertEquals(fresh.decide(call.upstream(), call.target(), false), call.decision());
        }
        Set<String> deciderReasons = calls.stream()
                .filter(c -> c.decision().action() == Action.HOLD)
                .map(c -> c.decision().reason())
                .collect(Collectors.toSet());
        StreamSummary watch =
                Replay.run(HISTORY.build(), HISTORY.settings("coreos.blocked-versions", "51.20300301.3.1"))
                        .watch()
                        .stream("stable");
        List<String> reported =
                watch.holds().stream().flatMap(p -> p.reasons().stream()).toList();
        assertEquals(deciderReasons, Set.copyOf(reported));
        assertEquals(2, reported.size(), "the 7.5 kernel, then the blocked version, in one hold");
        assertEquals("coreos 51.20300301.3.1 is listed in coreos.blocked-versions", reported.get(1));
    }
}
