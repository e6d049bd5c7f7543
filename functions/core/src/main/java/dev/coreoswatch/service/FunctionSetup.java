package dev.coreoswatch.service;

import dev.coreoswatch.aws.AwsClients;
import dev.coreoswatch.aws.Lazy;
import dev.coreoswatch.config.ConfigException;
import dev.coreoswatch.config.ConfigSource;
import dev.coreoswatch.config.WatchConfig;
import dev.coreoswatch.events.EventBridgePublisher;
import dev.coreoswatch.events.EventPublisher;
import dev.coreoswatch.github.SecretsManagerGitHubToken;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.model.Secret;
import dev.coreoswatch.pipeline.Components;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * What the three functions share: configuration from the environment (CONTRACT section 2 names),
 * the core's components, the GitHub token (a variable, or the Secrets Manager secret read on
 * first use), and the bus. Nothing here touches the network until a request needs it.
 */
public final class FunctionSetup {
    private final WatchConfig config;
    private final Components components;
    private final Supplier<EventPublisher> publisher;
    /** The clients {@link #prime} builds besides the publisher's (the Secrets Manager client, where configured). */
    private final List<Supplier<?>> clients;

    public FunctionSetup(WatchConfig config, Components components, Supplier<EventPublisher> publisher) {
        this(config, components, publisher, List.of());
    }

    /** {@code clients}: lazily built SDK clients that SnapStart priming should build (never call) before the snapshot. */
    public FunctionSetup(WatchConfig config, Components components, Supplier<EventPublisher> publisher, List<Supplier<?>> clients) {
        this.config = config;
        this.components = components;
        this.publisher = publisher;
        this.clients = List.copyOf(clients);
    }

    public static FunctionSetup fromEnvironment() {
        WatchConfig config = WatchConfig.load(ConfigSource.system());
        Http http = Components.productionHttp();
        Clock clock = Clock.systemUTC();
        // Only where a secret is configured: the inspector's jar does not even ship the Secrets Manager SDK.
        Optional<Supplier<SecretsManagerClient>> secrets = config.githubTokenSecretArn().map(arn -> AwsClients.secretsManager());
        Supplier<Optional<Secret>> token = githubToken(config, secrets, http, clock);
        Components components = new Components(config, http, clock, token);
        String bus = config.eventBusName().orElse(null);
        Supplier<EventPublisher> publisher = () -> {
            if (bus == null) {
                throw new ConfigException("events.bus-name", "EVENT_BUS_NAME is required to publish events");
            }
            return new EventBridgePublisher(AwsClients.eventBridge().get(), bus);
        };
        return new FunctionSetup(config, components, new Lazy<>(publisher), secrets.<List<Supplier<?>>>map(List::of).orElse(List.of()));
    }

    private static Supplier<Optional<Secret>> githubToken(WatchConfig config, Optional<Supplier<SecretsManagerClient>> secrets,
                                                          Http http, Clock clock) {
        if (secrets.isPresent()) {
            return new SecretsManagerGitHubToken(secrets.get(), config.githubTokenSecretArn().orElseThrow(), http,
                    config.githubApiUrl(), config.workflowRepository().orElse(config.zfsRepository()), clock);
        }
        return config::githubToken;
    }

    public WatchConfig config() {
        return config;
    }

    public Components components() {
        return components;
    }

    public EventPublisher publisher() {
        return publisher.get();
    }

    /**
     * SnapStart priming of what the functions share: the real SDK clients are built (nothing is sent, no secret is
     * read), and the publish and secret-reading paths run once on canned transports with {@code events}.
     */
    void prime(List<dev.coreoswatch.events.BusEvent> events) {
        if (config.eventBusName().isPresent()) {
            publisher.get();
        }
        clients.forEach(Supplier::get);
        Priming.publish(events);
        if (config.githubTokenSecretArn().isPresent()) {
            Priming.secret(this);
        }
    }

    void publish(List<dev.coreoswatch.events.BusEvent> events) {
        if (!events.isEmpty()) {
            publisher().publish(events);
        }
    }
}
