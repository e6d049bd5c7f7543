package dev.coreoswatch.events;

import dev.coreoswatch.model.ImageLabels;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An event's detail, one record per detail-type of docs/contract.md section 5. Each carries the
 * observation it is about; the JSON shape is written and read by {@link EventJson}.
 */
public sealed interface BusEvent {
    EventType type();

    Observed observed();

    record UpstreamObserved(Observed observed) implements BusEvent {
        public EventType type() {
            return EventType.UpstreamObserved;
        }
    }

    /** {@code existing} maps arch → labels found (null value where the platform is absent). */
    record BuildRequired(Observed observed, String reason, List<String> missing, Map<String, ImageLabels> existing)
            implements BusEvent {
        public EventType type() {
            return EventType.BuildRequired;
        }
    }

    record BuildHeld(Observed observed, String reason) implements BusEvent {
        public EventType type() {
            return EventType.BuildHeld;
        }
    }

    record BuildSkipped(Observed observed, String reason) implements BusEvent {
        public EventType type() {
            return EventType.BuildSkipped;
        }
    }

    record BuildDispatched(BuildRequired required, Long runId, String runUrl) implements BusEvent {
        public EventType type() {
            return EventType.BuildDispatched;
        }

        public Observed observed() {
            return required.observed();
        }
    }

    /**
     * A followed run's outcome (CONTRACT section 5). {@code failedJob}, {@code digests} (arch → platform manifest
     * digest, for a verified build) and {@code completedAt} are additions; run fields are null where no run was found.
     */
    record BuildCompleted(
            Observed observed,
            Long runId,
            String runUrl,
            String conclusion,
            boolean verified,
            int attempt,
            String failedJob,
            Map<String, String> digests,
            Instant completedAt)
            implements BusEvent {
        public BuildCompleted {
            digests = Map.copyOf(digests);
        }

        public EventType type() {
            return EventType.BuildCompleted;
        }
    }
}
