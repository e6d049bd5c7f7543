package dev.coreoswatch.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coreoswatch.config.ConfigDocument;
import dev.coreoswatch.config.ConfigException;
import dev.coreoswatch.json.Json;
import java.util.function.Supplier;

/**
 * The configuration document in an SSM parameter ({@code config.parameter}): one signed
 * {@code GetParameter} per call, made at every invocation, so a changed parameter counts at the
 * next run without a deployment (a SnapStart version keeps its environment block; it cannot keep
 * this). Never called for the real parameter during init or priming: the snapshot must not hold a
 * configuration.
 */
public final class ConfigParameter {
    static final String GET_PARAMETER = "AmazonSSM.GetParameter";

    private final Supplier<AwsJsonClient> ssm;
    private final String name;

    public ConfigParameter(Supplier<AwsJsonClient> ssm, String name) {
        this.ssm = ssm;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Builds the client (region, credentials provider, endpoint) without calling it: SnapStart priming. */
    public void prepare() {
        ssm.get();
    }

    public ConfigDocument read() {
        ObjectNode request = Json.object().put("Name", name).put("WithDecryption", false);
        JsonNode parameter;
        try {
            parameter = ssm.get().call(GET_PARAMETER, request).path("Parameter");
        } catch (AwsCallException e) {
            if (e.code().filter("ParameterNotFound"::equals).isPresent()) {
                throw new ConfigException(
                        "config.parameter", "the SSM parameter " + name + " does not exist (CONFIG_PARAMETER)");
            }
            throw e.about("reading the SSM parameter " + name);
        }
        if ("SecureString".equals(parameter.path("Type").asText())) {
            // Read without decryption, its value is ciphertext; the document holds no secret and needs no key.
            throw new ConfigException(
                    "config.parameter",
                    "the SSM parameter " + name
                            + " is a SecureString; the configuration document belongs in a String parameter");
        }
        JsonNode value = parameter.path("Value");
        if (!value.isTextual()) {
            throw new AwsCallException(
                    null, 200, "reading the SSM parameter " + name + ": the answer has no Parameter.Value");
        }
        return ConfigDocument.parse(
                value.textValue(),
                "SSM parameter " + name + " (version "
                        + parameter.path("Version").asText("?") + ")");
    }
}
