package dev.coreoswatch.aws;

import java.util.function.Supplier;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * SDK clients on the url-connection HTTP client, each built on first use (a function builds only
 * what it calls). Region, credentials and endpoints come the SDK's standard way, so
 * {@code AWS_ENDPOINT_URL_DYNAMODB} and friends point them at loopback servers in tests.
 */
public final class AwsClients {
    private AwsClients() {
    }

    public static Supplier<EventBridgeClient> eventBridge() {
        return new Lazy<>(() -> EventBridgeClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build());
    }

    public static Supplier<DynamoDbClient> dynamoDb() {
        return new Lazy<>(() -> DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build());
    }

    public static Supplier<SnsClient> sns() {
        return new Lazy<>(() -> SnsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build());
    }

    public static Supplier<SecretsManagerClient> secretsManager() {
        return new Lazy<>(() -> SecretsManagerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build());
    }
}
