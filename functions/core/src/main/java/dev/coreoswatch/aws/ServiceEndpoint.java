package dev.coreoswatch.aws;

import java.net.URI;
import java.util.Locale;
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
    private ServiceEndpoint() {
    }

    /** {@code serviceId}: the SDK's service id ({@code SSM}); {@code hostPrefix}: the endpoint's first label ({@code ssm}). */
    public static URI of(String serviceId, String hostPrefix, Region region) {
        return resolve(serviceId, hostPrefix, region, System.getenv(), System.getProperties());
    }

    static URI resolve(String serviceId, String hostPrefix, Region region, Map<String, String> env, Properties properties) {
        return configured(serviceId, env, properties).map(ServiceEndpoint::parse).orElseGet(() ->
                URI.create("https://" + hostPrefix + "." + region.id() + "." + PartitionMetadata.of(region).dnsSuffix()));
    }

    private static Optional<String> configured(String serviceId, Map<String, String> env, Properties properties) {
        if ("true".equalsIgnoreCase(first(properties.getProperty("aws.ignoreConfiguredEndpointUrls"),
                env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")))) {
            return Optional.empty();
        }
        String property = serviceId.replace(" ", "");
        String variable = serviceId.toUpperCase(Locale.ROOT).replace(' ', '_');
        return Optional.ofNullable(first(properties.getProperty("aws.endpointUrl" + property), env.get("AWS_ENDPOINT_URL_" + variable),
                properties.getProperty("aws.endpointUrl"), env.get("AWS_ENDPOINT_URL")));
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
