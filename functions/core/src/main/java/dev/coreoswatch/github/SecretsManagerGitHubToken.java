package dev.coreoswatch.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.aws.AwsCallException;
import dev.coreoswatch.aws.AwsJsonClient;
import dev.coreoswatch.aws.SecretValue;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.json.JsonFormatException;
import dev.coreoswatch.model.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The GitHub token of the Lambda functions, from the Secrets Manager secret named by
 * {@code github.token-secret-arn}: a plain token, {@code {"token": ...}}, or a GitHub App
 * ({@code app_id}, {@code installation_id}, {@code private_key}). Read on first use, never during
 * init (a SnapStart snapshot must carry no secret), then kept for {@link #TIME_TO_LIVE} (the default
 * of Powertools' parameters utility), so a rotated secret is picked up within minutes by warm
 * environments too. A 401 from GitHub re-reads it once at once ({@link #renewAfter}). An App's
 * installation token renews itself; an unchanged secret keeps the App and its token.
 */
public final class SecretsManagerGitHubToken implements Supplier<Optional<Secret>>, RenewableToken {
    /** How long a value read from Secrets Manager is used before it is read again. */
    public static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);

    private final Supplier<AwsJsonClient> client;
    private final String secretArn;
    private final Http http;
    private final URI apiUrl;
    private final String repository;
    private final Clock clock;
    private String raw;
    private Supplier<Secret> token;
    private Instant readAt;

    public SecretsManagerGitHubToken(
            Supplier<AwsJsonClient> client, String secretArn, Http http, URI apiUrl, String repository, Clock clock) {
        this.client = client;
        this.secretArn = secretArn;
        this.http = http;
        this.apiUrl = apiUrl;
        this.repository = repository;
        this.clock = clock;
    }

    @Override
    public synchronized Optional<Secret> get() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(readAt.plus(TIME_TO_LIVE))) {
            refresh(now);
        }
        return Optional.of(token.get());
    }

    /** GitHub refused {@code rejected}: read the secret again; true when that gives another token to try. */
    @Override
    public synchronized boolean renewAfter(String rejected) {
        if (token instanceof AppAuthenticator app) {
            app.forget();
        }
        refresh(clock.instant());
        return !token.get().value().equals(rejected);
    }

    private void refresh(Instant now) {
        String value = read();
        if (token == null || !value.equals(raw)) {
            token = parse(value);
            raw = value;
        }
        readAt = now;
    }

    private String read() {
        String value;
        try {
            value = SecretValue.read(client.get(), secretArn).orElse(null);
        } catch (AwsCallException e) {
            // The message names the error code and the service's message, never the value.
            throw new GitHubCredentialsException("cannot read the GitHub secret " + secretArn + ": " + e.getMessage());
        }
        if (value == null || value.isBlank()) {
            throw new GitHubCredentialsException(
                    "the GitHub secret " + secretArn + " is empty (binary secrets are not read)");
        }
        return value;
    }

    private Supplier<Secret> parse(String value) {
        String trimmed = value.strip();
        if (!trimmed.startsWith("{")) {
            Secret plain = headerSafe(trimmed, "token");
            return () -> plain;
        }
        JsonNode json;
        try {
            json = Json.parse(trimmed.getBytes(StandardCharsets.UTF_8), "secret");
        } catch (JsonFormatException e) {
            throw new GitHubCredentialsException(
                    "the GitHub secret " + secretArn + " starts with { but is not valid JSON");
        }
        Optional<String> plainToken = Json.optionalText(json, "token");
        if (plainToken.isPresent() && !plainToken.get().isBlank()) {
            Secret fixed = headerSafe(plainToken.get().strip(), "token");
            return () -> fixed;
        }
        String appId = idOf(json, "app_id");
        long installation = Long.parseLong(idOf(json, "installation_id"));
        String key = Json.optionalText(json, "private_key")
                .orElseThrow(() -> new GitHubCredentialsException(
                        "the GitHub secret " + secretArn + " has neither token nor private_key"));
        AppAuthenticator app =
                AppAuthenticator.fromPem(http, apiUrl, appId, installation, repository, new Secret(key), clock);
        return app;
    }

    private String idOf(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node != null && node.isIntegralNumber()) {
            return String.valueOf(node.longValue());
        }
        if (node != null && node.isTextual() && node.textValue().matches("[0-9]{1,19}|Iv[0-9A-Za-z.]{1,64}")) {
            if (field.equals("installation_id") && !node.textValue().matches("[0-9]{1,19}")) {
                throw new GitHubCredentialsException(
                        "the GitHub secret " + secretArn + ": installation_id is not a number");
            }
            return node.textValue();
        }
        throw new GitHubCredentialsException("the GitHub secret " + secretArn + " has no usable " + field
                + " (expected a token, or app_id, installation_id and private_key)");
    }

    /** A token that would break the Authorization header is refused here, naming the secret, never showing it. */
    private Secret headerSafe(String value, String field) {
        if (!Secret.isHeaderSafe(value)) {
            throw new GitHubCredentialsException(
                    "the GitHub secret " + secretArn + ": its " + field + " holds a character that"
                            + " cannot go into an HTTP header (a space, a line break, a smart quote?); the value is not shown");
        }
        return new Secret(value);
    }
}
