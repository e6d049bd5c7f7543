package dev.coreoswatch.replay;

import dev.coreoswatch.decision.TargetState;
import dev.coreoswatch.model.Action;
import java.time.Duration;
import java.time.Instant;

/** How builds are triggered: coreos-watch's engine, or the blind daily rebuild it is compared with. */
interface Strategy {
    /** How often the strategy runs. */
    Duration interval();

    /** The first run at or after {@code from}; then one every {@link #interval()}. */
    default Instant firstRun(Instant from) {
        return from;
    }

    /** One scheduled run for one stream. */
    Step step(Moment moment);

    /** The run a {@link Step#dispatch()} started. */
    default void dispatched(SimulatedBuild build) {}

    /** What upstream and the target image look like to a run at {@code now}. */
    record Moment(String stream, Instant now, FcosRelease release, ZfsTimeline.State zfs, TargetState image) {}

    /** What the run did; {@code dispatch} starts a build of the moment's combination. */
    record Step(Action action, String reason, boolean dispatch) {}
}
