package dev.coreoswatch.aws;

import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Throw-away SDK clients for SnapStart priming: the same services as {@link AwsClients}, but over a
 * {@link CannedSdkHttpClient} and with made-up static credentials, so that running an operation on them loads
 * and links the SDK's request path without network, without the function's real credentials and without
 * reading or writing anything real. Close them after use.
 */
public final class PrimingClients {
    /** Not credentials of any account: the canned client never sends what they sign. */
    private static final AwsCredentialsProvider MADE_UP = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIAPRIMINGONLY00000", "priming-only-not-a-credential"));

    private PrimingClients() {}

    public static EventBridgeClient eventBridge(Map<String, String> answers) {
        return EventBridgeClient.builder()
                .region(region())
                .credentialsProvider(MADE_UP)
                .httpClient(new CannedSdkHttpClient(answers))
                .build();
    }

    public static DynamoDbClient dynamoDb(Map<String, String> answers) {
        return DynamoDbClient.builder()
                .region(region())
                .credentialsProvider(MADE_UP)
                .httpClient(new CannedSdkHttpClient(answers))
                .build();
    }

    public static SecretsManagerClient secretsManager(Map<String, String> answers) {
        return SecretsManagerClient.builder()
                .region(region())
                .credentialsProvider(MADE_UP)
                .httpClient(new CannedSdkHttpClient(answers))
                .build();
    }

    /** SNS Publish in the query protocol (see {@link AwsClients#sns()}); never waits, the canned client never fails. */
    public static SnsQueryClient sns(Map<String, String> answers) {
        return new SnsQueryClient(
                new CannedSdkHttpClient(answers),
                MADE_UP,
                region(),
                ServiceEndpoint.sns(region()),
                Clock.systemUTC(),
                duration -> {});
    }

    /** SSM's signed JSON calls (see {@link AwsClients#ssm()}); never waits, the canned client never fails. */
    public static AwsJsonClient ssm(Map<String, String> answers) {
        return new AwsJsonClient(
                "SSM",
                "ssm",
                new CannedSdkHttpClient(answers),
                MADE_UP,
                region(),
                ServiceEndpoint.ssm(region()),
                Clock.systemUTC(),
                duration -> {});
    }

    /** The function's own region (endpoint rules run as they will for real); any region where none is set. */
    private static Region region() {
        String region = System.getenv("AWS_REGION");
        return region == null || region.isBlank() ? Region.US_EAST_1 : Region.of(region);
    }
}
