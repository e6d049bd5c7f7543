package dev.coreoswatch.registry;

import dev.coreoswatch.http.Http;
import java.util.Map;
import java.util.Optional;

/**
 * The manifest operation: {@code GET /v2/<name>/manifests/<tag or digest>} with our Accept list.
 * A manifest asked for by digest is answered from the {@link RegistryCache} when it is there
 * (content-addressed: it cannot have changed); every manifest read is stored there, and a tag
 * read records which digest the tag pointed at.
 */
final class ManifestFetcher {

    /** What the registry said about a reference. */
    sealed interface Result permits Found, Missing {}

    /** The manifest and the digest of the bytes served (verified when fetched by digest). */
    record Found(String digest, Manifest manifest) implements Result {}

    /** 404 with MANIFEST_UNKNOWN / NAME_UNKNOWN / NOT_FOUND or an empty body; {@code why} is for the report. */
    record Missing(String why) implements Result {}

    private final RegistryCaller caller;
    private final Redaction redaction;
    private final RegistryCache cache;

    ManifestFetcher(RegistryCaller caller, Redaction redaction, RegistryCache cache) {
        this.caller = caller;
        this.redaction = redaction;
        this.cache = cache;
    }

    Result fetch(RegistryEndpoint endpoint, String reference) {
        boolean byDigest = Digests.isValid(reference);
        String what = "manifest " + endpoint.describe() + (byDigest ? "@" : ":") + reference;
        Optional<RegistryCache.ContentEntry> cached = byDigest ? cache.content(endpoint, reference) : Optional.empty();
        if (cached.isPresent()) {
            return new Found(
                    reference,
                    ManifestParser.parse(cached.get().body(), cached.get().mediaType(), what));
        }
        Http.Response response =
                caller.get(endpoint, endpoint.manifest(reference), Map.of("Accept", MediaTypes.MANIFEST_ACCEPT));
        if (response.status() == 404) {
            // Only the registry's own answer means "not built": an empty body or a distribution error body.
            // A 404 page from a proxy or a wrong host must not dispatch a build.
            boolean empty = RegistryErrors.isBlank(response.body());
            RegistryErrors errors = RegistryErrors.parse(response.body());
            if (empty
                    || errors.onlyOf(
                            RegistryErrors.MANIFEST_UNKNOWN, RegistryErrors.NAME_UNKNOWN, RegistryErrors.NOT_FOUND)) {
                String code = errors.has(RegistryErrors.NAME_UNKNOWN)
                        ? "repository unknown"
                        : errors.has(RegistryErrors.MANIFEST_UNKNOWN)
                                ? "manifest unknown"
                                : errors.has(RegistryErrors.NOT_FOUND) ? "not found" : "404";
                if (!byDigest) {
                    cache.forgetTag(endpoint, reference);
                }
                return new Missing(what + " does not exist (" + code + ")");
            }
            throw new RegistryProtocolException(what + ": answered 404 with "
                    + (errors.isEmpty() ? "a body that is not a registry's error (" : "")
                    + RegistryErrors.describe(response.body(), redaction) + (errors.isEmpty() ? ")" : "")
                    + "; is " + endpoint.host() + " the registry, and not a proxy or another server?");
        }
        byte[] body = response.body() == null ? new byte[0] : response.body();
        if (byDigest) {
            Digests.verify(body, reference, what);
        }
        String contentType = response.header("content-type").orElse(null);
        Manifest manifest = ManifestParser.parse(body, contentType, what);
        String digest = Digests.sha256(body);
        cache.putContent(endpoint, digest, contentType, body);
        if (!byDigest) {
            cache.putTag(endpoint, reference, digest);
        }
        return new Found(digest, manifest);
    }
}
