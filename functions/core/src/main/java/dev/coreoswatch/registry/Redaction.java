package dev.coreoswatch.registry;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Credentials and tokens this client has sent. Error text from a registry or token realm is
 * passed through {@link #apply} before it enters a message: a hostile or buggy server may echo
 * the Authorization header back, and the message must not carry it into a log.
 */
final class Redaction {
    private static final int MIN_LENGTH = 4; // shorter values would mangle ordinary text, and are no secret

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    void add(String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH) {
            secrets.add(secret);
        }
    }

    String apply(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, "****");
        }
        return out;
    }
}
