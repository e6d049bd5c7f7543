package dev.coreoswatch.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one door to the network. Implementations never follow redirects (callers decide whether
 * credentials may travel) and never put header values into messages or logs.
 */
public interface Http {

    Response send(Request request) throws HttpFailure;

    /** An outbound request; header names are kept as given, values may hold credentials. */
    record Request(String method, URI uri, Map<String, String> headers, byte[] body) {
        public Request {
            headers = Map.copyOf(headers);
        }

        public static Request get(URI uri) {
            return new Request("GET", uri, Map.of(), null);
        }

        public static Request head(URI uri) {
            return new Request("HEAD", uri, Map.of(), null);
        }

        public static Request post(URI uri, byte[] body) {
            return new Request("POST", uri, Map.of(), body);
        }

        public Request header(String name, String value) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.put(name, value);
            return new Request(method, uri, copy, body);
        }

        public Request withoutHeader(String name) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.keySet().removeIf(k -> k.equalsIgnoreCase(name));
            return new Request(method, uri, copy, body);
        }

        public Request to(URI target) {
            return new Request(method, target, headers, body);
        }

        public boolean idempotent() {
            return method.equals("GET") || method.equals("HEAD");
        }

        @Override
        public String toString() {
            return method + " " + uri; // never the headers: they may carry credentials
        }
    }

    /** A response; header names are lower case. */
    record Response(int status, Map<String, List<String>> headers, byte[] body, URI uri) {
        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        public List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        public String text() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public boolean redirect() {
            return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
        }
    }

    /**
     * Timeouts and sizes every request gets, whatever the caller: connecting may take {@code connectTimeout},
     * each read (the first byte of the answer included) {@code readTimeout}, the whole exchange both together;
     * a body beyond {@code maxBodyBytes} is refused.
     */
    record Limits(Duration connectTimeout, Duration readTimeout, int maxBodyBytes) {
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(5), Duration.ofSeconds(20), 8 * 1024 * 1024);
    }
}
