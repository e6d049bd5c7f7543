package dev.coreoswatch.cache;

import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.HttpFailure;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Upstream documents read once per check, whatever the number of targets (CONTRACT section 2b):
 * the first GET of a document under one of {@code prefixes} goes out, a 200 is kept for the rest
 * of this check and every other target's read of it is answered from here. Failures are not
 * kept, so each target that needs the document asks again and reports its own error. A new
 * instance per check: nothing here outlives it, the revalidating cache beneath stays the judge
 * of freshness between checks.
 */
public final class OncePerCheck {
    private final List<String> prefixes;
    private final Map<ResponseCache.Key, Slot> slots = new ConcurrentHashMap<>();

    public OncePerCheck(List<URI> prefixes) {
        this.prefixes = prefixes.stream()
                .map(URI::toString)
                .map(p -> p.endsWith("/") ? p : p + "/")
                .toList();
    }

    /** {@code delegate} seen through this check's memory. */
    public Http over(Http delegate) {
        return request -> {
            if (!request.method().equals("GET")
                    || prefixes.stream().noneMatch(p -> request.uri().toString().startsWith(p))) {
                return delegate.send(request);
            }
            return slots.computeIfAbsent(ResponseCache.Key.of(request), k -> new Slot())
                    .get(request, delegate);
        };
    }

    /** One document: concurrent readers wait for the first instead of asking too. */
    private static final class Slot {
        private final ReentrantLock lock = new ReentrantLock(); // not synchronized: virtual threads wait here on I/O
        private Http.Response kept;

        Http.Response get(Http.Request request, Http delegate) throws HttpFailure {
            lock.lock();
            try {
                if (kept != null) {
                    return new Http.Response(kept.status(), kept.headers(), kept.body(), request.uri());
                }
                Http.Response response = delegate.send(request);
                if (response.status() == 200) {
                    kept = response;
                }
                return response;
            } finally {
                lock.unlock();
            }
        }
    }
}
