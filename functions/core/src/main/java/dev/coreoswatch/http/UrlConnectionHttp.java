package dev.coreoswatch.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Http} on {@link HttpURLConnection}, the stack the AWS SDK's url-connection client already
 * loads, so a function pays for one HTTP stack. HTTP/1.1 with keep-alive, no redirects followed,
 * a POST never re-sent, each read bounded by the read timeout and the whole exchange by connect
 * plus read timeout, the body by its size limit. Header values never reach a message.
 */
public final class UrlConnectionHttp implements Http {
    static {
        forbidPostResend();
    }

    private static final Logger LOG = LoggerFactory.getLogger(UrlConnectionHttp.class);
    /** Set by the connection itself; a caller's value would be dropped silently by the JDK. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "user-agent");
    /** Exchanges run here so the caller can stop waiting at the deadline; idle threads end after a minute. */
    private static final ExecutorService EXCHANGES = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "coreos-watch-http");
        thread.setDaemon(true);
        return thread;
    });

    private final Limits limits;

    public UrlConnectionHttp(Limits limits) {
        this.limits = limits;
    }

    /**
     * The JDK silently sends a POST again when its connection breaks before the answer (a dispatch could run
     * twice). It reads this property once, when its HTTP client class initialises, for every client of the
     * process, the SDK's url-connection client included: call this before the process's first connection.
     * Loading this class does; so do the Lambda door and the SDK client factory, whichever comes first.
     */
    public static void forbidPostResend() {
        System.setProperty("sun.net.http.retryPost", "false");
    }

    /**
     * SnapStart priming: one POST to a server inside this JVM on the loopback interface, so the classes of the
     * whole request path (connect, write, parse, read) are loaded and linked before the snapshot. Nothing leaves
     * the process, and nothing stays open: the answer closes the connection, the server closes before returning.
     * Best effort: a failure only means a slower first request after the restore. True when the exchange completed.
     */
    public static boolean prime() {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Future<?> answered = EXCHANGES.submit(() -> {
                try (Socket socket = server.accept()) {
                    InputStream in = socket.getInputStream();
                    readHead(in);
                    in.readNBytes(PRIMING_BODY.length);
                    socket.getOutputStream().write(PRIMING_ANSWER);
                }
                return null;
            });
            URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/prime");
            new UrlConnectionHttp(new Limits(Duration.ofSeconds(2), Duration.ofSeconds(2), 1024))
                    .send(Request.post(uri, PRIMING_BODY).header("Content-Type", "application/json"));
            answered.get(2, TimeUnit.SECONDS);
            return true;
        } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
            LOG.info("HTTP door not primed ({})", e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static final byte[] PRIMING_BODY = {'{', '}'};
    private static final byte[] PRIMING_ANSWER =
            "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    /** Reads up to and including the blank line that ends a request head. */
    private static void readHead(InputStream in) throws IOException {
        for (int b, matched = 0; matched < 4 && (b = in.read()) >= 0; ) {
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    @Override
    public Response send(Request request) throws HttpFailure {
        long start = System.nanoTime();
        long deadline =
                start + limits.connectTimeout().toNanos() + limits.readTimeout().toNanos();
        // Checked here, on the caller's thread: a refused request never opens a connection.
        URL url = url(request);
        List<Map.Entry<String, String>> headers = SendableHeaders.of(request);
        Future<Response> exchange = EXCHANGES.submit(() -> exchange(request, url, headers, deadline));
        try {
            Response response = exchange.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            LOG.debug("{} -> {} in {} ms", request, response.status(), (System.nanoTime() - start) / 1_000_000);
            return response;
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw timedOut(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.cancel(true);
            throw new HttpFailure(HttpFailure.Kind.INTERRUPTED, request + " was interrupted", null);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof HttpFailure failure
                    ? failure
                    : new HttpFailure(
                            HttpFailure.Kind.BROKEN,
                            request + ": failed (" + e.getCause().getClass().getSimpleName() + ")",
                            null);
        }
    }

    private Response exchange(Request request, URL url, List<Map.Entry<String, String>> headers, long deadline)
            throws HttpFailure {
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) url.openConnection();
            connection.setRequestMethod(request.method());
        } catch (IOException | RuntimeException e) {
            throw new HttpFailure(
                    HttpFailure.Kind.INVALID,
                    request + ": cannot be sent (" + e.getClass().getSimpleName() + ")",
                    null);
        }
        connection.setInstanceFollowRedirects(false);
        connection.setConnectTimeout(millisLeft(limits.connectTimeout().toNanos(), deadline));
        // Per read (the JDK applies it when it connects); the caller's wait bounds the whole exchange.
        connection.setReadTimeout(millisLeft(limits.readTimeout().toNanos(), deadline));
        headers.forEach(h -> connection.setRequestProperty(h.getKey(), h.getValue()));
        connection.setRequestProperty("User-Agent", UserAgent.VALUE);
        connection.setDoOutput(request.body() != null);
        try {
            connection.connect();
        } catch (IOException | RuntimeException e) {
            // Nothing was sent: safe to try again, whatever the method.
            connection.disconnect();
            throw new HttpFailure(
                    HttpFailure.Kind.CONNECT,
                    request + ": cannot connect (" + e.getClass().getSimpleName() + ")",
                    null);
        }
        try {
            if (request.body() != null) {
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(request.body());
                }
            }
            int status = connection.getResponseCode();
            if (status < 100) {
                throw new IOException("not an HTTP response");
            }
            Map<String, List<String>> responseHeaders = headers(connection);
            byte[] body = body(request, connection, status);
            return new Response(status, responseHeaders, body, request.uri());
        } catch (HttpFailure failure) {
            connection.disconnect();
            throw failure;
        } catch (SocketTimeoutException e) {
            connection.disconnect();
            throw timedOut(request);
        } catch (IOException | RuntimeException e) {
            connection.disconnect();
            throw new HttpFailure(
                    HttpFailure.Kind.BROKEN,
                    request + ": connection failed (" + e.getClass().getSimpleName() + ")",
                    null);
        }
    }

    /** The whole body, read to its end and closed, so the connection goes back for the next request. */
    private byte[] body(Request request, HttpURLConnection connection, int status) throws IOException {
        if (request.method().equals("HEAD") || status == 204 || status == 304) {
            return new byte[0]; // no body, whatever Content-Length says; the JDK has already released the connection
        }
        long declared = connection.getContentLengthLong();
        if (declared > limits.maxBodyBytes()) {
            throw tooLarge(request);
        }
        InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (stream == null) {
            return new byte[0];
        }
        try (stream) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
            byte[] chunk = new byte[8192];
            for (int n; (n = stream.read(chunk)) >= 0; ) {
                if (buffer.size() + n > limits.maxBodyBytes()) {
                    throw tooLarge(request);
                }
                buffer.write(chunk, 0, n);
            }
            return buffer.toByteArray();
        }
    }

    /** Response headers in the order received (the JDK's map reverses repeated ones), names in lower case. */
    private static Map<String, List<String>> headers(HttpURLConnection connection) {
        Map<String, List<String>> out = new TreeMap<>();
        for (int i = 1; ; i++) {
            String name = connection.getHeaderFieldKey(i);
            String value = connection.getHeaderField(i);
            if (name == null && value == null) {
                return out;
            }
            if (name != null) {
                out.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(value);
            }
        }
    }

    private static URL url(Request request) throws HttpFailure {
        String scheme = request.uri().getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new HttpFailure(HttpFailure.Kind.INVALID, request + ": only http and https URLs are requested", null);
        }
        try {
            return request.uri().toURL();
        } catch (IOException | IllegalArgumentException e) {
            throw new HttpFailure(HttpFailure.Kind.INVALID, request + ": not a URL that can be requested", null);
        }
    }

    /** {@code limit}, or less when the deadline is nearer; never 0, which would mean "wait forever". */
    private static int millisLeft(long limitNanos, long deadline) {
        long left = Math.min(limitNanos, deadline - System.nanoTime());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left)));
    }

    private HttpFailure timedOut(Request request) {
        return new HttpFailure(
                HttpFailure.Kind.TIMEOUT,
                request + " timed out after " + limits.readTimeout().toSeconds() + " s",
                null);
    }

    private HttpFailure tooLarge(Request request) {
        return new HttpFailure(
                HttpFailure.Kind.TOO_LARGE,
                request + ": response body exceeds " + limits.maxBodyBytes() + " bytes",
                null);
    }

    /** The caller's headers checked before anything is sent; a bad one is named, its value (maybe a token) never shown. */
    static final class SendableHeaders {
        private SendableHeaders() {}

        static List<Map.Entry<String, String>> of(Request request) throws HttpFailure {
            List<Map.Entry<String, String>> out = new ArrayList<>();
            for (Map.Entry<String, String> header : request.headers().entrySet()) {
                String name = header.getKey();
                if (!isToken(name)) {
                    throw new HttpFailure(
                            HttpFailure.Kind.INVALID, request + ": a header name is not valid in HTTP; not sent", null);
                }
                if (!isFieldValue(header.getValue())) {
                    throw new HttpFailure(
                            HttpFailure.Kind.INVALID,
                            request + ": header " + name
                                    + " holds a character that cannot go in an HTTP header (value not shown); not sent",
                            null);
                }
                if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                    out.add(Map.entry(name, header.getValue()));
                }
            }
            return out;
        }

        /** RFC 9110 token: visible ASCII except delimiters. */
        private static boolean isToken(String name) {
            if (name == null || name.isEmpty()) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c <= ' ' || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                    return false;
                }
            }
            return true;
        }

        /** Visible ASCII, space and tab, not starting or ending in white space: what we ever mean to send. */
        private static boolean isFieldValue(String value) {
            if (value == null) {
                return false;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < ' ' && c != '\t') || c >= 0x7f) {
                    return false;
                }
            }
            return value.isEmpty() || (value.charAt(0) > ' ' && value.charAt(value.length() - 1) > ' ');
        }
    }
}
