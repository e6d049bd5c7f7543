package dev.coreoswatch.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An SDK HTTP client that never opens a connection: it answers each call from a fixed table, keyed by the
 * operation: {@code X-Amz-Target} for the AWS JSON protocols (EventBridge, DynamoDB, Secrets Manager), the
 * {@code Action} form field for the query protocol (SNS). It lets SnapStart priming run the SDK's whole request path (marshalling, signing, interceptors,
 * unmarshalling) before the snapshot without any network and without touching real resources or secrets.
 */
public final class CannedSdkHttpClient implements SdkHttpClient {
    private final Map<String, String> answers;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    /** {@code answers}: operation (e.g. {@code AWSEvents.PutEvents}, {@code Publish}) to the body of a 200 answer. */
    public CannedSdkHttpClient(Map<String, String> answers) {
        this.answers = Map.copyOf(answers);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String target =
                request.httpRequest().firstMatchingHeader("X-Amz-Target").orElseGet(() -> action(request));
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                calls.add(target);
                String body = answers.get(target);
                if (body == null) {
                    // A priming bug, not a service error: say which call had no answer.
                    throw new IllegalStateException("no canned answer for " + target);
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder()
                                .statusCode(200)
                                .putHeader(
                                        "Content-Type",
                                        body.startsWith("<") ? "text/xml" : "application/x-amz-json-1.1")
                                .putHeader("Content-Length", Integer.toString(bytes.length))
                                .putHeader("x-amzn-RequestId", "00000000-0000-4000-8000-00000000c0de")
                                .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                        .build();
            }

            @Override
            public void abort() {
                // nothing in flight: answers are immediate
            }
        };
    }

    /** The query protocol's operation: the {@code Action} field of the form body ("" where there is none). */
    private static String action(HttpExecuteRequest request) {
        if (request.contentStreamProvider().isEmpty()) {
            return "";
        }
        String form;
        try (InputStream in = request.contentStreamProvider().get().newStream()) {
            form = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String pair : form.split("&")) {
            if (pair.startsWith("Action=")) {
                return URLDecoder.decode(pair.substring("Action=".length()), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    /** The operation of every call answered so far, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public String clientName() {
        return "Canned";
    }

    @Override
    public void close() {
        // holds nothing
    }
}
