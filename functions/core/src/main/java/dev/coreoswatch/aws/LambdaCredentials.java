package dev.coreoswatch.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;

/**
 * Credentials where a Lambda function is given them: the access-key variables of an on-demand function, or the
 * container endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}) of a SnapStart function after its restore;
 * system properties first, as in the SDK's default chain, for local runs. The default chain also builds and asks
 * web identity, profile files and the instance metadata service, none of which a Lambda function has: about
 * 20 ms of every cold start (docs/bench.md).
 */
public final class LambdaCredentials {
    private LambdaCredentials() {}

    public static AwsCredentialsProvider provider() {
        return AwsCredentialsProviderChain.builder()
                .reuseLastProviderEnabled(true)
                .credentialsProviders(
                        SystemPropertyCredentialsProvider.create(),
                        EnvironmentVariableCredentialsProvider.create(),
                        ContainerCredentialsProvider.builder().build())
                .build();
    }
}
