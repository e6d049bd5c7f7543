package dev.coreoswatch.replay;

import dev.coreoswatch.decision.TargetState;
import dev.coreoswatch.model.Decision;
import dev.coreoswatch.model.UpstreamObservation;

/** Sees every decision the engine made during a replay, with the inputs it was given. */
@FunctionalInterface
public interface DecisionObserver {
    DecisionObserver NONE = (upstream, target, decision) -> {};

    void decided(UpstreamObservation upstream, TargetState target, Decision decision);
}
