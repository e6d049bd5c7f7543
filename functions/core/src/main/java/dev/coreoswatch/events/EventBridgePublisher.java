package dev.coreoswatch.events;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * {@code PutEvents} in batches of at most 10 entries. {@code FailedEntryCount} is checked: the
 * failed entries (and only those) are sent again, a bounded number of times, then reported.
 */
public final class EventBridgePublisher implements EventPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(EventBridgePublisher.class);
    static final int BATCH = 10;
    static final int ATTEMPTS = 3;

    private final EventBridgeClient client;
    private final String busName;

    public EventBridgePublisher(EventBridgeClient client, String busName) {
        this.client = client;
        this.busName = busName;
    }

    @Override
    public void publish(List<BusEvent> events) {
        List<String> failures = new ArrayList<>();
        for (int start = 0; start < events.size(); start += BATCH) {
            List<PutEventsRequestEntry> batch = events.subList(start, Math.min(start + BATCH, events.size())).stream()
                    .map(this::entry)
                    .toList();
            failures.addAll(putWithRetries(batch));
        }
        if (!failures.isEmpty()) {
            throw new EventPublishException(
                    failures.size() + " of " + events.size() + " event(s) not published to " + busName + ": "
                            + String.join("; ", failures),
                    null);
        }
    }

    private List<String> putWithRetries(List<PutEventsRequestEntry> batch) {
        List<PutEventsRequestEntry> pending = batch;
        List<String> lastErrors = List.of();
        for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
            PutEventsResponse response;
            try {
                response = client.putEvents(
                        PutEventsRequest.builder().entries(pending).build());
            } catch (SdkException e) {
                throw new EventPublishException("PutEvents to " + busName + " failed: " + e.getMessage(), e);
            }
            Integer failed = response.failedEntryCount();
            if (failed == null || failed == 0) {
                return List.of();
            }
            List<PutEventsRequestEntry> retry = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            List<PutEventsResultEntry> results = response.entries();
            for (int i = 0; i < pending.size() && i < results.size(); i++) {
                PutEventsResultEntry result = results.get(i);
                if (result.errorCode() != null) {
                    retry.add(pending.get(i));
                    errors.add(pending.get(i).detailType() + ": " + result.errorCode() + " " + result.errorMessage());
                }
            }
            LOG.warn("PutEvents attempt {}: {} of {} entries failed: {}", attempt, failed, pending.size(), errors);
            pending = retry;
            lastErrors = errors;
        }
        return pending.isEmpty() ? List.of() : lastErrors;
    }

    private PutEventsRequestEntry entry(BusEvent event) {
        return PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(EventType.SOURCE)
                .detailType(event.type().name())
                .detail(EventJson.write(event))
                .build();
    }
}
