package dev.coreoswatch.events;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.coreoswatch.aws.AwsCallException;
import dev.coreoswatch.aws.AwsJsonClient;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.testing.LoopbackAwsJson;
import dev.coreoswatch.testing.SampleEvents;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** PutEvents through the real signed JSON client against a loopback stub speaking the AWS JSON protocol. */
class EventBridgePublisherTest {
    private static WireMockServer aws;
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private AwsJsonClient client;

    @BeforeAll
    static void start() {
        aws = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        aws.start();
    }

    @AfterAll
    static void stop() {
        aws.stop();
    }

    @BeforeEach
    void reset() {
        aws.resetAll();
        client = LoopbackAwsJson.client(
                AwsJsonClient.Service.EVENTBRIDGE,
                URI.create(aws.baseUrl()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")),
                pauses::add);
    }

    private static List<BusEvent> events(int count) {
        List<BusEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new BusEvent.BuildSkipped(SampleEvents.OBSERVED, "already built #" + i));
        }
        return events;
    }

    private static String ok(int entries) {
        StringBuilder body = new StringBuilder("{\"FailedEntryCount\":0,\"Entries\":[");
        for (int i = 0; i < entries; i++) {
            body.append(i == 0 ? "" : ",").append("{\"EventId\":\"11710aed-b79e-4468-a20b-bb3c0c3b4860\"}");
        }
        return body.append("]}").toString();
    }

    private static List<JsonNode> putEventsBodies() {
        List<JsonNode> bodies = new ArrayList<>();
        for (LoggedRequest r : aws.findAll(postRequestedFor(urlEqualTo("/")))) {
            bodies.add(Json.parse(r.getBody(), "PutEvents"));
        }
        return bodies;
    }

    @Test
    void publishesInBatchesOfAtMostTen() {
        aws.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(ok(10))));
        new EventBridgePublisher(client, "coreos-watch-bus").publish(events(23));
        List<JsonNode> bodies = putEventsBodies();
        assertEquals(
                List.of(10, 10, 3),
                bodies.stream().map(b -> b.get("Entries").size()).toList());
        JsonNode entry = bodies.get(0).get("Entries").get(0);
        assertEquals("coreos-watch", entry.get("Source").textValue());
        assertEquals("BuildSkipped", entry.get("DetailType").textValue());
        assertEquals("coreos-watch-bus", entry.get("EventBusName").textValue());
        assertEquals(
                2,
                Json.parse(entry.get("Detail").textValue().getBytes(), "detail")
                        .get("schemaVersion")
                        .intValue());
    }

    @Test
    void onlyTheFailedEntriesAreSentAgain() {
        aws.stubFor(post(urlEqualTo("/"))
                .inScenario("partial")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(
                                "{\"FailedEntryCount\":1,\"Entries\":[{\"EventId\":\"a\"},{\"ErrorCode\":\"InternalFailure\","
                                        + "\"ErrorMessage\":\"Internal service error\"},{\"EventId\":\"c\"}]}"))
                .willSetStateTo("second"));
        aws.stubFor(post(urlEqualTo("/"))
                .inScenario("partial")
                .whenScenarioStateIs("second")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(ok(1))));
        new EventBridgePublisher(client, "bus").publish(events(3));
        List<JsonNode> bodies = putEventsBodies();
        assertEquals(2, bodies.size());
        assertEquals(1, bodies.get(1).get("Entries").size());
        assertTrue(bodies.get(1).get("Entries").get(0).get("Detail").textValue().contains("already built #1"));
    }

    @Test
    void entriesThatKeepFailingAreReportedNotDropped() {
        aws.stubFor(
                post(urlEqualTo("/"))
                        .withRequestBody(containing("Entries"))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                                        .withBody(
                                                "{\"FailedEntryCount\":1,\"Entries\":[{\"ErrorCode\":\"ThrottlingException\",\"ErrorMessage\":\"Rate exceeded\"}]}")));
        EventPublishException e = assertThrows(
                EventPublishException.class, () -> new EventBridgePublisher(client, "bus").publish(events(1)));
        assertTrue(
                e.getMessage().contains("ThrottlingException") && e.getMessage().contains("1 of 1"), e.getMessage());
        assertEquals(EventBridgePublisher.ATTEMPTS, putEventsBodies().size());
    }

    @Test
    void aServiceErrorIsAPublishFailure() {
        aws.stubFor(
                post(urlEqualTo("/"))
                        .willReturn(
                                aResponse()
                                        .withStatus(400)
                                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                                        .withBody(
                                                "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Event bus nope does not exist.\"}")));
        EventPublishException e = assertThrows(
                EventPublishException.class, () -> new EventBridgePublisher(client, "nope").publish(events(2)));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    private static void answers(String state, String next, int status, String body) {
        aws.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                .inScenario("whole call")
                .whenScenarioStateIs(state)
                .willSetStateTo(next)
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(body)));
    }

    /** As the SDK's standard strategy did: a throttled or 5xx PutEvents is sent again whole (consumers are idempotent). */
    @Test
    void aThrottledOrFailedCallIsRepeatedWholeAndThenSucceeds() {
        answers(Scenario.STARTED, "5xx", 400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
        answers("5xx", "ok", 500, "{\"__type\":\"InternalException\",\"message\":\"Internal error\"}");
        answers("ok", "ok", 200, ok(2));

        new EventBridgePublisher(client, "bus").publish(events(2));

        List<JsonNode> bodies = putEventsBodies();
        assertEquals(3, bodies.size());
        assertTrue(bodies.stream().allMatch(b -> b.get("Entries").size() == 2), bodies.toString());
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400)), pauses);
    }

    @Test
    void persistentServerErrorsGiveUpAfterThreeRequests() {
        answers(Scenario.STARTED, Scenario.STARTED, 500, "{\"__type\":\"InternalException\"}");

        EventPublishException e = assertThrows(
                EventPublishException.class, () -> new EventBridgePublisher(client, "bus").publish(events(1)));

        assertEquals(3, putEventsBodies().size(), "three attempts, as the SDK client made");
        assertTrue(
                e.getMessage().startsWith("PutEvents to bus failed: gave up after 3 attempts: ")
                        && e.getMessage().contains("EventBridge PutEvents failed: InternalException (HTTP 500)"),
                e.getMessage());
        AwsCallException cause = assertInstanceOf(AwsCallException.class, e.getCause());
        assertEquals(500, cause.status());
    }

    @Test
    void aValidationErrorIsNotRepeated() {
        answers(
                Scenario.STARTED,
                Scenario.STARTED,
                400,
                "{\"__type\":\"ValidationException\",\"message\":\"1 validation error detected: Value at 'entries' "
                        + "failed to satisfy constraint: Member must have length less than or equal to 10\"}");

        EventPublishException e = assertThrows(
                EventPublishException.class, () -> new EventBridgePublisher(client, "bus").publish(events(1)));

        assertEquals(1, putEventsBodies().size());
        assertEquals(List.of(), pauses);
        assertTrue(e.getMessage().contains("ValidationException (HTTP 400)"), e.getMessage());
    }
}
