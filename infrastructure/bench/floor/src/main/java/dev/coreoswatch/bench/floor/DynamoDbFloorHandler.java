package dev.coreoswatch.bench.floor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The second floor: only what the functions build since their SSM, Secrets Manager, EventBridge and SNS calls
 * are signed requests of their own (the DynamoDB SDK client, one url-connection client, one credentials
 * provider, the region and the SigV4 signer), built and never called, and one event parsed and answered with
 * Jackson's parser and generator (the functions build no ObjectMapper). {@link FloorHandler} stays the yardstick of issue 16; this one shows what the same
 * functions cost against a floor that builds exactly what they build.
 */
public final class DynamoDbFloorHandler implements RequestStreamHandler {
    // As the functions since they build no ObjectMapper: the tree read with the parser, written with the generator.
    private static final JsonFactory JSON =
            JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final DynamoDbClient dynamoDb;
    private final AwsV4HttpSigner signer;
    private final AwsCredentialsProvider credentials;
    private final Region region;

    public DynamoDbFloorHandler() {
        SdkHttpClient http = UrlConnectionHttpClient.builder().build();
        // What the functions' chain (dev.coreoswatch.aws.LambdaCredentials) builds before it is asked: the
        // container provider is built only when the variables are missing.
        credentials = AwsCredentialsProviderChain.of(
                SystemPropertyCredentialsProvider.create(), EnvironmentVariableCredentialsProvider.create());
        region = DefaultAwsRegionProviderChain.builder().build().getRegion();
        signer = AwsV4HttpSigner.create();
        dynamoDb = DynamoDbClient.builder()
                .httpClient(http)
                .credentialsProvider(credentials)
                .build();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String detailType = "";
        int fields = 0;
        try (JsonParser parser = JSON.createParser(input)) {
            parser.nextToken();
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                fields++;
                parser.nextToken();
                if (name.equals("detail-type")) {
                    detailType = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
        }
        try (JsonGenerator out = JSON.createGenerator(output)) {
            out.writeStartObject();
            out.writeStringField("detailType", detailType);
            out.writeNumberField("fields", fields);
            out.writeStringField(
                    "clients",
                    dynamoDb.serviceName() + "," + signer.getClass().getSimpleName() + "," + region.id() + ","
                            + credentials.getClass().getSimpleName());
            out.writeEndObject();
        }
    }
}
