package dev.coreoswatch.aws;

import java.io.ByteArrayInputStream;
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
 * An SDK HTTP client that never opens a connection: it answers each AWS JSON call ({@code X-Amz-Target}) from a
 * fixed table. It lets SnapStart priming run the SDK's whole request path (marshalling, signing, interceptors,
 * unmarshalling) before the snapshot without any network and without touching real resources or secrets.
 */
public final class CannedSdkHttpClient implements SdkHttpClient {
    private final Map<String, String> answers;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    /** {@code answers}: X-Amz-Target (e.g. {@code AWSEvents.PutEvents}) to the JSON body of a 200 answer. */
    public CannedSdkHttpClient(Map<String, String> answers) {
        this.answers = Map.copyOf(answers);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
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
                        .response(SdkHttpResponse.builder().statusCode(200)
                                .putHeader("Content-Type", "application/x-amz-json-1.1")
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

    /** The X-Amz-Target of every call answered so far, in order. */
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
