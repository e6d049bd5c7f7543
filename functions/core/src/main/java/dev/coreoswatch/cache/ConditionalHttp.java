package dev.coreoswatch.cache;

import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.HttpFailure;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revalidating GETs for documents that change in place (FCOS stream metadata, the OpenZFS
 * release list): a stored response goes out as {@code If-None-Match} / {@code If-Modified-Since},
 * and the server's 304 comes back to the reader as the stored 200. Nothing is served without
 * asking, so the answer is as fresh as without the cache, and GitHub does not count a 304
 * against the rate limit. The server judges every request with the credentials it carries now.
 */
public final class ConditionalHttp implements Http {
    private static final Logger LOG = LoggerFactory.getLogger(ConditionalHttp.class);

    private final Http delegate;
    private final ResponseCache cache;

    public ConditionalHttp(Http delegate, ResponseCache cache) {
        this.delegate = delegate;
        this.cache = cache;
    }

    @Override
    public Response send(Request request) throws HttpFailure {
        if (!request.method().equals("GET") || carriesValidator(request)) {
            return delegate.send(request);
        }
        ResponseCache.Key key = ResponseCache.Key.of(request);
        Optional<ResponseCache.Entry> stored = cache.get(key);
        Request sent = request;
        if (stored.isPresent()) {
            ResponseCache.Entry entry = stored.get();
            sent = entry.etag().map(etag -> request.header("If-None-Match", etag)).orElse(sent);
            sent = entry.lastModified().isPresent() ? sent.header("If-Modified-Since", entry.lastModified().get()) : sent;
        }
        Response response = delegate.send(sent);
        if (response.status() == 304 && stored.isPresent()) {
            ResponseCache.Entry revalidated = stored.get().withValidators(response);
            cache.put(revalidated);
            LOG.debug("{}: not modified, stored body reused", request);
            return revalidated.toResponse(request.uri());
        }
        if (response.status() == 200) {
            ResponseCache.Entry entry = ResponseCache.Entry.of(key, response);
            if (entry.hasValidator()) {
                cache.put(entry);
            } else {
                cache.remove(key); // nothing to revalidate with: a stored copy could only go stale
            }
        } else if (response.status() == 404 || response.status() == 410) {
            cache.remove(key);
        }
        return response;
    }

    /** A caller that asks conditionally itself wants the server's own 304, not ours. */
    private static boolean carriesValidator(Request request) {
        return request.headers().keySet().stream()
                .anyMatch(h -> h.equalsIgnoreCase("If-None-Match") || h.equalsIgnoreCase("If-Modified-Since"));
    }
}
