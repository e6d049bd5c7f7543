package dev.coreoswatch.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Bearer tokens by realm, service and scope (and whose credentials obtained them, so two
 * registries sharing a realm never share a private token). A token is given out until a little
 * before it expires, so that it does not expire between our check and the registry's. Lookups
 * that run side by side wait for one fetch instead of each asking the realm. Tokens live in
 * memory only: they are never written anywhere.
 */
final class TokenCache {
    private static final Duration MAX_MARGIN = Duration.ofSeconds(10);
    private static final int MAX_ENTRIES = 64;

    record Key(String realm, String service, String scope, String credentialOwner) {}

    private record Entry(BearerToken token, Instant usableUntil) {}

    private final Clock clock;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    // A lock, not synchronized: the fetch blocks on the network, and virtual threads must not pin.
    private final Map<Key, ReentrantLock> fetching = new ConcurrentHashMap<>();

    TokenCache(Clock clock) {
        this.clock = clock;
    }

    Optional<BearerToken> get(Key key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.usableUntil())) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.token());
    }

    /**
     * The cached token, or a fetched one. {@code rejected} is a token the registry refused: it is
     * not given out again, but a different token cached meanwhile (another lookup's refresh) is.
     */
    BearerToken getOrFetch(Key key, Optional<String> rejected, Supplier<BearerToken> fetch) {
        ReentrantLock lock = fetching.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try {
            Optional<BearerToken> cached = get(key).filter(t ->
                    rejected.isEmpty() || !rejected.get().equals(t.value().value()));
            if (cached.isPresent()) {
                return cached.get();
            }
            invalidate(key);
            BearerToken token = fetch.get();
            put(key, token);
            return token;
        } finally {
            lock.unlock();
        }
    }

    void put(Key key, BearerToken token) {
        Duration lifetime = token.lifetime();
        Duration margin = lifetime.dividedBy(4).compareTo(MAX_MARGIN) < 0 ? lifetime.dividedBy(4) : MAX_MARGIN;
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear(); // a handful of repositories per run; this only bounds a misuse
        }
        entries.put(key, new Entry(token, clock.instant().plus(lifetime).minus(margin)));
    }

    void invalidate(Key key) {
        entries.remove(key);
    }
}
