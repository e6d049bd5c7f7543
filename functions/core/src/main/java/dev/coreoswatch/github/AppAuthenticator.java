package dev.coreoswatch.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.HttpFailure;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.json.JsonFormatException;
import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.model.Printable;
import dev.coreoswatch.model.Secret;
import dev.coreoswatch.model.SecretScrubber;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Gets GitHub App installation tokens for the build repository: signs a JWT with the app's key,
 * exchanges it at {@code POST /app/installations/{id}/access_tokens} for a token limited to that
 * one repository and {@code actions: write}, and reuses the token until five minutes before it
 * expires. Thread-safe.
 */
public final class AppAuthenticator implements Supplier<Secret> {
    /** A token is renewed this long before GitHub's expiry, so a call made with it cannot outlive it. */
    public static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    private static final Pattern ISSUER = Pattern.compile("[A-Za-z0-9.]{1,64}");
    private static final Pattern REPOSITORY = Pattern.compile("(?:[A-Za-z0-9_.-]{1,100}/)?([A-Za-z0-9_.-]{1,100})");
    private static final String API_VERSION = "2022-11-28";

    private final Http http;
    private final URI tokenUri;
    private final String issuer;
    private final long installationId;
    private final String repositoryName;
    private final RSAPrivateKey key;
    private final Clock clock;
    private InstallationToken cached;

    /**
     * @param apiUrl         GitHub's API base, may carry a path ({@code https://ghe.example/api/v3})
     * @param issuer         the app id or the client id
     * @param repository     the build repository, {@code owner/name} or just {@code name}
     */
    public AppAuthenticator(
            Http http,
            URI apiUrl,
            String issuer,
            long installationId,
            String repository,
            RSAPrivateKey key,
            Clock clock) {
        requireIssuer(issuer);
        if (installationId <= 0) {
            throw new InvalidValueException("GitHub App installation id", Long.toString(installationId));
        }
        // null: a fleet's targets dispatch to several repositories, known only from the document of each invocation;
        // the token then covers the repositories the operator installed the app on, still with actions: write only.
        var repo = repository == null ? null : REPOSITORY.matcher(repository);
        if (repo != null && !repo.matches()) {
            throw new InvalidValueException("repository", repository);
        }
        this.http = http;
        String base = apiUrl.toString().replaceAll("/+$", "");
        this.tokenUri = URI.create(base + "/app/installations/" + installationId + "/access_tokens");
        this.issuer = issuer;
        this.installationId = installationId;
        this.repositoryName = repo == null ? null : repo.group(1);
        this.key = key;
        this.clock = clock;
    }

    /** The same, reading the key from PEM (PKCS#1 or PKCS#8). */
    public static AppAuthenticator fromPem(
            Http http,
            URI apiUrl,
            String issuer,
            long installationId,
            String repository,
            Secret privateKeyPem,
            Clock clock) {
        requireIssuer(issuer);
        return new AppAuthenticator(
                http,
                apiUrl,
                issuer,
                installationId,
                repository,
                PemPrivateKey.read(privateKeyPem, "GitHub App " + issuer),
                clock);
    }

    private static void requireIssuer(String issuer) {
        boolean appId = issuer != null && issuer.chars().allMatch(Character::isDigit);
        if (issuer == null || !ISSUER.matcher(issuer).matches() || (appId && issuer.length() > 18)) {
            throw new InvalidValueException("GitHub App id or client id", issuer);
        }
    }

    /** A token with at least {@link #REFRESH_MARGIN} left, from the cache or freshly requested. */
    public synchronized InstallationToken installationToken() {
        Instant now = clock.instant();
        if (cached == null || !cached.freshAt(now, REFRESH_MARGIN)) {
            cached = request(now);
        }
        return cached;
    }

    /** Drops the cached installation token: GitHub refused it (revoked, or the App's key rotated). */
    public synchronized void forget() {
        cached = null;
    }

    /** The token alone, for an {@code Authorization: Bearer} header. */
    @Override
    public Secret get() {
        return installationToken().token();
    }

    private InstallationToken request(Instant now) {
        if (!CleartextRule.mayCarryCredentials(tokenUri, Set.of())) {
            throw new AppAuthenticationException(
                    "the GitHub API " + tokenUri.getScheme() + "://" + tokenUri.getRawAuthority()
                            + " is plain http to a host that is not loopback; the App's signed token is not sent in clear text");
        }
        String jwt = AppJwt.sign(issuer, key, now);
        Http.Request request = Http.Request.post(tokenUri, body())
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", API_VERSION)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + jwt);
        Http.Response response;
        try {
            response = http.send(request);
        } catch (HttpFailure e) {
            throw new AppAuthenticationException("cannot get an installation token for " + who() + " from "
                    + tokenUri.getHost() + ": " + e.getMessage());
        }
        if (response.status() == 200 || response.status() == 201) {
            return parse(response);
        }
        String detail = detail(response, jwt);
        throw new AppAuthenticationException(
                switch (response.status()) {
                    case 401 ->
                        "GitHub rejected the JWT of " + who() + " (401" + detail
                                + "): check the app id or client id, the private key and this machine's clock";
                    case 403 -> "GitHub refused an installation token to " + who() + " (403" + detail + ")";
                    case 404 ->
                        "GitHub knows no installation " + installationId + " of GitHub App " + issuer + " (404" + detail
                                + "): check installation_id and that the app is installed on the build repository";
                    case 422 ->
                        "GitHub cannot give " + who() + " a token for repository " + repositoryName
                                + " with actions: write (422" + detail
                                + "): install the app on that repository and grant Actions: read and write";
                    default ->
                        "GitHub answered " + response.status() + " to the installation token request of " + who()
                                + detail;
                });
    }

    private byte[] body() {
        ObjectNode body = Json.object();
        if (repositoryName != null) {
            body.putArray("repositories").add(repositoryName);
        }
        body.putObject("permissions").put("actions", "write");
        return Json.bytes(body);
    }

    /**
     * Reads {@code token} and {@code expires_at}. The body holds the token, so no error here may
     * quote it: {@link Json#parse}'s own messages carry an excerpt and are not passed on.
     */
    private InstallationToken parse(Http.Response response) {
        String what = "installation token response for " + who();
        JsonNode root;
        try {
            root = Json.parse(response.body(), what);
        } catch (JsonFormatException e) {
            throw new AppAuthenticationException("the " + what + " is not valid JSON");
        }
        try {
            JsonNode token = root.get("token");
            if (token == null || !token.isTextual() || token.textValue().isBlank()) {
                throw new AppAuthenticationException("the " + what + " has no token");
            }
            if (!Secret.isHeaderSafe(token.textValue())) {
                throw new AppAuthenticationException(
                        "the " + what + " holds a token with a character that cannot go into"
                                + " an HTTP header; not used (value not shown)");
            }
            String expiresAt = Json.text(root, "expires_at", what);
            try {
                return new InstallationToken(new Secret(token.textValue()), Instant.parse(expiresAt));
            } catch (DateTimeParseException e) {
                throw new AppAuthenticationException("the " + what + " has expires_at " + Printable.quote(expiresAt)
                        + ", which is not an ISO-8601 time");
            }
        } catch (JsonFormatException e) {
            throw new AppAuthenticationException(e.getMessage());
        }
    }

    /** GitHub's {@code message} (or a body excerpt), with the JWT cut out should a proxy echo it. */
    private static String detail(Http.Response response, String jwt) {
        String text = SecretScrubber.scrub(response.text(), List.of(jwt));
        String message;
        try {
            message = Json.optionalText(Json.parse(text.getBytes(StandardCharsets.UTF_8), "error"), "message")
                    .map(m -> Printable.excerpt(m, 200))
                    .orElse(null);
        } catch (JsonFormatException notJson) {
            message = null;
        }
        if (message == null) {
            message = text.isBlank() ? null : Printable.excerpt(text, 120);
        }
        return message == null ? "" : ", " + message;
    }

    private String who() {
        return "GitHub App " + issuer + ", installation " + installationId;
    }
}
