package dev.coreoswatch.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.aws.Lazy;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.json.JsonFormatException;
import dev.coreoswatch.model.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The GitHub token of the Lambda functions, from the Secrets Manager secret named by
 * {@code github.token-secret-arn}: a plain token, {@code {"token": ...}}, or a GitHub App
 * ({@code app_id}, {@code installation_id}, {@code private_key}). Read on first use, never during
 * init (a SnapStart snapshot must carry no secret), then kept for the life of the environment;
 * an App's installation token renews itself.
 */
public final class SecretsManagerGitHubToken implements Supplier<Optional<Secret>> {
    private final Supplier<SecretsManagerClient> client;
    private final String secretArn;
    private final Http http;
    private final URI apiUrl;
    private final String repository;
    private final Clock clock;
    private final Supplier<Supplier<Secret>> token = new Lazy<>(this::load);

    public SecretsManagerGitHubToken(Supplier<SecretsManagerClient> client, String secretArn, Http http, URI apiUrl,
                                     String repository, Clock clock) {
        this.client = client;
        this.secretArn = secretArn;
        this.http = http;
        this.apiUrl = apiUrl;
        this.repository = repository;
        this.clock = clock;
    }

    @Override
    public Optional<Secret> get() {
        return Optional.of(token.get().get());
    }

    private Supplier<Secret> load() {
        String value;
        try {
            value = client.get().getSecretValue(r -> r.secretId(secretArn)).secretString();
        } catch (SdkException e) {
            // The SDK's message names the secret and the error code, never the value.
            throw new GitHubCredentialsException("cannot read the GitHub secret " + secretArn + ": " + e.getMessage());
        }
        if (value == null || value.isBlank()) {
            throw new GitHubCredentialsException("the GitHub secret " + secretArn + " is empty (binary secrets are not read)");
        }
        String trimmed = value.strip();
        if (!trimmed.startsWith("{")) {
            Secret plain = new Secret(trimmed);
            return () -> plain;
        }
        JsonNode json;
        try {
            json = Json.parse(trimmed.getBytes(StandardCharsets.UTF_8), "secret");
        } catch (JsonFormatException e) {
            throw new GitHubCredentialsException("the GitHub secret " + secretArn + " starts with { but is not valid JSON");
        }
        Optional<String> plainToken = Json.optionalText(json, "token");
        if (plainToken.isPresent() && !plainToken.get().isBlank()) {
            Secret fixed = new Secret(plainToken.get());
            return () -> fixed;
        }
        String appId = idOf(json, "app_id");
        long installation = Long.parseLong(idOf(json, "installation_id"));
        String key = Json.optionalText(json, "private_key")
                .orElseThrow(() -> new GitHubCredentialsException("the GitHub secret " + secretArn + " has neither token nor private_key"));
        AppAuthenticator app = AppAuthenticator.fromPem(http, apiUrl, appId, installation, repository, new Secret(key), clock);
        return app;
    }

    private String idOf(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node != null && node.isIntegralNumber()) {
            return String.valueOf(node.longValue());
        }
        if (node != null && node.isTextual() && node.textValue().matches("[0-9]{1,19}|Iv[0-9A-Za-z.]{1,64}")) {
            if (field.equals("installation_id") && !node.textValue().matches("[0-9]{1,19}")) {
                throw new GitHubCredentialsException("the GitHub secret " + secretArn + ": installation_id is not a number");
            }
            return node.textValue();
        }
        throw new GitHubCredentialsException("the GitHub secret " + secretArn + " has no usable " + field
                + " (expected a token, or app_id, installation_id and private_key)");
    }
}
