package dev.coreoswatch.wiring;

import dev.coreoswatch.aws.AwsClients;
import dev.coreoswatch.aws.AwsJsonClient;
import dev.coreoswatch.aws.ConfigParameter;
import dev.coreoswatch.aws.Lazy;
import dev.coreoswatch.aws.SecretsManagerRegistryCredentials;
import dev.coreoswatch.cache.WatchCache;
import dev.coreoswatch.config.ConfigException;
import dev.coreoswatch.config.ConfigSource;
import dev.coreoswatch.config.Fleet;
import dev.coreoswatch.config.Target;
import dev.coreoswatch.config.WatchConfig;
import dev.coreoswatch.events.BusEvent;
import dev.coreoswatch.events.EventBridgePublisher;
import dev.coreoswatch.events.EventFormatException;
import dev.coreoswatch.events.EventPublisher;
import dev.coreoswatch.github.SecretsManagerGitHubToken;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.UrlConnectionHttp;
import dev.coreoswatch.metrics.InvocationMetrics;
import dev.coreoswatch.metrics.Metric;
import dev.coreoswatch.model.Printable;
import dev.coreoswatch.model.Secret;
import dev.coreoswatch.notify.NotificationStateTable;
import dev.coreoswatch.notify.Notifier;
import dev.coreoswatch.notify.SnsTopic;
import dev.coreoswatch.registry.ImageReference;
import dev.coreoswatch.registry.RegistryCredentials;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What the three functions share: configuration from the environment (docs/contract.md section 2 names),
 * the core's components, the GitHub token (a variable, or the Secrets Manager secret read on
 * first use), the bus, the notifier (when {@code notify.topic-arn} is set) and where the metrics
 * go. Nothing here touches the network until a request needs it.
 */
public final class FunctionSetup {
    /** The key of the SSM parameter that holds the configuration document (CONTRACT section 2). */
    static final String CONFIG_PARAMETER = "config.parameter";
    /** Lambda's own name for the function: the metrics' {@code Function} dimension, so two stacks never mix. */
    static final String FUNCTION_NAME_VARIABLE = "AWS_LAMBDA_FUNCTION_NAME";
    /** docs/contract.md section 2: the target registry's {@code {"username","password"}} secret (Lambda). */
    static final String REGISTRY_SECRET_KEY = "registry.credentials-secret-arn";

    private static final Pattern SECRET_ARN =
            Pattern.compile("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}");

    private final WatchConfig config;
    private final Components components;
    private final Supplier<EventPublisher> publisher;
    private final Function<String, Optional<Notifier>> notifier;
    /** Where the configuration document lives, when it is not the environment alone. */
    private final Optional<ConfigParameter> parameter;

    private final Consumer<String> metricsOutput;
    private final Optional<String> functionName;
    /** What {@link #prime} builds besides the publisher and the notifier's table: the Secrets Manager and SNS clients, where configured. */
    private final List<Supplier<?>> clients;

    public FunctionSetup(WatchConfig config, Components components, Supplier<EventPublisher> publisher) {
        this(config, components, publisher, List.of());
    }

    /** {@code clients}: lazily built SDK clients that SnapStart priming should build (never call) before the snapshot. */
    public FunctionSetup(
            WatchConfig config, Components components, Supplier<EventPublisher> publisher, List<Supplier<?>> clients) {
        this(
                config,
                components,
                publisher,
                image -> Optional.empty(),
                InvocationMetrics.STDOUT,
                Optional.empty(),
                clients,
                Optional.empty());
    }

    private FunctionSetup(
            WatchConfig config,
            Components components,
            Supplier<EventPublisher> publisher,
            Function<String, Optional<Notifier>> notifier,
            Consumer<String> metricsOutput,
            Optional<String> functionName,
            List<Supplier<?>> clients,
            Optional<ConfigParameter> parameter) {
        this.parameter = parameter;
        this.config = config;
        this.components = components;
        this.publisher = publisher;
        this.notifier = notifier;
        this.metricsOutput = metricsOutput;
        this.functionName = functionName;
        this.clients = List.copyOf(clients);
    }

    public static FunctionSetup fromEnvironment() {
        ConfigSource source = ConfigSource.system();
        WatchConfig config = WatchConfig.load(source);
        Optional<ConfigParameter> parameter =
                source.get(CONFIG_PARAMETER).map(name -> new ConfigParameter(AwsClients.ssm(), name.strip()));
        Http http = Components.productionHttp();
        Clock clock = Clock.systemUTC();
        // Only where a secret is configured: a function whose template sets no secret builds no Secrets Manager client.
        Optional<Supplier<AwsJsonClient>> secrets =
                config.githubTokenSecretArn().map(arn -> AwsClients.secretsManager());
        Supplier<Optional<Secret>> token = githubToken(config, secrets, http, clock, parameter.isPresent());
        Optional<Supplier<RegistryCredentials>> registrySecret = registrySecret(source, config);
        Components components = new Components(config, http, clock, token, new WatchCache(), registrySecret);
        String bus = config.eventBusName().orElse(null);
        Supplier<EventPublisher> publisher = () -> {
            if (bus == null) {
                throw new ConfigException("events.bus-name", "EVENT_BUS_NAME is required to publish events");
            }
            return new EventBridgePublisher(AwsClients.eventBridge().get(), bus);
        };
        // Built before a SnapStart snapshot, never called there; the SNS client is otherwise built at the first
        // Publish.
        List<Supplier<?>> clients = new ArrayList<>();
        secrets.ifPresent(clients::add);
        if (registrySecret.isPresent()) {
            clients.add(AwsClients.secretsManager());
        }
        if (config.notifyTopicArn().isPresent()) {
            clients.add(() -> AwsClients.sns().get());
        }
        return new FunctionSetup(
                config,
                components,
                new Lazy<>(publisher),
                notifier(config, clock, parameter.isPresent()),
                InvocationMetrics.STDOUT,
                Optional.ofNullable(System.getenv(FUNCTION_NAME_VARIABLE)).filter(n -> !n.isBlank()),
                clients,
                parameter);
    }

    /**
     * The target registry's credentials from {@code registry.credentials-secret-arn}, read on first use (never
     * during init or priming). Whether it is set decides, before it is read, that a denied read is an error.
     */
    static Optional<Supplier<RegistryCredentials>> registrySecret(ConfigSource source, WatchConfig config) {
        Optional<String> arn =
                source.get(REGISTRY_SECRET_KEY).map(String::strip).filter(a -> !a.isEmpty());
        if (arn.isEmpty()) {
            return Optional.empty();
        }
        if (!SECRET_ARN.matcher(arn.get()).matches()) {
            throw new ConfigException(
                    REGISTRY_SECRET_KEY,
                    "expected a Secrets Manager secret ARN (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-xxxxxx)");
        }
        if (config.registryUsername().isPresent()) {
            throw new ConfigException(
                    REGISTRY_SECRET_KEY,
                    "set either " + REGISTRY_SECRET_KEY + " or registry.username and registry.password, not both");
        }
        return Optional.of(new SecretsManagerRegistryCredentials(AwsClients.secretsManager(), arn.get()));
    }

    /**
     * Notifications need the topic, and a table and the target image to key the last-notified state by (one
     * state per target: its image is in the key). With a configuration document the image comes with each event.
     */
    private static Function<String, Optional<Notifier>> notifier(
            WatchConfig config, Clock clock, boolean fromDocument) {
        if (config.notifyTopicArn().isEmpty()) {
            return image -> Optional.empty();
        }
        config.require(
                fromDocument ? List.of("ledger.table") : List.of("ledger.table", "target.image"),
                "notifications (notify.topic-arn)");
        String table = config.ledgerTable().orElseThrow();
        String topic = config.notifyTopicArn().get();
        Map<String, Notifier> byImage = new ConcurrentHashMap<>();
        return image -> Optional.ofNullable(image)
                .or(() -> config.targetImage().map(ImageReference::name))
                .map(i -> byImage.computeIfAbsent(
                        i,
                        key -> new Notifier(
                                new NotificationStateTable(AwsClients.dynamoDb().get(), table, key),
                                new SnsTopic(AwsClients.sns(), topic),
                                clock)));
    }

    /**
     * The fleet of this invocation: the document from the SSM parameter, read now (never at init or in priming),
     * with the environment over it; without a parameter, the environment's single target.
     */
    public Fleet fleet() {
        return parameter
                .map(p -> Fleet.load(ConfigSource.system(), Optional.of(p.read())))
                .orElseGet(() -> Fleet.single(config));
    }

    /** Whether the targets' keys come from a document at each invocation (and so cannot be checked at init). */
    public boolean configuredByDocument() {
        return parameter.isPresent();
    }

    /** The target an event names; one the configuration no longer has is a bad event (dead-letter queue), never a guess. */
    public static Target target(Fleet fleet, String name) {
        return fleet.target(name)
                .orElseThrow(() -> new EventFormatException("the event names target " + Printable.quote(name)
                        + ", which the configuration does not have (targets: " + String.join(", ", fleet.names())
                        + ")"));
    }

    /** Checks the keys a function needs: at init from the environment, or per target once a document is read. */
    public void require(List<String> keys, String who) {
        if (!configuredByDocument()) {
            config.require(keys, who);
        }
    }

    private static Supplier<Optional<Secret>> githubToken(
            WatchConfig config,
            Optional<Supplier<AwsJsonClient>> secrets,
            Http http,
            Clock clock,
            boolean fromDocument) {
        if (secrets.isPresent()) {
            // From a document, each target names its own workflow repository: an App token is not narrowed to one.
            String repository =
                    fromDocument ? null : config.workflowRepository().orElse(config.zfsRepository());
            return new SecretsManagerGitHubToken(
                    secrets.get(),
                    config.githubTokenSecretArn().orElseThrow(),
                    http,
                    config.githubApiUrl(),
                    repository,
                    clock);
        }
        return config::githubToken;
    }

    /** The same setup telling operators through {@code notifier} (tests: a WireMock SNS and dynalite). */
    public FunctionSetup withNotifier(Notifier notifier) {
        return new FunctionSetup(
                config,
                components,
                publisher,
                image -> Optional.of(notifier),
                metricsOutput,
                functionName,
                clients,
                parameter);
    }

    /** The same setup reading its configuration document from {@code parameter} at every invocation (tests: a WireMock SSM). */
    public FunctionSetup withConfigParameter(ConfigParameter parameter) {
        return new FunctionSetup(
                config, components, publisher, notifier, metricsOutput, functionName, clients, Optional.of(parameter));
    }

    /** The same setup writing its metric documents to {@code output} instead of stdout. */
    public FunctionSetup withMetricsOutput(Consumer<String> output) {
        return new FunctionSetup(config, components, publisher, notifier, output, functionName, clients, parameter);
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
     * SnapStart priming of what the functions share: the real SDK clients are built (bus, secret, notifier; nothing
     * is sent, no secret is read), the metrics document of {@code function} is rendered (not written), and the
     * publish, secret-reading, notification and configuration-parameter paths run once on canned transports with
     * {@code events}.
     */
    public void prime(String function, Collection<Metric> reported, List<BusEvent> events) {
        if (config.eventBusName().isPresent()) {
            publisher.get();
        }
        clients.forEach(Supplier::get);
        if (!configuredByDocument()) {
            notifier.apply(null);
        }
        parameter.ifPresent(p -> {
            p.prepare();
            Priming.configParameter();
        });
        metrics(function, reported).toEmf(components.clock().instant());
        UrlConnectionHttp.prime();
        Priming.publish(events);
        if (config.githubTokenSecretArn().isPresent()) {
            Priming.secret(this);
        }
        if (config.notifyTopicArn().isPresent()) {
            Priming.notification();
        }
    }

    public void publish(List<BusEvent> events) {
        if (!events.isEmpty()) {
            publisher().publish(events);
        }
    }

    public Optional<Notifier> notifier() {
        return notifier(null);
    }

    /** The notifier of the target whose image is {@code image} (null: the environment's target). */
    public Optional<Notifier> notifier(String image) {
        return notifier.apply(image);
    }

    /** A fresh set of counts for one invocation; {@code function} names it outside Lambda. */
    public InvocationMetrics metrics(String function, Collection<Metric> reported) {
        return new InvocationMetrics(functionName.orElse(function), reported);
    }

    /** Writes the invocation's documents (one per target); metrics are a by-product and never fail the invocation. */
    public void emit(InvocationMetrics metrics) {
        metrics.documents(components.clock().instant()).forEach(metricsOutput);
    }
}
