package dev.coreoswatch.aws;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Throw-away SDK clients for SnapStart priming: the same services as {@link AwsClients}, but over a
 * {@link CannedSdkHttpClient} and with made-up static credentials, so that running an operation on them loads
 * and links the SDK's request path without network, without the function's real credentials and without
 * reading or writing anything real. Close the SDK clients after use.
 */
public final class PrimingClients {
    /** Not credentials of any account: the canned client never sends what they sign. */
    private static final AwsCredentialsProvider MADE_UP = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIAPRIMINGONLY00000", "priming-only-not-a-credential"));

    private PrimingClients() {}

    /** PutEvents signed and answered (see {@link AwsClients#eventBridge()}). */
    public static AwsJsonClient eventBridge(Map<String, String> answers) {
        return json(AwsJsonClient.Service.EVENTBRIDGE, ServiceEndpoint::eventBridge, answers);
    }

    public static DynamoDbClient dynamoDb(Map<String, String> answers) {
        return DynamoDbClient.builder()
                .region(region())
                .credentialsProvider(MADE_UP)
                .httpClient(new CannedSdkHttpClient(answers))
                .build();
    }

    /** GetSecretValue signed and answered (see {@link AwsClients#secretsManager()}). */
    public static AwsJsonClient secretsManager(Map<String, String> answers) {
        return json(AwsJsonClient.Service.SECRETS_MANAGER, ServiceEndpoint::secretsManager, answers);
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

    /** SSM's signed JSON calls (see {@link AwsClients#ssm()}). */
    public static AwsJsonClient ssm(Map<String, String> answers) {
        return json(AwsJsonClient.Service.SSM, ServiceEndpoint::ssm, answers);
    }

    /** A signed JSON client on the canned transport; it never waits, the canned client never fails. */
    private static AwsJsonClient json(
            AwsJsonClient.Service service, Function<Region, URI> endpoint, Map<String, String> answers) {
        return new AwsJsonClient(
                service,
                new CannedSdkHttpClient(answers),
                MADE_UP,
                region(),
                endpoint.apply(region()),
                Clock.systemUTC(),
                duration -> {});
    }

    /** The function's own region (endpoint rules run as they will for real); any region where none is set. */
    private static Region region() {
        String region = System.getenv("AWS_REGION");
        return region == null || region.isBlank() ? Region.US_EAST_1 : Region.of(region);
    }
}
