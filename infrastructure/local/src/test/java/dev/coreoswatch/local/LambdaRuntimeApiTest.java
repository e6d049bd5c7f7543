package dev.coreoswatch.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The loopback Runtime API spoken to over HTTP, as the runtime interface client speaks to it. */
class LambdaRuntimeApiTest {

    private static final String ARN = "arn:aws:lambda:eu-central-1:000000000000:function:Probe";
    private final HttpClient http = HttpClient.newHttpClient();
    private LambdaRuntimeApi api;

    @BeforeEach
    void start() throws Exception {
        api = LambdaRuntimeApi.start(ARN);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private URI uri(String path) {
        return URI.create("http://" + api.hostAndPort() + "/2018-06-01/runtime" + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void nextDeliversTheEventWithTheInvocationHeaders() throws Exception {
        long before = System.currentTimeMillis();
        Invocation invocation = api.submit("{\"n\":42}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(90));

        HttpResponse<String> next = get("/invocation/next");

        assertEquals(200, next.statusCode());
        assertEquals("{\"n\":42}", next.body());
        assertEquals(
                invocation.requestId(),
                next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow());
        assertEquals(
                ARN,
                next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn").orElseThrow());
        long deadline = Long.parseLong(
                next.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow());
        assertTrue(
                deadline >= before + 90_000 && deadline <= System.currentTimeMillis() + 90_000, "deadline " + deadline);
        assertTrue(next.headers()
                .firstValue("Lambda-Runtime-Trace-Id")
                .orElseThrow()
                .matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0"));
        assertTrue(invocation.deliveredNanos() > 0);
    }

    @Test
    void nextWaitsForAnEventAndMarksTheEndOfInit() throws Exception {
        CompletableFuture<HttpResponse<String>> waiting = http.sendAsync(
                HttpRequest.newBuilder(uri("/invocation/next")).GET().build(), HttpResponse.BodyHandlers.ofString());
        long firstNext = api.firstNext().get(10, TimeUnit.SECONDS);

        Invocation invocation = api.submit("[]".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(3));

        HttpResponse<String> next = waiting.get(10, TimeUnit.SECONDS);
        assertEquals("[]", next.body());
        assertTrue(invocation.deliveredNanos() >= firstNext, "the event went out after the runtime asked for it");
    }

    @Test
    void responseCompletesTheInvocation() throws Exception {
        Invocation invocation = api.submit("{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(3));
        get("/invocation/next");

        HttpResponse<String> posted = post(
                "/invocation/" + invocation.requestId() + "/response",
                "{\"answer\":\"ok\"}".getBytes(StandardCharsets.UTF_8));

        assertEquals(202, posted.statusCode());
        InvocationResult result = invocation.result().get(5, TimeUnit.SECONDS);
        assertArrayEquals(
                "{\"answer\":\"ok\"}".getBytes(StandardCharsets.UTF_8),
                assertInstanceOf(InvocationResult.Response.class, result).body());
        assertTrue(invocation.completedNanos() >= invocation.deliveredNanos());
    }

    @Test
    void errorCarriesTheRuntimesErrorType() throws Exception {
        Invocation invocation = api.submit("{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(3));
        get("/invocation/next");

        HttpResponse<String> posted = post(
                "/invocation/" + invocation.requestId() + "/error",
                "{\"errorMessage\":\"bad\",\"errorType\":\"java.lang.RuntimeException\"}"
                        .getBytes(StandardCharsets.UTF_8),
                "Lambda-Runtime-Function-Error-Type",
                "Runtime.UserException");

        assertEquals(202, posted.statusCode());
        var error = assertInstanceOf(
                InvocationResult.FunctionError.class, invocation.result().get(5, TimeUnit.SECONDS));
        assertEquals("Runtime.UserException", error.errorType());
        assertTrue(error.bodyText().contains("\"errorMessage\":\"bad\""));
    }

    @Test
    void initErrorIsRecorded() throws Exception {
        HttpResponse<String> posted = post(
                "/init/error",
                "{\"errorMessage\":\"no config\"}".getBytes(StandardCharsets.UTF_8),
                "Lambda-Runtime-Function-Error-Type",
                "Runtime.ClassNotFound");

        assertEquals(202, posted.statusCode());
        var error = api.initError().get(5, TimeUnit.SECONDS);
        assertEquals("Runtime.ClassNotFound", error.errorType());
        assertEquals("{\"errorMessage\":\"no config\"}", error.bodyText());
        assertFalse(api.firstNext().isDone());
    }

    @Test
    void unknownOrRepeatedRequestIdIsRefused() throws Exception {
        Invocation invocation = api.submit("{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(3));
        get("/invocation/next");
        post("/invocation/" + invocation.requestId() + "/response", "1".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> again =
                post("/invocation/" + invocation.requestId() + "/response", "2".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> unknown = post("/invocation/not-a-request/error", "{}".getBytes(StandardCharsets.UTF_8));

        assertEquals(400, again.statusCode());
        assertTrue(again.body().contains("InvalidRequestID"));
        assertEquals(400, unknown.statusCode());
        assertInstanceOf(InvocationResult.Response.class, invocation.result().get(5, TimeUnit.SECONDS));
        assertEquals("1", invocation.result().get().bodyText(), "the first answer stands");
    }

    @Test
    void responseAboveLambdasLimitFailsTheInvocation() throws Exception {
        Invocation invocation = api.submit("{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(3));
        get("/invocation/next");

        HttpResponse<String> posted = post(
                "/invocation/" + invocation.requestId() + "/response",
                new byte[LambdaRuntimeApi.MAX_RESPONSE_BYTES + 1]);

        assertEquals(413, posted.statusCode());
        var error = assertInstanceOf(
                InvocationResult.FunctionError.class, invocation.result().get(5, TimeUnit.SECONDS));
        assertEquals("Function.ResponseSizeTooLarge", error.errorType());
    }

    @Test
    void unknownRouteIsA404WithValidJsonEvenForHostilePaths() throws Exception {
        HttpResponse<String> response = get("/invocation/%22quoted%5C%22/other");

        assertEquals(404, response.statusCode());
        assertTrue(
                response.body()
                        .startsWith("{\"errorType\":\"NotFound\",\"errorMessage\":\"no such runtime API route: GET "),
                response.body());
        assertTrue(response.body().contains("\\\"quoted\\\\\\\"/other"), response.body());
    }
}
