package dev.coreoswatch.aws;

import dev.coreoswatch.http.UrlConnectionHttp;
import java.net.URI;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SDK clients on the url-connection HTTP client, each built on first use (a function builds only
 * what it calls) and then shared: one client per service and one HTTP client for all of them per
 * execution environment (the dispatcher's ledger and notification state use the same DynamoDB
 * client; every client build costs a cold start time). Region, credentials and endpoints come the
 * SDK's standard way, so {@code AWS_ENDPOINT_URL_DYNAMODB} and friends point them at loopback
 * servers in tests. SSM, Secrets Manager, EventBridge (see {@link AwsJsonClient}) and SNS (see {@link SnsQueryClient})
 * go without their SDK modules; they and the DynamoDB client share one credentials provider, so credentials
 * resolve once per environment.
 *
 * <p>Each client lives in its own holder class, initialised only when asked for: a function's jar
 * ships only the SDK modules it calls, and naming a missing one would fail.
 */
public final class AwsClients {
    private AwsClients() {}

    /** EventBridge without its SDK module: the functions only call PutEvents. */
    public static Supplier<AwsJsonClient> eventBridge() {
        return EventBridgeHolder.CLIENT;
    }

    public static Supplier<DynamoDbClient> dynamoDb() {
        return DynamoDbHolder.CLIENT;
    }

    /** SNS without its SDK module (see {@link SnsQueryClient}): the functions only publish. */
    public static Supplier<SnsQueryClient> sns() {
        return SnsHolder.CLIENT;
    }

    /** Secrets Manager without its SDK module: the functions only call GetSecretValue. */
    public static Supplier<AwsJsonClient> secretsManager() {
        return SecretsManagerHolder.CLIENT;
    }

    /** SSM without its SDK module (see {@link AwsJsonClient}): the functions only read their configuration parameter. */
    public static Supplier<AwsJsonClient> ssm() {
        return SsmHolder.CLIENT;
    }

    /** Never closed: it lives as long as the execution environment, like the clients that share it. */
    private static final class HttpHolder {
        static final SdkHttpClient CLIENT = build();

        private static SdkHttpClient build() {
            UrlConnectionHttp.forbidPostResend(); // the SDK's connections share the JDK client with the core's door
            return UrlConnectionHttpClient.builder().build();
        }
    }

    /** What every signed client ({@link AwsJsonClient}, {@link SnsQueryClient}) shares: the region, read once. */
    private static final class JsonHolder {
        /** Lazy: a missing region fails the call that needs it, again at the next, not the class. */
        static final Lazy<Region> REGION =
                new Lazy<>(() -> DefaultAwsRegionProviderChain.builder().build().getRegion());

        static AwsJsonClient client(AwsJsonClient.Service service, Function<Region, URI> endpoint) {
            Region region = REGION.get();
            return new AwsJsonClient(
                    service,
                    HttpHolder.CLIENT,
                    CredentialsHolder.PROVIDER,
                    region,
                    endpoint.apply(region),
                    Clock.systemUTC(),
                    AwsJsonClient.SLEEP);
        }
    }

    private static final class EventBridgeHolder {
        static final Lazy<AwsJsonClient> CLIENT =
                new Lazy<>(() -> JsonHolder.client(AwsJsonClient.Service.EVENTBRIDGE, ServiceEndpoint::eventBridge));
    }

    private static final class DynamoDbHolder {
        // The provider the signed calls use: credentials resolve once per execution environment.
        static final Lazy<DynamoDbClient> CLIENT = new Lazy<>(() -> DynamoDbClient.builder()
                .httpClient(HttpHolder.CLIENT)
                .credentialsProvider(CredentialsHolder.PROVIDER)
                .build());
    }

    /**
     * One credentials provider for every client built here, the signed ones and DynamoDB's: the source that
     * answered ({@link LambdaCredentials}) is found once per execution environment.
     */
    private static final class CredentialsHolder {
        static final AwsCredentialsProvider PROVIDER = LambdaCredentials.provider();
    }

    private static final class SnsHolder {
        static final Lazy<SnsQueryClient> CLIENT = new Lazy<>(() -> {
            Region region = JsonHolder.REGION.get();
            return new SnsQueryClient(
                    HttpHolder.CLIENT,
                    CredentialsHolder.PROVIDER,
                    region,
                    ServiceEndpoint.sns(region),
                    Clock.systemUTC(),
                    AwsJsonClient.SLEEP);
        });
    }

    private static final class SsmHolder {
        static final Lazy<AwsJsonClient> CLIENT =
                new Lazy<>(() -> JsonHolder.client(AwsJsonClient.Service.SSM, ServiceEndpoint::ssm));
    }

    private static final class SecretsManagerHolder {
        static final Lazy<AwsJsonClient> CLIENT = new Lazy<>(
                () -> JsonHolder.client(AwsJsonClient.Service.SECRETS_MANAGER, ServiceEndpoint::secretsManager));
    }
}
