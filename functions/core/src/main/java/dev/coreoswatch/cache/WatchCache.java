package dev.coreoswatch.cache;

import dev.coreoswatch.registry.RegistryCache;

/**
 * Everything one check may reuse from an earlier one: upstream responses (revalidated, or kept
 * for immutable documents) and what registries told us by digest. Lives as long as its owner:
 * a Lambda environment keeps it in memory across warm invocations, the CLI saves it in its state
 * directory ({@link CacheFile}). Tokens are not part of it.
 */
public final class WatchCache {
    private final ResponseCache responses;
    private final RegistryCache registry;

    public WatchCache() {
        this(new ResponseCache(), new RegistryCache());
    }

    public WatchCache(ResponseCache responses, RegistryCache registry) {
        this.responses = responses;
        this.registry = registry;
    }

    public ResponseCache responses() {
        return responses;
    }

    public RegistryCache registry() {
        return registry;
    }
}
