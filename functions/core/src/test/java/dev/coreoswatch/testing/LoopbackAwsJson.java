package dev.coreoswatch.testing;

import dev.coreoswatch.aws.AwsJsonClient;
import java.net.URI;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** The real signed JSON client of a service, aimed at a loopback server (a WireMock speaking AWS JSON 1.1). */
public final class LoopbackAwsJson {
    private LoopbackAwsJson() {}

    /** {@code pause}: what waits between retries; tests record it instead of sleeping. */
    public static AwsJsonClient client(
            AwsJsonClient.Service service,
            URI endpoint,
            AwsCredentialsProvider credentials,
            AwsJsonClient.Pause pause) {
        return new AwsJsonClient(
                service,
                UrlConnectionHttpClient.builder().build(),
                credentials,
                Region.EU_WEST_1,
                endpoint,
                Clock.systemUTC(),
                pause);
    }
}
