package dev.coreoswatch.registry;

import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.HttpFailure;
import dev.coreoswatch.http.RetryingHttp;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one GET (or HEAD) to a registry the way every operation needs it: authorization up front when
 * known, one answer to a fresh challenge, redirects followed by hand, and every status other
 * than success or 404 turned into a typed exception. 404 is returned: only the operation
 * knows whether it means "not built" or a broken registry.
 */
final class RegistryCaller {
    private static final int MAX_REDIRECTS = 5;
    private static final String AUTHORIZATION = "Authorization";

    private final Http http;
    private final Schemes schemes;
    private final RegistryAuthenticator authenticator;
    private final Redaction redaction;

    RegistryCaller(Http http, Schemes schemes, RegistryAuthenticator authenticator, Redaction redaction) {
        this.http = http;
        this.schemes = schemes;
        this.authenticator = authenticator;
        this.redaction = redaction;
    }

    Http.Response get(RegistryEndpoint endpoint, URI uri, Map<String, String> headers) {
        return call(endpoint, new Http.Request("GET", uri, headers, null));
    }

    /** As {@link #get}; the answer has no body, so error details come from the status alone. */
    Http.Response head(RegistryEndpoint endpoint, URI uri, Map<String, String> headers) {
        return call(endpoint, new Http.Request("HEAD", uri, headers, null));
    }

    private Http.Response call(RegistryEndpoint endpoint, Http.Request request) {
        Optional<String> sent = authenticator.upFront(endpoint);
        Followed first = follow(endpoint, authorized(request, sent));
        Http.Response response = first.response();
        // Only the registry itself may challenge us; a 401 from a redirect target is just a refusal.
        if (response.status() == 401 && Schemes.sameOrigin(first.uri(), endpoint.origin())) {
            AuthChallenge challenge = AuthChallengeParser.preferred(response.headers("www-authenticate"))
                    .orElseThrow(() -> refused(endpoint, response, "and named no Bearer or Basic challenge"));
            String answer = authenticator.answer(endpoint, challenge, sent);
            if (sent.isPresent() && sent.get().equals(answer)) {
                throw refusedOrDenied(endpoint, response, answeredWith(challenge));
            }
            Http.Response retried =
                    follow(endpoint, authorized(request, Optional.of(answer))).response();
            if (retried.status() == 401 || retried.status() == 403) {
                throw refusedOrDenied(endpoint, retried, answeredWith(challenge));
            }
            return check(endpoint, retried);
        }
        return check(endpoint, response);
    }

    private static Http.Request authorized(Http.Request request, Optional<String> authorization) {
        return authorization.map(a -> request.header(AUTHORIZATION, a)).orElse(request);
    }

    /** The last response of a redirect chain and the URI that gave it. */
    private record Followed(Http.Response response, URI uri) {}

    /** Follows redirects by hand; Authorization never travels to another origin and is not restored. */
    private Followed follow(RegistryEndpoint endpoint, Http.Request first) {
        Http.Request request = first;
        for (int hop = 0; ; hop++) {
            Http.Response response = send(endpoint, request);
            if (!response.redirect()) {
                return new Followed(response, request.uri());
            }
            if (hop == MAX_REDIRECTS) {
                throw new RegistryProtocolException("registry " + endpoint.host() + " redirected more than "
                        + MAX_REDIRECTS + " times for " + endpoint.repository());
            }
            URI target = redirectTarget(endpoint, request.uri(), response);
            if (!Schemes.sameOrigin(target, request.uri())) {
                request = request.withoutHeader(AUTHORIZATION);
            }
            request = request.to(target);
        }
    }

    private URI redirectTarget(RegistryEndpoint endpoint, URI from, Http.Response response) {
        String location = response.header("location")
                .orElseThrow(() -> new RegistryProtocolException("registry " + endpoint.host() + " answered "
                        + response.status() + " without a Location for " + endpoint.repository()));
        URI target;
        try {
            target = from.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new RegistryProtocolException(
                    "registry " + endpoint.host() + " redirected to something that is not a URL");
        }
        if (!schemes.allows(target)) {
            throw new RegistryProtocolException("registry " + endpoint.host() + " redirected " + endpoint.repository()
                    + " to " + Schemes.forMessage(target) + ", which is not https (list " + Schemes.hostPort(target)
                    + " in registry.plain-http to allow it)");
        }
        return target;
    }

    private Http.Response send(RegistryEndpoint endpoint, Http.Request request) {
        try {
            return http.send(request);
        } catch (HttpFailure failure) {
            if (failure.kind() == HttpFailure.Kind.TOO_LARGE) {
                throw new RegistryProtocolException("registry " + endpoint.host() + " sent a response for "
                        + endpoint.repository() + " that is too large: " + failure.getMessage());
            }
            throw new RegistryUnavailableException(
                    "registry " + endpoint.host() + " did not answer for " + endpoint.repository() + ": "
                            + failure.getMessage(),
                    failure);
        }
    }

    private Http.Response check(RegistryEndpoint endpoint, Http.Response response) {
        int status = response.status();
        if (response.ok() || status == 404) {
            return response;
        }
        String detail = RegistryErrors.describe(response.body(), redaction);
        if (status == 429 || status >= 500 || RetryingHttp.isRateLimited(response)) {
            throw new RegistryUnavailableException(
                    "registry " + endpoint.host() + " answered " + status + " for "
                            + response.uri().getRawPath() + ": " + detail,
                    null);
        }
        if (status == 401 || status == 403) {
            throw refusedOrDenied(
                    endpoint,
                    response,
                    endpoint.hasCredentials() ? "to the configured registry credentials" : "to anonymous access");
        }
        throw new RegistryProtocolException("registry " + endpoint.host() + " answered " + status + " for "
                + response.uri().getRawPath() + ": " + detail);
    }

    private static String answeredWith(AuthChallenge challenge) {
        return challenge.isBasic() ? "with the configured registry credentials" : "with the token its realm issued";
    }

    /** Without credentials, GHCR's DENIED / UNAUTHORIZED is a denial of an anonymous read; else a refusal. */
    private RegistryAuthenticationException refusedOrDenied(
            RegistryEndpoint endpoint, Http.Response response, String how) {
        if (!endpoint.hasCredentials() && RegistryErrors.parse(response.body()).isDenial()) {
            return Denials.denied(endpoint, "registry " + endpoint.host(), response, redaction);
        }
        return refused(endpoint, response, how);
    }

    private RegistryAuthenticationException refused(RegistryEndpoint endpoint, Http.Response response, String how) {
        String hint = endpoint.hasCredentials()
                ? "check the registry credentials (registry.username and registry.password, or the secret of registry.credentials-secret-arn)"
                : "set registry.username and registry.password if the image is private (they go to the target image's registry only)";
        return new RegistryAuthenticationException("registry " + endpoint.host() + " refused " + endpoint.repository()
                + " (" + response.status() + ": " + RegistryErrors.describe(response.body(), redaction) + ") "
                + how + "; " + hint);
    }
}
