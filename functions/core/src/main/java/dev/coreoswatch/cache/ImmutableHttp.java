package dev.coreoswatch.cache;

import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.HttpFailure;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GETs of documents that never change once published: the commitmeta.json of a finished FCOS
 * build, OpenZFS {@code META} at a release tag. A stored 200 is answered without a request;
 * anything else (404, errors) is never stored, so absence and faults are asked again next time.
 * Only readers whose URLs name a fixed version get this view.
 */
public final class ImmutableHttp implements Http {
    private static final Logger LOG = LoggerFactory.getLogger(ImmutableHttp.class);

    private final Http delegate;
    private final ResponseCache cache;

    public ImmutableHttp(Http delegate, ResponseCache cache) {
        this.delegate = delegate;
        this.cache = cache;
    }

    @Override
    public Response send(Request request) throws HttpFailure {
        if (!request.method().equals("GET")) {
            return delegate.send(request);
        }
        ResponseCache.Key key = ResponseCache.Key.of(request);
        Optional<ResponseCache.Entry> stored = cache.get(key);
        if (stored.isPresent()) {
            LOG.debug("{}: immutable, answered from the cache", request);
            return stored.get().toResponse(request.uri());
        }
        Response response = delegate.send(request);
        if (response.status() == 200) {
            cache.put(ResponseCache.Entry.of(key, response));
        }
        return response;
    }
}
