package dev.coreoswatch.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Http} on {@code java.net.http}: HTTP/1.1, no redirects, bounded time and size. */
public final class JdkHttp implements Http {
    private static final Logger LOG = LoggerFactory.getLogger(JdkHttp.class);
    private static final java.util.Set<String> RESTRICTED = java.util.Set.of("host", "content-length", "connection");

    private final HttpClient client;
    private final Limits limits;

    public JdkHttp(Limits limits) {
        this.limits = limits;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(limits.connectTimeout())
                .build();
    }

    @Override
    public Response send(Request request) throws HttpFailure {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(limits.readTimeout());
        request.headers().forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                builder.header(name, value);
            }
        });
        builder.method(request.method(), request.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(builder.build(), info -> new LimitedBody(limits.maxBodyBytes()));
        try {
            // The request timeout covers the headers; this deadline also covers a slow body.
            HttpResponse<byte[]> response = future.get(
                    limits.readTimeout().toMillis() + limits.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
            LOG.debug("{} -> {} in {} ms", request, response.statusCode(), (System.nanoTime() - start) / 1_000_000);
            return new Response(response.statusCode(), lowerCase(response.headers().map()), response.body(), request.uri());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpFailure(HttpFailure.Kind.TIMEOUT, request + " timed out after " + limits.readTimeout().toSeconds() + " s", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new HttpFailure(HttpFailure.Kind.INTERRUPTED, request + " was interrupted", null);
        } catch (ExecutionException e) {
            throw failure(request, e.getCause());
        }
    }

    private HttpFailure failure(Request request, Throwable cause) {
        if (cause instanceof HttpFailure f) {
            return new HttpFailure(f.kind(), request + ": " + f.getMessage(), null);
        }
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            return new HttpFailure(HttpFailure.Kind.CONNECT, request + ": cannot connect (" + cause.getClass().getSimpleName() + ")", null);
        }
        if (cause instanceof HttpTimeoutException) {
            return new HttpFailure(HttpFailure.Kind.TIMEOUT, request + " timed out after " + limits.readTimeout().toSeconds() + " s", null);
        }
        if (cause instanceof IOException) {
            return new HttpFailure(HttpFailure.Kind.BROKEN, request + ": connection failed (" + cause.getClass().getSimpleName() + ")", null);
        }
        return new HttpFailure(HttpFailure.Kind.BROKEN, request + ": " + cause, null);
    }

    private static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new TreeMap<>();
        headers.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }

    /** Collects the body but fails as soon as it grows past the limit, before anything parses it. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        private Flow.Subscription subscription;

        LimitedBody(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                if (buffer.size() + item.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new HttpFailure(HttpFailure.Kind.TOO_LARGE,
                            "response body exceeds " + max + " bytes", null));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                buffer.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }
    }
}
