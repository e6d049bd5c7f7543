package dev.coreoswatch.testing;

import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.HttpFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Records every request that reaches the network: wrap the UrlConnectionHttp in it, below RetryingHttp, so
 * retries count and nothing a cache answered does. Thread-safe (checks run streams side by side).
 * Keeps which conditional headers a request carried, never any header value.
 */
public final class CountingHttp implements Http {
    /** One request as sent and what came back (status 0: no answer). */
    public record Sent(String method, String uri, boolean conditional, int status) {
        public boolean is(String method, String pathFragment) {
            return this.method.equals(method) && uri.contains(pathFragment);
        }
    }

    private final Http delegate;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    public CountingHttp(Http delegate) {
        this.delegate = delegate;
    }

    @Override
    public Response send(Request request) throws HttpFailure {
        boolean conditional = request.headers().keySet().stream()
                .anyMatch(h -> h.equalsIgnoreCase("If-None-Match") || h.equalsIgnoreCase("If-Modified-Since"));
        try {
            Response response = delegate.send(request);
            sent.add(new Sent(request.method(), request.uri().toString(), conditional, response.status()));
            return response;
        } catch (HttpFailure failure) {
            sent.add(new Sent(request.method(), request.uri().toString(), conditional, 0));
            throw failure;
        }
    }

    /** Everything sent so far, and forget it. */
    public List<Sent> drain() {
        List<Sent> out = new ArrayList<>(sent);
        sent.clear();
        return out;
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public static long count(List<Sent> requests, Predicate<Sent> which) {
        return requests.stream().filter(which).count();
    }

    /** A readable list for assertion messages. */
    public static String describe(List<Sent> requests) {
        StringBuilder out = new StringBuilder();
        requests.forEach(r -> out.append('\n')
                .append(r.method())
                .append(' ')
                .append(r.uri())
                .append(r.conditional() ? " (conditional)" : "")
                .append(" -> ")
                .append(r.status()));
        return out.toString();
    }
}
