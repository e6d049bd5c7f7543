package dev.coreoswatch.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.coreoswatch.aws.AwsJsonClient;
import dev.coreoswatch.aws.ConfigParameter;
import dev.coreoswatch.aws.Lazy;
import dev.coreoswatch.aws.SnsQueryClient;
import dev.coreoswatch.config.ConfigSource;
import dev.coreoswatch.config.WatchConfig;
import dev.coreoswatch.events.EventBridgePublisher;
import dev.coreoswatch.events.EventPublisher;
import dev.coreoswatch.github.SecretsManagerGitHubToken;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.ledger.DynamoDbLedger;
import dev.coreoswatch.ledger.Ledger;
import dev.coreoswatch.notify.NotificationStateTable;
import dev.coreoswatch.notify.Notifier;
import dev.coreoswatch.notify.SnsTopic;
import dev.coreoswatch.wiring.Components;
import dev.coreoswatch.wiring.FunctionSetup;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A function set up for a SnapStart priming test, where any use of the network is visible: the real clients
 * (bus, secret, configuration, ledger) point at a loopback WireMock that must see no request, the core's HTTP door records and
 * refuses every call, and each lazily built client notes that it was built. Only the SDK modules a test asks
 * for are touched, so a function module's test runs on that function's own class path.
 */
public final class PrimingFixture implements AutoCloseable {
    public static final String SECRET_ARN =
            "arn:aws:secretsmanager:eu-west-1:111122223333:secret:coreos-watch-github-Xy12Ab";
    public static final String TOPIC_ARN = "arn:aws:sns:eu-west-1:111122223333:coreos-watch-AlarmTopic-PRIMING1";

    private final WireMockServer aws =
            new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private final List<String> httpCalls = Collections.synchronizedList(new ArrayList<>());
    private final List<String> built = Collections.synchronizedList(new ArrayList<>());

    public PrimingFixture() {
        aws.start();
    }

    /** The core's HTTP door: records the call and fails it, as priming must never reach it. */
    public Http refusingHttp() {
        return request -> {
            httpCalls.add(request.method() + " " + request.uri());
            throw new IllegalStateException("priming used the network: " + request.method() + " " + request.uri());
        };
    }

    /**
     * A setup with the bus, the configuration {@code keys} and, when {@code withSecret}, the GitHub token read from
     * Secrets Manager (the read would be a request to the WireMock).
     */
    public FunctionSetup setup(Map<String, String> keys, boolean withSecret) {
        return setup(keys, withSecret, false);
    }

    /**
     * As above; {@code withNotifier} adds the notification topic and a notifier whose state table (DynamoDB) and
     * topic (SNS) are real clients aimed at the WireMock too. Needs the DynamoDB and SNS SDKs on the class path.
     */
    public FunctionSetup setup(Map<String, String> keys, boolean withSecret, boolean withNotifier) {
        Map<String, String> all = new HashMap<>(keys);
        all.put("events.bus-name", "coreos-watch-events");
        if (withSecret) {
            all.put("github.token-secret-arn", SECRET_ARN);
        }
        if (withNotifier) {
            all.put("notify.topic-arn", TOPIC_ARN);
        }
        FunctionSetup setup = setupWithout(all, withSecret);
        return withNotifier ? setup.withNotifier(notifier(all)) : setup;
    }

    private Notifier notifier(Map<String, String> keys) {
        DynamoDbClient states = DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        SnsQueryClient sns = new SnsQueryClient(
                UrlConnectionHttpClient.builder().build(),
                credentials(),
                Region.EU_WEST_1,
                endpoint(),
                Clock.systemUTC(),
                AwsJsonClient.SLEEP);
        return new Notifier(
                new NotificationStateTable(
                        states,
                        keys.getOrDefault("ledger.table", "coreos-watch-ledger"),
                        keys.getOrDefault("target.image", "ghcr.io/acme/custom-coreos")),
                new SnsTopic(sns, TOPIC_ARN),
                Clock.systemUTC());
    }

    private FunctionSetup setupWithout(Map<String, String> all, boolean withSecret) {
        WatchConfig config = WatchConfig.load(ConfigSource.of(all));
        Http http = refusingHttp();
        Supplier<EventPublisher> publisher = counted(
                "EventBridge",
                () -> new EventBridgePublisher(
                        LoopbackAwsJson.client(
                                AwsJsonClient.Service.EVENTBRIDGE, endpoint(), credentials(), AwsJsonClient.SLEEP),
                        "coreos-watch-events"));
        if (!withSecret) {
            return new FunctionSetup(config, new Components(config, http, Clock.systemUTC()), publisher);
        }
        Supplier<AwsJsonClient> secrets = counted(
                "SecretsManager",
                () -> LoopbackAwsJson.client(
                        AwsJsonClient.Service.SECRETS_MANAGER, endpoint(), credentials(), AwsJsonClient.SLEEP));
        SecretsManagerGitHubToken token = new SecretsManagerGitHubToken(
                secrets, SECRET_ARN, http, config.githubApiUrl(), "acme/fcos-builds", Clock.systemUTC());
        return new FunctionSetup(
                config, new Components(config, http, Clock.systemUTC(), token), publisher, List.of(secrets));
    }

    /** The configuration parameter on the real signed SSM client aimed at the WireMock (a read would be a request there). */
    public ConfigParameter configParameter() {
        return new ConfigParameter(
                counted(
                        "SSM",
                        () -> LoopbackAwsJson.client(
                                AwsJsonClient.Service.SSM, endpoint(), credentials(), AwsJsonClient.SLEEP)),
                "/coreos-watch/config");
    }

    /** The dispatcher's ledger on a real DynamoDB client aimed at the WireMock. */
    public Supplier<Ledger> ledger() {
        return counted(
                "DynamoDB",
                () -> new DynamoDbLedger(
                        DynamoDbClient.builder()
                                .endpointOverride(endpoint())
                                .region(Region.EU_WEST_1)
                                .credentialsProvider(credentials())
                                .httpClientBuilder(UrlConnectionHttpClient.builder())
                                .build(),
                        "coreos-watch-ledger"));
    }

    /** Requests that reached the loopback AWS endpoint (EventBridge, Secrets Manager, DynamoDB, SSM). */
    public int awsRequests() {
        return aws.getAllServeEvents().size();
    }

    public List<String> httpCalls() {
        return List.copyOf(httpCalls);
    }

    /** Which of the real clients were built, in order. */
    public List<String> built() {
        return List.copyOf(built);
    }

    private <T> Supplier<T> counted(String name, Supplier<T> factory) {
        return new Lazy<>(() -> {
            built.add(name);
            return factory.get();
        });
    }

    private URI endpoint() {
        return URI.create(aws.baseUrl());
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDPRIMINGTEST", "priming-test"));
    }

    @Override
    public void close() {
        aws.stop();
    }
}
