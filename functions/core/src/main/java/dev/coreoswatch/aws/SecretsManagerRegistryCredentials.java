package dev.coreoswatch.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.json.JsonFormatException;
import dev.coreoswatch.model.Secret;
import dev.coreoswatch.registry.RegistryAuthenticationException;
import dev.coreoswatch.registry.RegistryCredentials;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The target registry's credentials of the Lambda functions, from the Secrets Manager secret named
 * by {@code registry.credentials-secret-arn}: {@code {"username": ..., "password": ...}} (for GHCR a
 * classic PAT with {@code read:packages}). Read when the registry first needs them, never during
 * init or SnapStart priming; the registry client keeps them for the life of the environment. A
 * secret that cannot be read or has the wrong shape is a registry error naming the secret, never
 * its value.
 */
public final class SecretsManagerRegistryCredentials implements Supplier<RegistryCredentials> {
    private final Supplier<AwsJsonClient> client;
    private final String secretArn;

    public SecretsManagerRegistryCredentials(Supplier<AwsJsonClient> client, String secretArn) {
        this.client = client;
        this.secretArn = secretArn;
    }

    @Override
    public RegistryCredentials get() {
        String value;
        try {
            value = SecretValue.read(client.get(), secretArn).orElse(null);
        } catch (AwsCallException e) {
            // The message names the error code and the service's message, never the value.
            throw failure("cannot be read: " + e.getMessage());
        }
        JsonNode json;
        try {
            json = Json.parse((value == null ? "" : value).getBytes(StandardCharsets.UTF_8), "secret");
        } catch (JsonFormatException e) {
            throw failure("is not JSON; expected {\"username\": ..., \"password\": ...}");
        }
        Optional<String> username =
                Json.optionalText(json, "username").map(String::strip).filter(u -> !u.isEmpty());
        Optional<String> password = Json.optionalText(json, "password").filter(p -> !p.isBlank());
        if (!json.isObject() || username.isEmpty() || password.isEmpty()) {
            throw failure("lacks a username or a password; expected {\"username\": ..., \"password\": ...}");
        }
        if (!headerSafe(username.get()) || username.get().contains(":") || !headerSafe(password.get())) {
            throw failure(
                    "holds a username or password with a character that cannot go in an HTTP header (or a ':' in the username)");
        }
        return new RegistryCredentials(username.get(), new Secret(password.get()));
    }

    private static boolean headerSafe(String value) {
        return value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    private RegistryAuthenticationException failure(String what) {
        return new RegistryAuthenticationException(
                "the registry credentials secret " + secretArn + " (registry.credentials-secret-arn) " + what);
    }
}
