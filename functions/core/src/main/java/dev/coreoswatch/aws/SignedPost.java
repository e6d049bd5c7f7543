package dev.coreoswatch.aws;

import dev.coreoswatch.model.Printable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

/**
 * One {@code POST /} to an AWS service, signed with SigV4 (the default credentials; a session token is signed and
 * sent) and sent over the shared SDK HTTP client, its answer read up to a limit: what a service client without its
 * SDK module needs below its protocol. No credentials, no answer and an oversized answer are
 * {@link AwsCallException}s; the caller reads the status and body.
 */
final class SignedPost {
    /** An answer of the service, with the identity that signed the request (to scrub it from messages). */
    record Answer(int status, byte[] body, AwsCredentialsIdentity identity) {}

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
    private static final int MAX_MESSAGE = 200;

    private final String signingName;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Region region;
    private final URI endpoint;
    private final Clock clock;

    SignedPost(
            String signingName,
            SdkHttpClient http,
            AwsCredentialsProvider credentials,
            Region region,
            URI endpoint,
            Clock clock) {
        this.signingName = signingName;
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /** {@code operation} names the call in messages ({@code SNS Publish}). */
    Answer send(String operation, Map<String, String> headers, byte[] body, int maxAnswerBytes) {
        AwsCredentialsIdentity identity;
        try {
            identity = credentials.resolveCredentials();
        } catch (SdkException e) {
            // The provider chain's own words name the places it looked; they hold no credential.
            throw new AwsCallException(
                    "NoCredentials",
                    0,
                    operation + ": no AWS credentials (" + Printable.excerpt(e.getMessage(), MAX_MESSAGE) + ")");
        }
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .protocol(endpoint.getScheme())
                .host(endpoint.getHost())
                .port(endpoint.getPort())
                .encodedPath(
                        endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath())
                .putHeader("Content-Length", Integer.toString(body.length));
        headers.forEach(request::putHeader);
        SignedRequest signed = SIGNER.sign(r -> r.identity(identity)
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        int status;
        byte[] answer;
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                            .request(signed.request())
                            .contentStreamProvider(signed.payload().orElse(null))
                            .build())
                    .call();
            status = response.httpResponse().statusCode();
            try (InputStream in =
                    response.responseBody().map(InputStream.class::cast).orElseGet(InputStream::nullInputStream)) {
                answer = in.readNBytes(maxAnswerBytes + 1);
            }
        } catch (IOException e) {
            throw new AwsCallException(
                    null,
                    0,
                    operation + " at " + endpoint + " did not answer ("
                            + e.getClass().getSimpleName() + ": " + AwsJsonClient.scrub(e.getMessage(), identity)
                            + ")");
        }
        if (answer.length > maxAnswerBytes) {
            throw new AwsCallException(
                    null,
                    status,
                    operation + " answered HTTP " + status + " with more than " + maxAnswerBytes + " bytes");
        }
        return new Answer(status, answer, identity);
    }
}
