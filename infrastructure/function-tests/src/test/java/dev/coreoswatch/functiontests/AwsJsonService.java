package dev.coreoswatch.functiontests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.coreoswatch.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * WireMock speaking the AWS JSON 1.1 protocol (EventBridge, Secrets Manager): every operation is
 * {@code POST /} with {@code X-Amz-Target: <Service>.<Operation>} and a JSON body, answered with
 * {@code application/x-amz-json-1.1}.
 */
final class AwsJsonService {
    static final String PUT_EVENTS = "AWSEvents.PutEvents";
    static final String GET_SECRET_VALUE = "secretsmanager.GetSecretValue";
    static final String GET_PARAMETER = "AmazonSSM.GetParameter";

    private AwsJsonService() {}

    static MappingBuilder operation(String target) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target));
    }

    static ResponseDefinitionBuilder answer(String json) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                .withBody(json);
    }

    /**
     * PutEvents accepting every entry, with one result per entry as EventBridge answers (the tests put one or
     * two entries at a time).
     */
    static void acceptPutEvents(WireMockServer server) {
        server.stubFor(operation(PUT_EVENTS)
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.Entries[1]"))
                .willReturn(answer("{\"FailedEntryCount\":0,\"Entries\":[" + eventId() + "," + eventId() + "]}")));
        server.stubFor(operation(PUT_EVENTS)
                .atPriority(2)
                .willReturn(answer("{\"FailedEntryCount\":0,\"Entries\":[" + eventId() + "]}")));
    }

    /** SSM's GetParameter answer for a String parameter, as the service writes it (replaces any earlier answer). */
    static void serveParameter(WireMockServer server, String name, String value, long version) {
        ObjectNode answer = Json.object();
        answer.putObject("Parameter")
                .put("Name", name)
                .put("Type", "String")
                .put("Value", value)
                .put("Version", version)
                .put("LastModifiedDate", 1.7950368E9 + version)
                .put("ARN", "arn:aws:ssm:eu-west-1:111122223333:parameter" + name)
                .put("DataType", "text");
        server.resetMappings();
        acceptPutEvents(server);
        server.stubFor(operation(GET_PARAMETER).willReturn(answer(answer.toString())));
    }

    /** SSM's answer for a parameter that does not exist: 400 with the error type, and no message. */
    static void parameterNotFound(WireMockServer server) {
        server.resetMappings();
        acceptPutEvents(server);
        server.stubFor(operation(GET_PARAMETER)
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                        .withBody("{\"__type\":\"ParameterNotFound\"}")));
    }

    static String eventId() {
        return "{\"EventId\":\"" + UUID.randomUUID() + "\"}";
    }

    /** The requests of one operation, oldest first. */
    static List<LoggedRequest> requests(WireMockServer server, String target) {
        List<LoggedRequest> found = new ArrayList<>(
                server.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target))));
        found.sort((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()));
        return found;
    }

    static JsonNode body(LoggedRequest request) {
        return Json.parse(request.getBody(), "request body");
    }

    /** Every PutEvents entry sent, in order: {@code Source}, {@code DetailType}, {@code EventBusName}, {@code Detail}. */
    static List<JsonNode> putEventsEntries(WireMockServer server) {
        List<JsonNode> entries = new ArrayList<>();
        for (LoggedRequest request : requests(server, PUT_EVENTS)) {
            body(request).get("Entries").forEach(entries::add);
        }
        return entries;
    }

    /** An entry's {@code Detail}, which EventBridge carries as a JSON string. */
    static JsonNode detail(JsonNode entry) {
        return Json.parse(entry.get("Detail").textValue().getBytes(StandardCharsets.UTF_8), "Detail");
    }
}
