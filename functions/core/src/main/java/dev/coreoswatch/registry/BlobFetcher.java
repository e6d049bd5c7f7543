package dev.coreoswatch.registry;

import dev.coreoswatch.http.Http;
import java.util.Map;
import java.util.Optional;

/**
 * The blob operation: {@code GET /v2/<name>/blobs/<digest>}. ghcr and quay answer with a redirect
 * to a storage host; {@link RegistryCaller} follows it without Authorization. The content is
 * checked against its digest, so a redirect target cannot swap it, and a checked blob is kept in
 * the {@link RegistryCache}: the same digest is never downloaded twice.
 */
final class BlobFetcher {
    private final RegistryCaller caller;
    private final RegistryCache cache;

    BlobFetcher(RegistryCaller caller, RegistryCache cache) {
        this.caller = caller;
        this.cache = cache;
    }

    byte[] fetch(RegistryEndpoint endpoint, String digest, String what) {
        Optional<RegistryCache.ContentEntry> cached = cache.content(endpoint, digest);
        if (cached.isPresent()) {
            return cached.get().body();
        }
        Http.Response response = caller.get(endpoint, endpoint.blob(digest), Map.of());
        if (response.status() == 404) {
            throw new RegistryProtocolException(
                    what + " " + digest + " of " + endpoint.describe() + " is missing from the registry (404)");
        }
        byte[] body = response.body() == null ? new byte[0] : response.body();
        Digests.verify(body, digest, what + " of " + endpoint.describe());
        cache.putContent(endpoint, digest, null, body);
        return body;
    }
}
