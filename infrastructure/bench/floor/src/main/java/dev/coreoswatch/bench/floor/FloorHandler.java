package dev.coreoswatch.bench.floor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The floor: the SDK clients the functions use, built the same way (url-connection, region and endpoints from
 * the environment), and one event parsed and answered with Jackson's tree model. No network, no logging.
 */
public final class FloorHandler implements RequestStreamHandler {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final EventBridgeClient events;
    private final DynamoDbClient dynamoDb;
    private final SecretsManagerClient secrets;
    private final SnsClient notifications;

    public FloorHandler() {
        events = EventBridgeClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        dynamoDb = DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        secrets = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        notifications = SnsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = MAPPER.readTree(input);
        ObjectNode answer = MAPPER.createObjectNode();
        answer.put("detailType", event.path("detail-type").asText(""));
        answer.put("fields", event.size());
        answer.put(
                "clients",
                events.serviceName() + "," + dynamoDb.serviceName() + "," + secrets.serviceName() + ","
                        + notifications.serviceName());
        output.write(MAPPER.writeValueAsBytes(answer));
    }
}
