package dev.coreoswatch.wiring;

import dev.coreoswatch.cache.ConditionalHttp;
import dev.coreoswatch.cache.ImmutableHttp;
import dev.coreoswatch.cache.OncePerCheck;
import dev.coreoswatch.cache.WatchCache;
import dev.coreoswatch.config.WatchConfig;
import dev.coreoswatch.decision.Decider;
import dev.coreoswatch.decision.ZfsPolicy;
import dev.coreoswatch.github.GitHubApi;
import dev.coreoswatch.github.WorkflowDispatchClient;
import dev.coreoswatch.github.WorkflowRuns;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.RetryPolicy;
import dev.coreoswatch.http.RetryingHttp;
import dev.coreoswatch.http.UrlConnectionHttp;
import dev.coreoswatch.ledger.Ledger;
import dev.coreoswatch.model.Secret;
import dev.coreoswatch.pipeline.BoundedParallel;
import dev.coreoswatch.pipeline.BuildOutcomes;
import dev.coreoswatch.pipeline.Check;
import dev.coreoswatch.pipeline.Dispatch;
import dev.coreoswatch.pipeline.ImageRead;
import dev.coreoswatch.pipeline.Inspect;
import dev.coreoswatch.pipeline.Watch;
import dev.coreoswatch.pipeline.WorkflowTarget;
import dev.coreoswatch.registry.RegistryClient;
import dev.coreoswatch.registry.RegistryCredentials;
import dev.coreoswatch.upstream.BaseImageKernelSource;
import dev.coreoswatch.upstream.CommitmetaKernelSource;
import dev.coreoswatch.upstream.FcosStreamMetadata;
import dev.coreoswatch.upstream.KernelResolver;
import dev.coreoswatch.upstream.ZfsReleaseSource;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds the core's parts from a configuration, once, for whichever door runs them (CLI, Lambda,
 * replay). Plain constructors: nothing reflective, nothing started until first used.
 *
 * <p>Request economy: every reader shares one {@link WatchCache}. Documents that change in place
 * (stream metadata, the release list, GitHub reads in general) go through {@link ConditionalHttp},
 * so a second check asks "changed?" once per document and a 304 is reused; documents that name a
 * fixed version (commitmeta of a build, META at a release tag) go through {@link ImmutableHttp}
 * and are read once; the registry keeps manifests and configs by digest and confirms a tag with
 * one HEAD. The Lambda functions keep their Components (and so the cache) for the life of the
 * environment; the CLI loads and saves the cache in its state directory.
 */
public final class Components {
    private final WatchConfig config;
    private final Http http;
    private final Clock clock;
    private final RegistryClient registry;
    private final GitHubApi github;
    private final Decider decider;
    private final Supplier<Optional<Secret>> githubToken;
    private final WatchCache cache;
    private final Http revalidating;
    private final Http immutable;
    private final Optional<Supplier<RegistryCredentials>> registrySecret;

    public Components(WatchConfig config, Http http, Clock clock) {
        this(config, http, clock, config::githubToken);
    }

    /** {@code githubToken} is asked on each GitHub request; it caches (a PAT, or an App's installation token). */
    public Components(WatchConfig config, Http http, Clock clock, Supplier<Optional<Secret>> githubToken) {
        this(config, http, clock, githubToken, new WatchCache());
    }

    /** As above, reusing {@code cache} (the CLI's saved one, or one kept across invocations). */
    public Components(
            WatchConfig config, Http http, Clock clock, Supplier<Optional<Secret>> githubToken, WatchCache cache) {
        this(config, http, clock, githubToken, cache, null, Optional.empty());
    }

    /**
     * As above; {@code registrySecret} (a Lambda's {@code registry.credentials-secret-arn}) gives the target
     * registry's credentials, read when a request first needs them, instead of registry.username/password.
     */
    public Components(
            WatchConfig config,
            Http http,
            Clock clock,
            Supplier<Optional<Secret>> githubToken,
            WatchCache cache,
            Optional<Supplier<RegistryCredentials>> registrySecret) {
        this(config, http, clock, githubToken, cache, null, registrySecret);
    }

    private Components(
            WatchConfig config,
            Http http,
            Clock clock,
            Supplier<Optional<Secret>> githubToken,
            WatchCache cache,
            OncePerCheck check,
            Optional<Supplier<RegistryCredentials>> registrySecret) {
        this.config = config;
        this.registrySecret = registrySecret;
        this.http = http;
        this.clock = clock;
        this.cache = cache;
        Http revalidated = new ConditionalHttp(http, cache.responses());
        Http kept = new ImmutableHttp(http, cache.responses());
        this.revalidating = check == null ? revalidated : check.over(revalidated);
        this.immutable = check == null ? kept : check.over(kept);
        // The registry gets the plain stack: its answers carry credentials, and it caches by digest itself.
        this.registry = RegistryClient.readingCredentialsOnFirstUse(
                http, config.plainHttpHosts(), registryCredentials(config, registrySecret), clock, cache.registry());
        this.githubToken = githubToken;
        this.github =
                new GitHubApi(revalidating, immutable, config.githubApiUrl(), githubToken, config.plainHttpHosts());
        this.decider = new Decider(config.blockedVersions(), config.builds().allowDowngrade());
    }

    /** Production wiring: the JDK client behind the one retry policy. */
    public static Components create(WatchConfig config) {
        return create(config, new WatchCache());
    }

    /** Production wiring with a cache from an earlier run. */
    public static Components create(WatchConfig config, WatchCache cache) {
        return new Components(config, productionHttp(), Clock.systemUTC(), config::githubToken, cache);
    }

    public static Http productionHttp() {
        return new RetryingHttp(new UrlConnectionHttp(Http.Limits.DEFAULT), RetryPolicy.DEFAULT);
    }

    /** Credentials belong to the target image's registry and go nowhere else. */
    private static Map<String, Supplier<RegistryCredentials>> registryCredentials(
            WatchConfig config, Optional<Supplier<RegistryCredentials>> secret) {
        if (config.targetImage().isEmpty()) {
            return Map.of();
        }
        String host = config.targetImage().get().registry();
        if (secret.isPresent()) {
            return Map.of(host, secret.get());
        }
        if (config.registryUsername().isEmpty() || config.registryPassword().isEmpty()) {
            return Map.of();
        }
        RegistryCredentials given = new RegistryCredentials(
                config.registryUsername().get(), config.registryPassword().get());
        return Map.of(host, () -> given);
    }

    /** The same HTTP stack, clock, token and cache for another configuration (a manual run's streams). */
    public Components withConfig(WatchConfig other) {
        return new Components(other, http, clock, githubToken, cache, registrySecret);
    }

    /** As {@link #withConfig}, with upstream reads ({@code revalidating}, {@code immutable}) seen through one check's memory. */
    public Components forTarget(WatchConfig other, OncePerCheck check) {
        return new Components(other, http, clock, githubToken, cache, check, registrySecret);
    }

    /**
     * The upstream documents every target of a check shares: stream metadata, commitmeta, OpenZFS releases and META,
     * where {@code fleet} (the keys every target shares) says they are.
     */
    public static OncePerCheck newCheck(WatchConfig fleet) {
        return new OncePerCheck(
                List.of(fleet.metadataUrl(), URI.create(fleet.githubApiUrl() + "/repos/" + fleet.zfsRepository())));
    }

    public WatchCache cache() {
        return cache;
    }

    public WatchConfig config() {
        return config;
    }

    public Http http() {
        return http;
    }

    public Clock clock() {
        return clock;
    }

    public RegistryClient registry() {
        return registry;
    }

    public GitHubApi github() {
        return github;
    }

    public Decider decider() {
        return decider;
    }

    public Watch watch() {
        KernelResolver kernels = new KernelResolver(List.of(
                new CommitmetaKernelSource(immutable, config.metadataUrl()),
                new BaseImageKernelSource(registry, config.coreosImage())));
        return new Watch(
                new FcosStreamMetadata(revalidating, config.metadataUrl()),
                kernels,
                new ZfsReleaseSource(github, config.zfsRepository()),
                new ZfsPolicy(config.zfsSeries(), config.zfsAllowDotZero()),
                clock,
                BoundedParallel.ARCHITECTURES);
    }

    public Inspect inspect() {
        return new Inspect(registry, decider);
    }

    /** The dispatch step; {@code ledger} is empty only for a dry run that has no local state yet. */
    public Dispatch dispatch(Optional<Ledger> ledger) {
        Optional<WorkflowTarget> workflow = config.workflowRepository()
                .map(repository -> new WorkflowTarget(repository, config.workflowFile(), config.workflowRef()));
        ImageRead.Reader images = (stream, arches) -> inspect()
                .read(
                        config.targetImage()
                                .orElseThrow(() -> new IllegalStateException("following a build without target.image"))
                                .withTag(config.tagFor(stream)),
                        arches);
        return new Dispatch(
                ledger,
                new WorkflowDispatchClient(github),
                new WorkflowRuns(github),
                workflow,
                config.inFlightWindow(),
                clock,
                config::tagFor,
                config.builds(),
                images,
                BuildOutcomes.LOG);
    }

    public Check check(Optional<Ledger> ledger) {
        return new Check(config, watch(), inspect(), decider, dispatch(ledger), clock, BoundedParallel.STREAMS);
    }
}
