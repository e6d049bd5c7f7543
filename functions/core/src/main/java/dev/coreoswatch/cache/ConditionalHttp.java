package dev.coreoswatch.cache;

import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.HttpFailure;
import dev.coreoswatch.model.SecretScrubber;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
            sent = entry.etag()
                    .map(etag -> request.header("If-None-Match", etag))
                    .orElse(sent);
            sent = entry.lastModified().isPresent()
                    ? sent.header("If-Modified-Since", entry.lastModified().get())
                    : sent;
        }
        Response response = delegate.send(sent);
        if (stored.isPresent() && refusedValidator(response.status())) {
            // The server refused our conditional request itself (a validator it cannot take, 400 or 431):
            // the stored entry is what is wrong, so it goes and the request is asked once without it.
            LOG.info(
                    "{}: {} to a conditional request; stored copy dropped, asking again without it",
                    request.uri(),
                    response.status());
            cache.remove(key);
            stored = Optional.empty();
            response = delegate.send(request);
        }
        if (response.status() == 304 && stored.isPresent()) {
            ResponseCache.Entry revalidated = stored.get().withValidators(response);
            cache.put(revalidated);
            LOG.debug("{}: not modified, stored body reused", request);
            return revalidated.toResponse(request.uri());
        }
        if (response.status() == 200) {
            ResponseCache.Entry entry = ResponseCache.Entry.of(key, response);
            if (entry.hasValidator() && !echoesCredential(request, entry)) {
                cache.put(entry);
            } else {
                cache.remove(key); // nothing to revalidate with: a stored copy could only go stale
            }
        } else if (response.status() == 404 || response.status() == 410) {
            cache.remove(key);
        }
        return response;
    }

    /** A 4xx that says nothing about the resource itself: not found, gone, auth and rate limits are the server's answer. */
    private static boolean refusedValidator(int status) {
        return status >= 400
                && status < 500
                && status != 401
                && status != 403
                && status != 404
                && status != 410
                && status != 429;
    }

    /**
     * A body or validator that repeats the credential the request carried (a server echoing our
     * headers) is not kept: the cache is written to disk, and must never hold a token.
     */
    private static boolean echoesCredential(Request request, ResponseCache.Entry entry) {
        Optional<String> credential = request.headers().entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("Authorization"))
                .map(h -> h.getValue().strip())
                .map(v -> v.indexOf(' ') > 0 ? v.substring(v.indexOf(' ') + 1).strip() : v)
                .findFirst();
        if (credential.isEmpty() || credential.get().length() < SecretScrubber.MIN_LENGTH) {
            return false;
        }
        List<String> secret = List.of(credential.get());
        String stored = new String(entry.body(), StandardCharsets.ISO_8859_1) + "\n"
                + entry.etag().orElse("") + "\n" + entry.lastModified().orElse("") + "\n"
                + String.join("\n", entry.links());
        return !SecretScrubber.scrub(stored, secret).equals(stored);
    }

    /** A caller that asks conditionally itself wants the server's own 304, not ours. */
    private static boolean carriesValidator(Request request) {
        return request.headers().keySet().stream()
                .anyMatch(h -> h.equalsIgnoreCase("If-None-Match") || h.equalsIgnoreCase("If-Modified-Since"));
    }
}
