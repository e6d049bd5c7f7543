package dev.coreoswatch.registry;

import dev.coreoswatch.model.Secret;
import java.time.Duration;

/** A token from a realm and how long the realm said it lives (60 s when it said nothing). */
record BearerToken(Secret value, Duration lifetime) {
    static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
}
