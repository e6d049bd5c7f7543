package dev.coreoswatch.aws;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * Where a service is reached when no SDK service client resolves it: the configured endpoint the SDK would
 * honour (system property {@code aws.endpointUrl<Service>}, variable {@code AWS_ENDPOINT_URL_<SERVICE>}, then
 * the global {@code aws.endpointUrl} and {@code AWS_ENDPOINT_URL}, none of them when
 * {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS} is true), else {@code https://<prefix>.<region>.<partition suffix>}.
 * The profile file's {@code endpoint_url} is not read: the functions have no profile.
 */
public final class ServiceEndpoint {
    private ServiceEndpoint() {}

    /** SSM's endpoint, under the names its SDK module would read. */
    public static URI ssm(Region region) {
        return ssm(region, System.getenv(), System.getProperties());
    }

    static URI ssm(Region region, Map<String, String> env, Properties properties) {
        return resolve("SSM", "Ssm", "ssm", region, env, properties);
    }

    /** Secrets Manager's endpoint, under the names its SDK module would read (its service id is "Secrets Manager"). */
    public static URI secretsManager(Region region) {
        return secretsManager(region, System.getenv(), System.getProperties());
    }

    static URI secretsManager(Region region, Map<String, String> env, Properties properties) {
        return resolve("SECRETS_MANAGER", "SecretsManager", "secretsmanager", region, env, properties);
    }

    /** EventBridge's endpoint, under the names its SDK module would read (its host is still {@code events}). */
    public static URI eventBridge(Region region) {
        return eventBridge(region, System.getenv(), System.getProperties());
    }

    static URI eventBridge(Region region, Map<String, String> env, Properties properties) {
        return resolve("EVENTBRIDGE", "EventBridge", "events", region, env, properties);
    }

    /** SNS's endpoint, under the names its SDK module would read. */
    public static URI sns(Region region) {
        return sns(region, System.getenv(), System.getProperties());
    }

    static URI sns(Region region, Map<String, String> env, Properties properties) {
        return resolve("SNS", "Sns", "sns", region, env, properties);
    }

    /**
     * {@code variable} and {@code property}: the service's suffixes of {@code AWS_ENDPOINT_URL_} and
     * {@code aws.endpointUrl} as its SDK module spells them; {@code hostPrefix}: the endpoint's first label.
     */
    private static URI resolve(
            String variable,
            String property,
            String hostPrefix,
            Region region,
            Map<String, String> env,
            Properties properties) {
        return configured(variable, property, env, properties)
                .map(ServiceEndpoint::parse)
                .orElseGet(() -> URI.create("https://" + hostPrefix + "." + region.id() + "."
                        + PartitionMetadata.of(region).dnsSuffix()));
    }

    private static Optional<String> configured(
            String variable, String property, Map<String, String> env, Properties properties) {
        if ("true"
                .equalsIgnoreCase(first(
                        properties.getProperty("aws.ignoreConfiguredEndpointUrls"),
                        env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")))) {
            return Optional.empty();
        }
        return Optional.ofNullable(first(
                properties.getProperty("aws.endpointUrl" + property),
                env.get("AWS_ENDPOINT_URL_" + variable),
                properties.getProperty("aws.endpointUrl"),
                env.get("AWS_ENDPOINT_URL")));
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    private static URI parse(String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the configured AWS endpoint " + value + " is not a URL");
        }
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("the configured AWS endpoint " + value + " is not an http(s) URL");
        }
        return uri;
    }
}
