package dev.coreoswatch.registry;

import dev.coreoswatch.model.Printable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers a registry's challenge with an {@code Authorization} value. Bearer: a token from the
 * realm the challenge names (anonymous, or Basic credentials to that realm), cached. Basic:
 * the configured credentials straight to the registry. Once a registry has challenged us, later
 * requests to it carry the answer up front instead of collecting a 401 each time.
 */
final class RegistryAuthenticator {
    private static final String BEARER = "Bearer ";
    private final TokenFetcher tokens;
    private final TokenCache cache;
    private final Schemes schemes;
    private final Redaction redaction;
    private final Map<String, AuthChallenge> challengeByOrigin = new ConcurrentHashMap<>();

    RegistryAuthenticator(TokenFetcher tokens, TokenCache cache, Schemes schemes, Redaction redaction) {
        this.tokens = tokens;
        this.cache = cache;
        this.schemes = schemes;
        this.redaction = redaction;
    }

    /** The Authorization to send before any challenge, if this registry challenged us before. */
    Optional<String> upFront(RegistryEndpoint endpoint) {
        AuthChallenge known = challengeByOrigin.get(endpoint.origin().toString());
        return known == null ? Optional.empty() : Optional.of(authorization(endpoint, known, Optional.empty()));
    }

    /**
     * Answers a fresh challenge. {@code rejected} is the answer the request already carried and
     * the registry refused: that token is not offered again (another lookup may have replaced
     * it already, and then its replacement is used).
     */
    String answer(RegistryEndpoint endpoint, AuthChallenge challenge, Optional<String> rejected) {
        challengeByOrigin.put(endpoint.origin().toString(), challenge);
        return authorization(endpoint, challenge, rejected);
    }

    private String authorization(RegistryEndpoint endpoint, AuthChallenge challenge, Optional<String> rejected) {
        if (challenge.isBasic()) {
            // No credentials for a registry that wants them: an anonymous read is denied, like GHCR's DENIED.
            RegistryCredentials credentials = endpoint.credentials()
                    .orElseThrow(() -> new RegistryDeniedException(
                            "registry " + endpoint.host() + " denied anonymous access to " + endpoint.repository()
                                    + " (it asks for a username and password, Basic); " + Denials.HINT));
            String header = BasicCredentials.header(credentials);
            redaction.add(header.substring("Basic ".length()));
            return header;
        }
        URI realm = realm(endpoint, challenge);
        Optional<String> service = challenge.service();
        // Our own scope, not the challenge's: we only ever read, whatever a registry asks for.
        String scope = "repository:" + endpoint.repository() + ":pull";
        TokenCache.Key key = new TokenCache.Key(
                realm.toString(),
                service.orElse(""),
                scope,
                endpoint.credentials()
                        .map(c -> c.username() + "@" + endpoint.host())
                        .orElse(""));
        Optional<String> rejectedToken =
                rejected.filter(a -> a.startsWith(BEARER)).map(a -> a.substring(BEARER.length()));
        BearerToken token = cache.getOrFetch(key, rejectedToken, () -> tokens.fetch(endpoint, realm, service, scope));
        return BEARER + token.value().value();
    }

    private URI realm(RegistryEndpoint endpoint, AuthChallenge challenge) {
        String text = challenge
                .realm()
                .orElseThrow(() -> new RegistryProtocolException(
                        "registry " + endpoint.host() + " sent a Bearer challenge without a realm"));
        URI realm;
        try {
            realm = new URI(text);
        } catch (URISyntaxException e) {
            throw new RegistryProtocolException(
                    "registry " + endpoint.host() + " named a token realm that is not a URL: " + Printable.quote(text));
        }
        if (!realm.isAbsolute() || realm.getHost() == null || realm.getRawUserInfo() != null) {
            throw new RegistryProtocolException(
                    "registry " + endpoint.host() + " named a token realm that is not a URL: " + Printable.quote(text));
        }
        if (!schemes.allows(realm)) {
            throw new RegistryAuthenticationException("registry " + endpoint.host() + " names token realm "
                    + Schemes.forMessage(realm) + ", which is not https; list " + Schemes.hostPort(realm)
                    + " in registry.plain-http to allow it");
        }
        return realm;
    }
}
