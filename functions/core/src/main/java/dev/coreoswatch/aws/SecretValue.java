package dev.coreoswatch.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.json.Json;
import java.util.Optional;

/**
 * Secrets Manager's {@code GetSecretValue} of one secret: the request names only the secret, so no failure
 * can echo a value back; the answer's value goes to the caller and nowhere else.
 */
public final class SecretValue {
    static final String GET_SECRET_VALUE = "secretsmanager.GetSecretValue";

    private SecretValue() {}

    /** The secret's {@code SecretString}; empty for a binary secret. */
    public static Optional<String> read(AwsJsonClient secretsManager, String secretId) {
        JsonNode value = secretsManager
                .call(GET_SECRET_VALUE, Json.object().put("SecretId", secretId))
                .path("SecretString");
        return value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
    }
}
