package dev.coreoswatch.registry;

import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header: the scheme (lower case) and its
 * parameters (names lower case, values unquoted), e.g. Bearer with realm, service and scope.
 */
public record AuthChallenge(String scheme, Map<String, String> params) {
    public static final String BEARER = "bearer";
    public static final String BASIC = "basic";

    public AuthChallenge {
        params = Map.copyOf(params);
    }

    public boolean isBearer() {
        return scheme.equals(BEARER);
    }

    public boolean isBasic() {
        return scheme.equals(BASIC);
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    public Optional<String> realm() {
        return param("realm");
    }

    public Optional<String> service() {
        return param("service");
    }

    public Optional<String> scope() {
        return param("scope");
    }
}
