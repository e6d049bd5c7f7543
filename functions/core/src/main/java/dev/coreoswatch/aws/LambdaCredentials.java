package dev.coreoswatch.aws;

import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Credentials where a Lambda function is given them: the access-key variables of an on-demand function, or the
 * container endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}) of a SnapStart function after its restore;
 * system properties first, as in the SDK's default chain, for local runs. The default chain also builds and asks
 * web identity, profile files and the instance metadata service, none of which a Lambda function has; and the
 * container provider is built only when the variables are missing (building it cost an on-demand cold start
 * 14 ms of its main thread, docs/bench.md). The source that answered last is asked first.
 */
public final class LambdaCredentials implements AwsCredentialsProvider {
    private final AwsCredentialsProvider properties = SystemPropertyCredentialsProvider.create();
    private final AwsCredentialsProvider environment = EnvironmentVariableCredentialsProvider.create();
    private final Supplier<AwsCredentialsProvider> container =
            new Lazy<>(() -> ContainerCredentialsProvider.builder().build());
    private volatile AwsCredentialsProvider last;

    public static AwsCredentialsProvider provider() {
        return new LambdaCredentials();
    }

    private LambdaCredentials() {}

    @Override
    public AwsCredentials resolveCredentials() {
        AwsCredentialsProvider known = last;
        if (known != null) {
            try {
                return known.resolveCredentials();
            } catch (SdkClientException e) {
                // the source went away (a restored snapshot loses the variables): look again
            }
        }
        for (AwsCredentialsProvider source : new AwsCredentialsProvider[] {properties, environment}) {
            try {
                AwsCredentials credentials = source.resolveCredentials();
                last = source;
                return credentials;
            } catch (SdkClientException e) {
                // not there; the next source
            }
        }
        try {
            AwsCredentials credentials = container.get().resolveCredentials();
            last = container.get();
            return credentials;
        } catch (SdkClientException e) {
            throw SdkClientException.create(
                    "no credentials in the system properties aws.accessKeyId/aws.secretAccessKey, the variables"
                            + " AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the container endpoint ("
                            + e.getMessage() + ")",
                    e);
        }
    }
}
