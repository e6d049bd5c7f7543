package dev.coreoswatch.registry;

import dev.coreoswatch.model.SecretScrubber;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Credentials and tokens this client has sent. Error text from a registry or token realm is
 * passed through {@link #apply} before it enters a message: a hostile or buggy server may echo
 * the Authorization header back, and the message must not carry it into a log.
 */
final class Redaction {
    private static final int MIN_LENGTH = SecretScrubber.MIN_LENGTH;

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    void add(String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH) {
            secrets.add(secret);
        }
    }

    String apply(String text) {
        return SecretScrubber.scrub(text, secrets);
    }
}
