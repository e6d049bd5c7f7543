package dev.coreoswatch.registry;

import dev.coreoswatch.model.Secret;
import java.time.Duration;

/**
 * A token from a realm and how long the realm said it lives. Without {@code expires_in} (ghcr
 * sends none) we assume 5 minutes, the lifetime Docker's token servers issue, rather than the
 * spec's 60 s: a token the registry refuses earlier is answered by one fresh fetch
 * ({@link TokenCache#getOrFetch}), which costs what an expiry would have cost anyway, while 60 s
 * would fetch again for lookups only a minute or two apart (the inspector's events of one run).
 */
record BearerToken(Secret value, Duration lifetime) {
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
}
