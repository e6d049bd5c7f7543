package dev.coreoswatch.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** The endpoints the SDK would use for SSM, SNS, Secrets Manager and EventBridge, resolved without their modules. */
class ServiceEndpointTest {
    private static URI resolve(Region region, Map<String, String> env, Map<String, String> properties) {
        return ServiceEndpoint.ssm(region, env, properties(properties));
    }

    private static Properties properties(Map<String, String> properties) {
        Properties props = new Properties();
        props.putAll(properties);
        return props;
    }

    @Test
    void withoutConfigurationTheRegionalEndpointOfThePartition() {
        assertEquals(URI.create("https://ssm.eu-west-1.amazonaws.com"), resolve(Region.EU_WEST_1, Map.of(), Map.of()));
        assertEquals(
                URI.create("https://ssm.cn-north-1.amazonaws.com.cn"), resolve(Region.CN_NORTH_1, Map.of(), Map.of()));
    }

    @Test
    void theServiceVariableWinsOverTheGlobalOneAndThePropertiesOverBoth() {
        Map<String, String> env =
                Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1", "AWS_ENDPOINT_URL_SSM", "http://127.0.0.1:2");
        assertEquals(URI.create("http://127.0.0.1:2"), resolve(Region.EU_WEST_1, env, Map.of()));
        assertEquals(
                URI.create("http://127.0.0.1:1"),
                resolve(Region.EU_WEST_1, Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1"), Map.of()));
        assertEquals(
                URI.create("http://127.0.0.1:3"),
                resolve(Region.EU_WEST_1, env, Map.of("aws.endpointUrlSsm", "http://127.0.0.1:3")));
        assertEquals(
                URI.create("http://127.0.0.1:2"),
                resolve(Region.EU_WEST_1, env, Map.of("aws.endpointUrl", "http://127.0.0.1:4")));
    }

    @Test
    void snsReadsItsOwnNamesAndNotSsms() {
        Properties props = new Properties();
        props.put("aws.endpointUrlSns", "http://127.0.0.1:5");
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL_SSM", "http://127.0.0.1:2");
        assertEquals(
                URI.create("https://sns.eu-west-1.amazonaws.com"),
                ServiceEndpoint.sns(Region.EU_WEST_1, env, new Properties()));
        assertEquals(
                URI.create("http://127.0.0.1:6"),
                ServiceEndpoint.sns(
                        Region.EU_WEST_1, Map.of("AWS_ENDPOINT_URL_SNS", "http://127.0.0.1:6"), new Properties()));
        assertEquals(URI.create("http://127.0.0.1:5"), ServiceEndpoint.sns(Region.EU_WEST_1, env, props));
        assertEquals(
                URI.create("https://sns.eu-west-1.amazonaws.com"),
                ServiceEndpoint.sns(
                        Region.EU_WEST_1,
                        Map.of(
                                "AWS_ENDPOINT_URL_SNS",
                                "http://127.0.0.1:6",
                                "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
                                "true"),
                        new Properties()));
    }

    @Test
    void configuredEndpointsCanBeIgnoredAsTheSdkAllows() {
        Map<String, String> env =
                Map.of("AWS_ENDPOINT_URL_SSM", "http://127.0.0.1:2", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
        assertEquals(URI.create("https://ssm.eu-west-1.amazonaws.com"), resolve(Region.EU_WEST_1, env, Map.of()));
    }

    @Test
    void aConfiguredEndpointThatIsNotAnHttpUrlIsRefusedClearly() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> resolve(Region.EU_WEST_1, Map.of("AWS_ENDPOINT_URL_SSM", "localhost:4566"), Map.of()));
        assertTrue(e.getMessage().contains("localhost:4566"), e.getMessage());
    }

    /** The SDK module's names: service id "Secrets Manager", so {@code SECRETS_MANAGER} and {@code SecretsManager}. */
    @Test
    void secretsManagerUnderTheNamesOfItsSdkModule() {
        assertEquals(
                URI.create("https://secretsmanager.eu-west-1.amazonaws.com"),
                ServiceEndpoint.secretsManager(Region.EU_WEST_1, Map.of(), properties(Map.of())));
        assertEquals(
                URI.create("https://secretsmanager.cn-north-1.amazonaws.com.cn"),
                ServiceEndpoint.secretsManager(Region.CN_NORTH_1, Map.of(), properties(Map.of())));
        Map<String, String> env = Map.of(
                "AWS_ENDPOINT_URL", "http://127.0.0.1:1",
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:2",
                "AWS_ENDPOINT_URL_SSM", "http://127.0.0.1:5");
        assertEquals(
                URI.create("http://127.0.0.1:2"),
                ServiceEndpoint.secretsManager(Region.EU_WEST_1, env, properties(Map.of())));
        assertEquals(
                URI.create("http://127.0.0.1:3"),
                ServiceEndpoint.secretsManager(
                        Region.EU_WEST_1,
                        env,
                        properties(Map.of("aws.endpointUrlSecretsManager", "http://127.0.0.1:3"))));
        assertEquals(
                URI.create("http://127.0.0.1:1"),
                ServiceEndpoint.secretsManager(
                        Region.EU_WEST_1, Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1"), properties(Map.of())));
        assertEquals(
                URI.create("https://secretsmanager.eu-west-1.amazonaws.com"),
                ServiceEndpoint.secretsManager(
                        Region.EU_WEST_1,
                        Map.of(
                                "AWS_ENDPOINT_URL_SECRETS_MANAGER",
                                "http://127.0.0.1:2",
                                "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
                                "true"),
                        properties(Map.of())));
    }

    /** EventBridge's host is still {@code events}; its SDK module's names are {@code EVENTBRIDGE} and {@code EventBridge}. */
    @Test
    void eventBridgeUnderTheNamesOfItsSdkModule() {
        assertEquals(
                URI.create("https://events.eu-west-1.amazonaws.com"),
                ServiceEndpoint.eventBridge(Region.EU_WEST_1, Map.of(), properties(Map.of())));
        Map<String, String> env = Map.of(
                "AWS_ENDPOINT_URL_EVENTBRIDGE", "http://127.0.0.1:2", "AWS_ENDPOINT_URL_SSM", "http://127.0.0.1:5");
        assertEquals(
                URI.create("http://127.0.0.1:2"),
                ServiceEndpoint.eventBridge(Region.EU_WEST_1, env, properties(Map.of())));
        assertEquals(
                URI.create("http://127.0.0.1:3"),
                ServiceEndpoint.eventBridge(
                        Region.EU_WEST_1, env, properties(Map.of("aws.endpointUrlEventBridge", "http://127.0.0.1:3"))));
    }
}
