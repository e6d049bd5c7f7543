package dev.coreoswatch.events;

import dev.coreoswatch.model.ImageLabels;
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
    record BuildRequired(Observed observed, String reason, List<String> missing, Map<String, ImageLabels> existing) implements BusEvent {
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
}
