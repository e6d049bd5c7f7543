package dev.coreoswatch.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback implementation of the Lambda Runtime API (version 2018-06-01) for one function: the runtime
 * interface client polls {@code /invocation/next}, gets the events {@link #submit submitted} here, and posts
 * its answers back. It records when the runtime first asked for work ({@link #firstNext()}), which is the end
 * of the init phase, and per invocation when the event went out and the answer came back.
 */
public final class LambdaRuntimeApi implements AutoCloseable {

    static final String PREFIX = "/2018-06-01/runtime";
    /** Lambda's limit for a synchronous response. */
    static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

    private static final Pattern INVOCATION_PATH =
            Pattern.compile(Pattern.quote(PREFIX) + "/invocation/([^/]+)/(response|error)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final ExecutorService executor;
    private final String functionArn;
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstNext = new CompletableFuture<>();
    private final CompletableFuture<InvocationResult.InitError> initError = new CompletableFuture<>();

    private LambdaRuntimeApi(HttpServer server, ExecutorService executor, String functionArn) {
        this.server = server;
        this.executor = executor;
        this.functionArn = functionArn;
    }

    /** Binds 127.0.0.1 on a free port and starts serving. */
    public static LambdaRuntimeApi start(String functionArn) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // A waiting /next holds its thread, so the pool must grow; daemon threads never keep a JVM alive.
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "lambda-runtime-api");
            thread.setDaemon(true);
            return thread;
        });
        LambdaRuntimeApi api = new LambdaRuntimeApi(server, executor, functionArn);
        server.createContext(PREFIX + "/", api::handle);
        server.setExecutor(executor);
        server.start();
        return api;
    }

    /** The value for {@code AWS_LAMBDA_RUNTIME_API}. */
    public String hostAndPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an event; the runtime receives it on its next {@code /invocation/next}. */
    public Invocation submit(byte[] event, Duration timeout) {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), event, timeout, newTraceId());
        pending.add(invocation);
        return invocation;
    }

    /** Completes with {@link System#nanoTime()} of the runtime's first {@code /invocation/next}: init is over. */
    public CompletableFuture<Long> firstNext() {
        return firstNext;
    }

    /** Completes if the runtime reports that it could not initialise. */
    public CompletableFuture<InvocationResult.InitError> initError() {
        return initError;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (path.equals(PREFIX + "/invocation/next") && method.equals("GET")) {
                next(exchange);
                return;
            }
            if (path.equals(PREFIX + "/init/error") && method.equals("POST")) {
                byte[] body = readBody(exchange);
                if (body == null) {
                    return;
                }
                initError.complete(new InvocationResult.InitError(errorType(exchange), body));
                reply(exchange, 202, "{\"status\":\"OK\"}");
                return;
            }
            Matcher matcher = INVOCATION_PATH.matcher(path);
            if (matcher.matches() && method.equals("POST")) {
                answer(exchange, matcher.group(1), matcher.group(2).equals("error"));
                return;
            }
            reply(exchange, 404, error("NotFound", "no such runtime API route: " + method + " " + path));
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstNext.complete(System.nanoTime());
        Invocation invocation;
        try {
            invocation = pending.take();
        } catch (InterruptedException e) {
            // The server is closing; the runtime sees a dropped connection, as when Lambda freezes it.
            Thread.currentThread().interrupt();
            return;
        }
        inFlight.put(invocation.requestId(), invocation);
        long deadline = System.currentTimeMillis() + invocation.timeout().toMillis();
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", invocation.traceId());
        invocation.delivered();
        byte[] event = invocation.event();
        exchange.sendResponseHeaders(200, event.length == 0 ? -1 : event.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(event);
        }
    }

    private void answer(HttpExchange exchange, String requestId, boolean failed) throws IOException {
        Invocation invocation = inFlight.remove(requestId);
        if (invocation == null) {
            reply(exchange, 400, error("InvalidRequestID", "unknown or already answered request id"));
            return;
        }
        byte[] body = readBody(exchange);
        if (body == null) {
            invocation.complete(new InvocationResult.FunctionError(
                    "Function.ResponseSizeTooLarge",
                    error("Function.ResponseSizeTooLarge", "response is larger than " + MAX_RESPONSE_BYTES + " bytes")
                            .getBytes(StandardCharsets.UTF_8)));
            return;
        }
        invocation.complete(
                failed
                        ? new InvocationResult.FunctionError(errorType(exchange), body)
                        : new InvocationResult.Response(body));
        reply(exchange, 202, "{\"status\":\"OK\"}");
    }

    /** The body, or null after answering 413 when it exceeds Lambda's response limit. */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                body.write(buffer, 0, n);
                if (body.size() > MAX_RESPONSE_BYTES) {
                    reply(
                            exchange,
                            413,
                            error("RequestEntityTooLarge", "body exceeds " + MAX_RESPONSE_BYTES + " bytes"));
                    return null;
                }
            }
        }
        return body.toByteArray();
    }

    private static String errorType(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        return type == null || type.isBlank() ? "Unhandled" : type;
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String error(String type, String message) {
        return "{\"errorType\":\"" + jsonText(type) + "\",\"errorMessage\":\"" + jsonText(message) + "\"}";
    }

    /** Escapes a string for a JSON string literal (paths in messages come from the client). */
    static String jsonText(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** X-Ray's format: Root=1-{epoch seconds, hex}-{96 random bits}. */
    private static String newTraceId() {
        byte[] random = new byte[12];
        byte[] parent = new byte[8];
        RANDOM.nextBytes(random);
        RANDOM.nextBytes(parent);
        HexFormat hex = HexFormat.of();
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + hex.formatHex(random)
                + ";Parent=" + hex.formatHex(parent) + ";Sampled=0";
    }
}
