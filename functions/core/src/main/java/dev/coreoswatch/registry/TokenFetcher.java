package dev.coreoswatch.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.HttpFailure;
import dev.coreoswatch.http.RetryingHttp;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.json.JsonFormatException;
import dev.coreoswatch.model.Secret;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token operation of the distribution token spec: {@code GET <realm>?service=..&scope=..},
 * anonymously or with Basic credentials, answered by {@code {"token": ...}} or
 * {@code {"access_token": ...}} and an optional {@code expires_in}.
 */
final class TokenFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(TokenFetcher.class);

    private final Http http;
    private final Redaction redaction;

    TokenFetcher(Http http, Redaction redaction) {
        this.http = http;
        this.redaction = redaction;
    }

    /** {@code realm} has been checked by the caller: https, or plain http on a listed host. */
    BearerToken fetch(RegistryEndpoint endpoint, URI realm, Optional<String> service, String scope) {
        URI uri = withQuery(realm, service, scope);
        Http.Request request = Http.Request.get(uri).header("Accept", "application/json");
        if (endpoint.credentials().isPresent()) {
            String basic = BasicCredentials.header(endpoint.credentials().get());
            redaction.add(basic.substring("Basic ".length()));
            request = request.header("Authorization", basic);
        }
        String who = endpoint.hasCredentials() ? "the configured registry credentials" : "anonymous access";
        String realmName = Schemes.forMessage(realm);
        Http.Response response;
        try {
            response = http.send(request);
        } catch (HttpFailure failure) {
            throw new RegistryUnavailableException(
                    "token realm " + realmName + " of " + endpoint.describe() + " did not answer: "
                            + failure.getMessage(),
                    failure);
        }
        int status = response.status();
        if (response.ok()) {
            BearerToken token = read(response.body(), realmName);
            LOG.debug(
                    "token for {} from {} ({}), valid {} s",
                    endpoint,
                    realmName,
                    endpoint.hasCredentials() ? "with credentials" : "anonymous",
                    token.lifetime().toSeconds());
            return token;
        }
        String detail = RegistryErrors.describe(response.body(), redaction);
        if (status == 429 || status >= 500 || RetryingHttp.isRateLimited(response)) {
            throw new RegistryUnavailableException(
                    "token realm " + realmName + " of " + endpoint.describe() + " answered " + status + ": " + detail,
                    null);
        }
        if ((status == 401 || status == 403)
                && !endpoint.hasCredentials()
                && RegistryErrors.parse(response.body()).isDenial()) {
            throw Denials.denied(endpoint, "token realm " + realmName, response, redaction);
        }
        if (status == 401 || status == 403) {
            String hint = endpoint.hasCredentials()
                    ? "check the registry credentials (registry.username and registry.password, or the secret of registry.credentials-secret-arn)"
                    : "set registry.username and registry.password if the image is private (they go to the target image's registry only)";
            throw new RegistryAuthenticationException("token realm " + realmName + " refused " + who + " to pull "
                    + endpoint.describe() + " (" + status + ": " + detail + "); " + hint);
        }
        if (response.redirect()) {
            // Not followed: the credentials were meant for this realm alone.
            throw new RegistryProtocolException("token realm " + realmName + " of " + endpoint.describe()
                    + " answered a redirect (" + status + "); token requests are not redirected");
        }
        throw new RegistryProtocolException(
                "token realm " + realmName + " of " + endpoint.describe() + " answered " + status + ": " + detail);
    }

    private BearerToken read(byte[] body, String realmName) {
        JsonNode root;
        try {
            root = Json.parse(body, "token response of " + realmName);
        } catch (JsonFormatException e) {
            // No excerpt: a broken token response may still hold most of a token.
            throw new RegistryProtocolException("token response of " + realmName + " is not valid JSON");
        }
        Optional<String> token = Json.optionalText(root, "token")
                .filter(t -> !t.isBlank())
                .or(() -> Json.optionalText(root, "access_token").filter(t -> !t.isBlank()));
        if (token.isEmpty()) {
            throw new RegistryProtocolException(
                    "token response of " + realmName + " has neither token nor access_token");
        }
        redaction.add(token.get());
        if (!Secret.isHeaderSafe(token.get())) {
            // The HTTP client's own message would quote the header, token and all.
            throw new RegistryProtocolException(
                    "token response of " + realmName + " holds a token with a character that"
                            + " cannot go into an HTTP header; not used (value not shown)");
        }
        JsonNode expiresIn = root.get("expires_in");
        Duration lifetime = expiresIn != null && expiresIn.canConvertToLong() && expiresIn.asLong() > 0
                ? Duration.ofSeconds(Math.min(expiresIn.asLong(), 86_400))
                : BearerToken.DEFAULT_LIFETIME;
        return new BearerToken(new Secret(token.get()), lifetime);
    }

    private static URI withQuery(URI realm, Optional<String> service, String scope) {
        StringBuilder query = new StringBuilder();
        service.ifPresent(s -> query.append("service=").append(encode(s)).append('&'));
        query.append("scope=").append(encode(scope));
        String base = realm.toString();
        int hash = base.indexOf('#');
        if (hash >= 0) {
            base = base.substring(0, hash);
        }
        return URI.create(base + (realm.getRawQuery() == null ? "?" : "&") + query);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
