package dev.coreoswatch.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The door on HttpURLConnection against loopback servers: what it promises beyond "a request gets its
 * answer" (a POST never re-sent, one deadline, no redirects, size limits, keep-alive, its User-Agent, no
 * header value in a message).
 */
class UrlConnectionHttpTest {
    private static final Http.Limits LIMITS = new Http.Limits(Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 16);
    /** A token with characters HTTP cannot carry, as a mistyped or pasted secret may hold. */
    private static final String CANARY = "ghp_CANARY0door0token\n0with\u201Csmart\u201Dquotes";

    private static WireMockServer server;
    private static WireMockServer elsewhere;
    private final Http http = new UrlConnectionHttp(LIMITS);

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        elsewhere = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        elsewhere.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        elsewhere.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        elsewhere.resetAll();
    }

    private static URI at(String path) {
        return URI.create(server.baseUrl() + path);
    }

    @Test
    void aPostTheServerReadThenResetIsSentOnceAndIsAmbiguous() throws IOException {
        try (ResettingServer resetting = new ResettingServer()) {
            List<Duration> waits = new CopyOnWriteArrayList<>();
            Http production = new RetryingHttp(http, RetryPolicy.DEFAULT, Clock.systemUTC(), waits::add);

            HttpFailure failure = assertThrows(
                    HttpFailure.class,
                    () -> production.send(Http.Request.post(
                            resetting.uri("/dispatches"), "{\"ref\":\"main\"}".getBytes(StandardCharsets.UTF_8))));

            assertEquals(List.of("POST"), resetting.methods(), "a POST is never sent twice");
            assertEquals(HttpFailure.Kind.BROKEN, failure.kind(), failure.getMessage());
            assertTrue(failure.ambiguous(), "the server read the POST: it may have acted");
            assertEquals(List.of(), waits, "not retried either");
        }
    }

    @Test
    void theSameServerSeesAGetTwiceSoItWouldSeeARepeatedPost() throws IOException {
        // The JDK repeats what it may (and the retry policy would repeat a GET again): the count above means something.
        try (ResettingServer resetting = new ResettingServer()) {
            assertThrows(HttpFailure.class, () -> http.send(Http.Request.get(resetting.uri("/runs"))));

            assertEquals(List.of("GET", "GET"), resetting.methods());
        }
    }

    @Test
    void aFreshProcessUsingOnlyTheDoorSendsAResetPostOnce() throws Exception {
        // No test setup in that JVM (the build sets the property for test JVMs): the door alone must forbid the
        // re-send.
        try (ResettingServer resetting = new ResettingServer()) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process child = new ProcessBuilder(
                            java.toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            PostOnce.class.getName(),
                            resetting.uri("/dispatches").toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");

            assertTrue(output.contains("BROKEN ambiguous=true"), output);
            assertEquals(List.of("POST"), resetting.methods(), output);
        }
    }

    @Test
    void oneDeadlineCoversTheWholeExchangeNotEachRead() {
        // Every read gets a byte well within the read timeout, but the body takes 20 s: connect + read is 2 s.
        server.stubFor(get("/slow")
                .willReturn(
                        aResponse().withStatus(200).withBody("x".repeat(400)).withChunkedDribbleDelay(100, 20_000)));
        Http door = new UrlConnectionHttp(new Http.Limits(Duration.ofSeconds(1), Duration.ofSeconds(1), 1 << 16));
        long start = System.nanoTime();

        HttpFailure failure = assertThrows(HttpFailure.class, () -> door.send(Http.Request.get(at("/slow"))));

        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(HttpFailure.Kind.TIMEOUT, failure.kind(), failure.getMessage());
        assertTrue(elapsedMs < 6_000, "gave up after " + elapsedMs + " ms; the deadline was 2 s, the body 20 s");
    }

    @Test
    void aSlowFirstByteTimesOutAfterTheReadTimeout() {
        server.stubFor(get("/late")
                .willReturn(aResponse().withStatus(200).withBody("late").withFixedDelay(3_000)));
        Http door = new UrlConnectionHttp(new Http.Limits(Duration.ofSeconds(5), Duration.ofSeconds(1), 1 << 16));

        HttpFailure failure = assertThrows(HttpFailure.class, () -> door.send(Http.Request.get(at("/late"))));

        assertEquals(HttpFailure.Kind.TIMEOUT, failure.kind());
        assertEquals("GET " + at("/late") + " timed out after 1 s", failure.getMessage());
    }

    @Test
    void redirectsAreAnswersNotFollowed() throws HttpFailure {
        server.stubFor(get("/moved")
                .willReturn(aResponse().withStatus(302).withHeader("Location", elsewhere.baseUrl() + "/blob")));

        Http.Response response =
                http.send(Http.Request.get(at("/moved")).header("Authorization", "Bearer secret-token"));

        assertEquals(302, response.status());
        assertEquals(elsewhere.baseUrl() + "/blob", response.header("location").orElseThrow());
        elsewhere.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aBodyDeclaredOverTheLimitIsRefusedBeforeItIsRead() {
        server.stubFor(get("/big").willReturn(aResponse().withStatus(200).withBody("y".repeat((1 << 16) + 1))));

        HttpFailure failure = assertThrows(HttpFailure.class, () -> http.send(Http.Request.get(at("/big"))));

        assertEquals(HttpFailure.Kind.TOO_LARGE, failure.kind());
        assertTrue(failure.getMessage().endsWith("response body exceeds 65536 bytes"), failure.getMessage());
    }

    @Test
    void aHeadAnswerDeclaringALargeBodyIsNotTooLarge() throws HttpFailure {
        // A registry answers HEAD of a manifest with the manifest's Content-Length; nothing follows.
        server.stubFor(any(urlEqualTo("/manifests/stable"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Length", String.valueOf(1 << 17))));

        Http.Response response = http.send(Http.Request.head(at("/manifests/stable")));

        assertEquals(200, response.status());
        assertEquals(String.valueOf(1 << 17), response.header("content-length").orElseThrow());
        assertArrayEquals(new byte[0], response.body());
    }

    @Test
    void aChunkedBodyGrowingOverTheLimitIsCutOff() {
        server.stubFor(get("/growing")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody("z".repeat(1 << 17))
                        .withChunkedDribbleDelay(4, 20)));

        HttpFailure failure = assertThrows(HttpFailure.class, () -> http.send(Http.Request.get(at("/growing"))));

        assertEquals(HttpFailure.Kind.TOO_LARGE, failure.kind());
    }

    @Test
    void anErrorAnswerKeepsItsBodyAndHeadersInTheOrderSent() throws HttpFailure {
        server.stubFor(get("/challenge")
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("WWW-Authenticate", "Bearer realm=\"first\"", "Basic realm=\"second\"")
                        .withBody("{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}")));

        Http.Response response = http.send(Http.Request.get(at("/challenge")));

        assertEquals(401, response.status());
        assertEquals(List.of("Bearer realm=\"first\"", "Basic realm=\"second\""), response.headers("www-authenticate"));
        assertEquals("{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}", response.text());
        assertEquals(at("/challenge"), response.uri());
    }

    @Test
    void aPostCarriesItsBodyAndHeaders() throws HttpFailure {
        server.stubFor(post("/dispatches").willReturn(aResponse().withStatus(204)));
        byte[] body = "{\"ref\":\"main\",\"inputs\":{\"stream\":\"stable\"}}".getBytes(StandardCharsets.UTF_8);

        Http.Response response =
                http.send(Http.Request.post(at("/dispatches"), body).header("Content-Type", "application/json"));

        assertEquals(204, response.status());
        assertArrayEquals(new byte[0], response.body());
        server.verify(
                1, postRequestedFor(urlEqualTo("/dispatches")).withHeader("Content-Type", equalTo("application/json")));
        assertArrayEquals(
                body,
                server.findAll(postRequestedFor(urlEqualTo("/dispatches")))
                        .get(0)
                        .getBody());
    }

    @Test
    void everyRequestSaysItIsCoreosWatchWithItsVersionWhateverTheCallerSet() throws HttpFailure {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("ok")));

        http.send(Http.Request.get(at("/plain")));
        http.send(Http.Request.head(at("/head")));
        http.send(Http.Request.post(at("/post"), new byte[] {1}).header("User-Agent", "something-else"));

        assertTrue(UserAgent.VALUE.matches("coreos-watch/[0-9]+\\.[0-9]+\\.[0-9]+[0-9A-Za-z.+_-]*"), UserAgent.VALUE);
        assertEquals(3, server.findAll(anyRequestedFor(anyUrl())).size());
        server.verify(3, anyRequestedFor(anyUrl()).withHeader("User-Agent", equalTo(UserAgent.VALUE)));
    }

    @Test
    void aHeaderValueHttpCannotCarryIsNamedNeverShownAndNothingIsSent() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        List<Duration> waits = new CopyOnWriteArrayList<>();
        Http production = new RetryingHttp(http, RetryPolicy.DEFAULT, Clock.systemUTC(), waits::add);

        for (String method : List.of("GET", "POST")) {
            HttpFailure failure = assertThrows(
                    HttpFailure.class,
                    () -> production.send(new Http.Request(
                            method,
                            at("/api"),
                            Map.of("Authorization", "Bearer " + CANARY),
                            method.equals("POST") ? new byte[] {1} : null)));

            assertEquals(HttpFailure.Kind.INVALID, failure.kind());
            assertFalse(failure.ambiguous(), "nothing was sent");
            assertTrue(failure.getMessage().contains("header Authorization"), failure.getMessage());
            assertFalse(
                    failure.getMessage().contains("CANARY")
                            || failure.getMessage().contains("Bearer")
                            || failure.getMessage().contains("smart"),
                    failure.getMessage());
            assertEquals(null, failure.getCause(), "no cause whose message could hold the value");
        }
        assertEquals(List.of(), waits, "a request that cannot be sent is not tried again");
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void primingExchangesInsideTheJvmAndLeavesTheDoorWorking() throws HttpFailure {
        server.stubFor(get("/after").willReturn(aResponse().withStatus(200).withBody("ok")));

        assertTrue(UrlConnectionHttp.prime(), "the exchange inside the JVM completed");

        server.verify(0, anyRequestedFor(anyUrl()));
        assertEquals("ok", http.send(Http.Request.get(at("/after"))).text());
    }

    @Test
    void onlyHttpAndHttpsAreRequested() {
        HttpFailure failure =
                assertThrows(HttpFailure.class, () -> http.send(Http.Request.get(URI.create("file:///etc/passwd"))));

        assertEquals(HttpFailure.Kind.INVALID, failure.kind());
    }

    @Test
    void aRefusedConnectionIsAConnectFailureWhichIsSafeToRepeat() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        HttpFailure failure = assertThrows(
                HttpFailure.class,
                () -> http.send(
                        Http.Request.post(URI.create("http://127.0.0.1:" + port + "/dispatches"), new byte[] {1})));

        assertEquals(HttpFailure.Kind.CONNECT, failure.kind());
        assertFalse(failure.ambiguous());
        assertTrue(failure.getMessage().contains("cannot connect (ConnectException)"), failure.getMessage());
    }

    @Test
    void successiveRequestsReuseOneConnectionWhateverTheAnswer() throws IOException {
        HttpServer jdkServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<Integer> clientPorts = new CopyOnWriteArrayList<>();
        jdkServer.createContext("/", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.getRequestBody().readAllBytes();
            byte[] body = exchange.getRequestURI().getPath().equals("/missing")
                    ? "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8)
                    : "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            int status = exchange.getRequestURI().getPath().equals("/missing") ? 404 : 200;
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(status, -1);
            } else {
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        jdkServer.start();
        try {
            String base = "http://127.0.0.1:" + jdkServer.getAddress().getPort();
            List<Integer> statuses = new ArrayList<>();
            statuses.add(http.send(Http.Request.get(URI.create(base + "/stream.json")))
                    .status());
            statuses.add(
                    http.send(Http.Request.get(URI.create(base + "/missing"))).status());
            statuses.add(http.send(Http.Request.head(URI.create(base + "/manifests/stable")))
                    .status());
            statuses.add(http.send(Http.Request.post(URI.create(base + "/dispatches"), new byte[] {'{', '}'}))
                    .status());
            statuses.add(http.send(Http.Request.get(URI.create(base + "/stream.json")))
                    .status());

            assertEquals(List.of(200, 404, 200, 200, 200), statuses);
            assertEquals(5, clientPorts.size());
            assertEquals(1, clientPorts.stream().distinct().count(), "one connection for all: " + clientPorts);
        } finally {
            jdkServer.stop(0);
        }
    }
}
