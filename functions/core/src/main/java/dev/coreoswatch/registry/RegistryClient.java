package dev.coreoswatch.registry;

import dev.coreoswatch.aws.Lazy;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.model.Platform;
import dev.coreoswatch.model.Printable;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads image labels from an OCI distribution registry: tag -> manifest (index -> per-platform
 * manifest) -> config blob -> {@code config.Labels}. The operations live in their own classes
 * ({@link ManifestFetcher}, {@link ManifestHead}, {@link BlobFetcher}, {@link TokenFetcher}, behind
 * {@link RegistryCaller} and {@link RegistryAuthenticator}); this facade only walks the image.
 *
 * <p>A tag read before costs one {@code HEAD}: when the tag still points at the digest in the
 * {@link RegistryCache}, the walk below it is answered from the cache (manifests and configs by
 * digest never change). A moved tag is read again, and only the digests not seen before are
 * downloaded.
 *
 * <p>"Not built" (404 MANIFEST_UNKNOWN / NAME_UNKNOWN) is an {@link ImageLookup#absent} result;
 * everything else that keeps us from an answer is a {@link RegistryException}.
 */
public final class RegistryClient {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryClient.class);

    private final Schemes schemes;
    private final Map<String, Supplier<RegistryCredentials>> credentialsByRegistryHost;
    private final ManifestFetcher manifests;
    private final ManifestHead heads;
    private final BlobFetcher blobs;
    private final RegistryCache cache;

    /**
     * @param http                      every request goes through it (wrap {@code UrlConnectionHttp} in {@code RetryingHttp})
     * @param plainHttpHosts            {@code host:port} spoken to over plain http ({@code registry.plain-http})
     * @param credentialsByRegistryHost credentials by registry host as written in image references
     *                                  ({@code ghcr.io}, {@code 127.0.0.1:5000}); sent to that registry or its token realm only
     */
    public RegistryClient(
            Http http, Set<String> plainHttpHosts, Map<String, RegistryCredentials> credentialsByRegistryHost) {
        this(http, plainHttpHosts, credentialsByRegistryHost, Clock.systemUTC());
    }

    /** As above, with the clock that ages cached tokens. */
    public RegistryClient(
            Http http,
            Set<String> plainHttpHosts,
            Map<String, RegistryCredentials> credentialsByRegistryHost,
            Clock clock) {
        this(http, plainHttpHosts, credentialsByRegistryHost, clock, new RegistryCache());
    }

    /** As above, with a cache that outlives this client (a Lambda environment, the CLI's state directory). */
    public RegistryClient(
            Http http,
            Set<String> plainHttpHosts,
            Map<String, RegistryCredentials> credentialsByRegistryHost,
            Clock clock,
            RegistryCache cache) {
        this(
                http,
                plainHttpHosts,
                clock,
                cache,
                credentialsByRegistryHost.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> () -> e.getValue())));
    }

    private RegistryClient(
            Http http,
            Set<String> plainHttpHosts,
            Clock clock,
            RegistryCache cache,
            Map<String, Supplier<RegistryCredentials>> credentialsByRegistryHost) {
        this.cache = cache;
        this.schemes = new Schemes(plainHttpHosts);
        Redaction redaction = new Redaction();
        // Read once, when a request first needs them; the password joins the redaction as it arrives.
        this.credentialsByRegistryHost = credentialsByRegistryHost.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(
                        Map.Entry::getKey,
                        e -> new Lazy<>(() -> {
                            RegistryCredentials read = e.getValue().get();
                            redaction.add(read.password().value());
                            return read;
                        })));
        RegistryAuthenticator authenticator =
                new RegistryAuthenticator(new TokenFetcher(http, redaction), new TokenCache(clock), schemes, redaction);
        RegistryCaller caller = new RegistryCaller(http, schemes, authenticator, redaction);
        this.manifests = new ManifestFetcher(caller, redaction, cache);
        this.heads = new ManifestHead(caller);
        this.blobs = new BlobFetcher(caller, cache);
    }

    /**
     * A client whose credentials are known to exist from the start but are read on first use (a
     * Secrets Manager secret: never during init or SnapStart priming). Whether a registry has
     * credentials decides, before any are read, what an anonymous denial means.
     */
    public static RegistryClient readingCredentialsOnFirstUse(
            Http http,
            Set<String> plainHttpHosts,
            Map<String, Supplier<RegistryCredentials>> credentialsByRegistryHost,
            Clock clock,
            RegistryCache cache) {
        return new RegistryClient(http, plainHttpHosts, clock, cache, credentialsByRegistryHost);
    }

    /**
     * Resolves {@code ref} and reads the labels of each requested platform it carries. A platform
     * the image lacks is missing from the result's platforms; a tag or repository that does not
     * exist gives an absent lookup.
     *
     * @throws RegistryDeniedException when the registry denies an anonymous read and no credentials are configured for it
     * @throws RegistryException       for anything else that keeps us from an answer
     */
    public ImageLookup lookup(ImageReference ref, Collection<Platform> platforms) {
        RegistryEndpoint endpoint = endpoint(ref);
        ManifestFetcher.Result top =
                manifests.fetch(endpoint, unchangedDigest(endpoint, ref).orElse(ref.reference()));
        if (top instanceof ManifestFetcher.Missing missing) {
            LOG.debug("{}: {}", ref, missing.why());
            return ImageLookup.absent(ref, missing.why());
        }
        ManifestFetcher.Found found = (ManifestFetcher.Found) top;
        Map<Platform, PlatformImage> images = switch (found.manifest()) {
            case Manifest.Index index -> fromIndex(endpoint, ref, index, platforms);
            case Manifest.Image image -> fromSingle(endpoint, ref, found.digest(), image, platforms);
        };
        LOG.debug("{} ({}) has {} of the {} requested platforms", ref, found.digest(), images.size(), platforms.size());
        return new ImageLookup(ref, Optional.of(found.digest()), images, Optional.empty());
    }

    /** The digest the tag pointed at last time, if a HEAD says it still does and its manifest is cached. */
    private Optional<String> unchangedDigest(RegistryEndpoint endpoint, ImageReference ref) {
        if (ref.digest() != null) {
            return Optional.empty();
        }
        Optional<String> known = cache.tagDigest(endpoint, ref.tag())
                .filter(d -> cache.content(endpoint, d).isPresent());
        if (known.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> now = heads.digest(endpoint, ref.tag());
        if (now.equals(known)) {
            LOG.debug("{} still points at {}; using the cached manifest", ref, known.get());
            return known;
        }
        LOG.debug("{} moved from {} to {}; reading it again", ref, known.get(), now.orElse("an unknown digest"));
        return Optional.empty();
    }

    private RegistryEndpoint endpoint(ImageReference ref) {
        String host = ref.apiHost();
        // Keyed as the user wrote the registry; Docker Hub's API host is accepted as well.
        Optional<Supplier<RegistryCredentials>> credentials = Optional.ofNullable(
                        credentialsByRegistryHost.get(ref.registry()))
                .or(() -> Optional.ofNullable(credentialsByRegistryHost.get(host)));
        return new RegistryEndpoint(schemes.origin(host), host, ref.repository(), credentials);
    }

    private Map<Platform, PlatformImage> fromIndex(
            RegistryEndpoint endpoint, ImageReference ref, Manifest.Index index, Collection<Platform> platforms) {
        Map<Platform, PlatformImage> images = new LinkedHashMap<>();
        Map<String, PlatformImage> byDigest = new HashMap<>();
        for (Platform wanted : platforms) {
            Optional<Manifest.Entry> entry =
                    index.entries().stream().filter(e -> e.serves(wanted)).findFirst();
            if (entry.isEmpty()) {
                continue;
            }
            String digest = entry.get().digest();
            PlatformImage known = byDigest.get(digest);
            PlatformImage image = known != null
                    ? new PlatformImage(wanted, digest, known.configDigest(), known.labels())
                    : platformImage(endpoint, ref, digest, wanted);
            byDigest.putIfAbsent(digest, image);
            images.put(wanted, image);
        }
        return images;
    }

    private PlatformImage platformImage(RegistryEndpoint endpoint, ImageReference ref, String digest, Platform wanted) {
        ManifestFetcher.Result child = manifests.fetch(endpoint, digest);
        if (child instanceof ManifestFetcher.Missing missing) {
            throw new RegistryProtocolException("the index of " + ref + " names a " + wanted
                    + " manifest that the registry lacks: " + missing.why());
        }
        if (!(((ManifestFetcher.Found) child).manifest() instanceof Manifest.Image image)) {
            throw new RegistryProtocolException(
                    "the " + wanted + " entry of " + ref + " is itself an index; nested indexes are not read");
        }
        return new PlatformImage(
                wanted, digest, image.configDigest(), config(endpoint, image).labels());
    }

    private Map<Platform, PlatformImage> fromSingle(
            RegistryEndpoint endpoint,
            ImageReference ref,
            String digest,
            Manifest.Image image,
            Collection<Platform> platforms) {
        ImageConfig config = config(endpoint, image);
        // A single manifest counts for the one platform its config names, and for no other.
        Platform actual = config.platform()
                .orElseThrow(() -> new RegistryProtocolException(
                        "the config of " + ref + " names no os/architecture, so its platform is unknown"));
        Map<Platform, PlatformImage> images = new LinkedHashMap<>();
        for (Platform wanted : platforms) {
            if (actual.matches(wanted.os(), wanted.architecture())
                    && (wanted.variant() == null || wanted.variant().equals(actual.variant()))) {
                images.put(wanted, new PlatformImage(wanted, digest, image.configDigest(), config.labels()));
            }
        }
        return images;
    }

    private ImageConfig config(RegistryEndpoint endpoint, Manifest.Image image) {
        if (image.configMediaType().isPresent()
                && !MediaTypes.isConfig(image.configMediaType().get())) {
            throw new RegistryProtocolException("manifest of " + endpoint.describe() + " has config media type "
                    + Printable.quote(image.configMediaType().get()) + ", not an image config");
        }
        byte[] body = blobs.fetch(endpoint, image.configDigest(), "config blob");
        return ImageConfig.parse(body, "config blob " + image.configDigest() + " of " + endpoint.describe());
    }
}
