package dev.coreoswatch.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coreoswatch.aws.AwsCallException;
import dev.coreoswatch.aws.AwsJsonClient;
import dev.coreoswatch.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PutEvents} in batches of at most 10 entries. {@code FailedEntryCount} is checked: the
 * failed entries (and only those) are sent again, a bounded number of times, then reported. A whole call that
 * is throttled, answered 5xx or not answered is repeated by the client ({@link
 * AwsJsonClient.Retries#AT_LEAST_ONCE_WRITES}), so an event may arrive twice: every consumer is idempotent by
 * design (the dispatcher's ledger claims each combination once, the inspector's decision is a read).
 */
public final class EventBridgePublisher implements EventPublisher {
    static final String PUT_EVENTS = "AWSEvents.PutEvents";
    private static final Logger LOG = LoggerFactory.getLogger(EventBridgePublisher.class);
    static final int BATCH = 10;
    static final int ATTEMPTS = 3;

    private final AwsJsonClient client;
    private final String busName;

    public EventBridgePublisher(AwsJsonClient client, String busName) {
        this.client = client;
        this.busName = busName;
    }

    @Override
    public void publish(List<BusEvent> events) {
        List<String> failures = new ArrayList<>();
        for (int start = 0; start < events.size(); start += BATCH) {
            List<ObjectNode> batch = events.subList(start, Math.min(start + BATCH, events.size())).stream()
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

    private List<String> putWithRetries(List<ObjectNode> batch) {
        List<ObjectNode> pending = batch;
        List<String> lastErrors = List.of();
        for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
            ObjectNode request = Json.object();
            request.putArray("Entries").addAll(pending);
            JsonNode response;
            try {
                response = client.call(PUT_EVENTS, request);
            } catch (AwsCallException e) {
                throw new EventPublishException("PutEvents to " + busName + " failed: " + e.getMessage(), e);
            }
            int failed = response.path("FailedEntryCount").asInt(0);
            if (failed == 0) {
                return List.of();
            }
            List<ObjectNode> retry = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            JsonNode results = response.path("Entries");
            for (int i = 0; i < pending.size() && i < results.size(); i++) {
                JsonNode result = results.get(i);
                if (result.hasNonNull("ErrorCode")) {
                    retry.add(pending.get(i));
                    errors.add(pending.get(i).path("DetailType").asText() + ": "
                            + result.get("ErrorCode").asText() + " "
                            + result.path("ErrorMessage").asText(null));
                }
            }
            LOG.warn("PutEvents attempt {}: {} of {} entries failed: {}", attempt, failed, pending.size(), errors);
            pending = retry;
            lastErrors = errors;
        }
        return pending.isEmpty() ? List.of() : lastErrors;
    }

    private ObjectNode entry(BusEvent event) {
        return Json.object()
                .put("EventBusName", busName)
                .put("Source", EventType.SOURCE)
                .put("DetailType", event.type().name())
                .put("Detail", EventJson.write(event));
    }
}
