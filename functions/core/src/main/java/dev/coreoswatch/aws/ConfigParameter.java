package dev.coreoswatch.aws;

import dev.coreoswatch.config.ConfigDocument;
import dev.coreoswatch.config.ConfigException;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * The configuration document in an SSM parameter ({@code config.parameter}): one
 * {@code GetParameter} per call, made at every invocation, so a changed parameter counts at the
 * next run without a deployment (a SnapStart version keeps its environment block; it cannot keep
 * this). Never called during init or priming: the snapshot must not hold a configuration.
 */
public final class ConfigParameter {
    private final Supplier<SsmClient> client;
    private final String name;

    public ConfigParameter(Supplier<SsmClient> client, String name) {
        this.client = client;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public ConfigDocument read() {
        GetParameterResponse response;
        try {
            response = client.get().getParameter(r -> r.name(name));
        } catch (ParameterNotFoundException e) {
            throw new ConfigException("config.parameter", "the SSM parameter " + name + " does not exist (CONFIG_PARAMETER)");
        }
        return ConfigDocument.parse(response.parameter().value(), "SSM parameter " + name + " (version "
                + response.parameter().version() + ")");
    }
}
