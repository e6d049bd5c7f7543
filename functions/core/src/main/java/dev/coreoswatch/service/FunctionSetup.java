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

/**
 * What the three functions share: configuration from the environment (CONTRACT section 2 names),
 * the core's components, the GitHub token (a variable, or the Secrets Manager secret read on
 * first use), and the bus. Nothing here touches the network until a request needs it.
 */
public final class FunctionSetup {
    private final WatchConfig config;
    private final Components components;
    private final Supplier<EventPublisher> publisher;

    public FunctionSetup(WatchConfig config, Components components, Supplier<EventPublisher> publisher) {
        this.config = config;
        this.components = components;
        this.publisher = publisher;
    }

    public static FunctionSetup fromEnvironment() {
        WatchConfig config = WatchConfig.load(ConfigSource.system());
        Http http = Components.productionHttp();
        Clock clock = Clock.systemUTC();
        Supplier<Optional<Secret>> token = githubToken(config, http, clock);
        Components components = new Components(config, http, clock, token);
        String bus = config.eventBusName().orElse(null);
        Supplier<EventPublisher> publisher = () -> {
            if (bus == null) {
                throw new ConfigException("events.bus-name", "EVENT_BUS_NAME is required to publish events");
            }
            return new EventBridgePublisher(AwsClients.eventBridge().get(), bus);
        };
        return new FunctionSetup(config, components, new Lazy<>(publisher));
    }

    private static Supplier<Optional<Secret>> githubToken(WatchConfig config, Http http, Clock clock) {
        if (config.githubTokenSecretArn().isPresent()) {
            return new SecretsManagerGitHubToken(AwsClients.secretsManager(), config.githubTokenSecretArn().get(), http,
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

    void publish(List<dev.coreoswatch.events.BusEvent> events) {
        if (!events.isEmpty()) {
            publisher().publish(events);
        }
    }
}
