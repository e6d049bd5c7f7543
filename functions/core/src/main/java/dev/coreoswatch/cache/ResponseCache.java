package dev.coreoswatch.cache;

import dev.coreoswatch.http.Http;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Bodies of GET responses by URL and Accept, with the validators (ETag, Last-Modified) that ask
 * the server whether they changed. Only what a reader needs is kept: the body, Content-Type and
 * Link (pagination). No request header is ever stored, so no credential is either. Bounded in
 * entries and bytes; the least recently used entry goes first. Thread-safe.
 */
public final class ResponseCache {
    static final int MAX_ENTRIES = 256;
    /** A check keeps a few MB (release pages are the largest); the bound keeps a 256 MB Lambda safe from a misuse. */
    static final long MAX_BYTES = 16L * 1024 * 1024;
    /** A body larger than this is not worth a place (and a state file): it is simply fetched again. */
    static final int MAX_ENTRY_BYTES = 4 * 1024 * 1024;

    /** The URL as sent and the Accept header: GitHub serves other bodies for other media types. */
    public record Key(String uri, String accept) {
        public static Key of(Http.Request request) {
            String accept = request.headers().entrySet().stream()
                    .filter(h -> h.getKey().equalsIgnoreCase("Accept"))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse("");
            return new Key(request.uri().toString(), accept);
        }
    }

    /** One stored 200. {@code body} is shared, not copied: readers only parse it. */
    public record Entry(
            Key key,
            Optional<String> etag,
            Optional<String> lastModified,
            Optional<String> contentType,
            List<String> links,
            byte[] body) {
        public Entry {
            // A validator goes back out in a request header: one the server sent absurdly long or with a
            // control character (or a damaged cache file holds) is dropped here, on store and on load alike.
            etag = etag.filter(ResponseCache::usableValidator);
            lastModified = lastModified.filter(ResponseCache::usableValidator);
            links = List.copyOf(links);
            body = body == null ? new byte[0] : body;
        }

        static Entry of(Key key, Http.Response response) {
            return new Entry(
                    key,
                    response.header("etag"),
                    response.header("last-modified"),
                    response.header("content-type"),
                    response.headers("link"),
                    response.body());
        }

        boolean hasValidator() {
            return etag.isPresent() || lastModified.isPresent();
        }

        Entry withValidators(Http.Response notModified) {
            // A 304 may name a new validator for the same body (RFC 9110 section 15.4.5).
            return new Entry(
                    key,
                    notModified.header("etag").or(() -> etag),
                    notModified.header("last-modified").or(() -> lastModified),
                    contentType,
                    links,
                    body);
        }

        /** The stored answer as the 200 the reader asked for. */
        Http.Response toResponse(URI uri) {
            Map<String, List<String>> headers = new TreeMap<>();
            contentType.ifPresent(v -> headers.put("content-type", List.of(v)));
            etag.ifPresent(v -> headers.put("etag", List.of(v)));
            lastModified.ifPresent(v -> headers.put("last-modified", List.of(v)));
            if (!links.isEmpty()) {
                headers.put("link", links);
            }
            return new Http.Response(200, headers, body, uri);
        }

        long size() {
            return body.length + key.uri().length() + 256L;
        }
    }

    /** Far beyond any real ETag (GitHub's are about 70 characters) or HTTP date, far below what a server refuses as a header. */
    static final int MAX_VALIDATOR = 512;

    /** Visible ASCII and inner spaces, at most {@link #MAX_VALIDATOR} characters: safe to send back as a header. */
    static boolean usableValidator(String value) {
        if (value.isEmpty()
                || value.length() > MAX_VALIDATOR
                || value.charAt(0) == ' '
                || value.charAt(value.length() - 1) == ' ') {
            return false;
        }
        return value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    public synchronized Optional<Entry> get(Key key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** Stores {@code entry} unless it is too large, evicting the least recently used entries to make room. */
    public synchronized void put(Entry entry) {
        remove(entry.key());
        if (entry.body().length > MAX_ENTRY_BYTES) {
            return;
        }
        entries.put(entry.key(), entry);
        bytes += entry.size();
        var oldest = entries.values().iterator();
        while ((entries.size() > MAX_ENTRIES || bytes > MAX_BYTES) && oldest.hasNext()) {
            bytes -= oldest.next().size();
            oldest.remove();
        }
    }

    public synchronized void remove(Key key) {
        Entry old = entries.remove(key);
        if (old != null) {
            bytes -= old.size();
        }
    }

    /** A copy of every entry, least recently used first (so that putting them back keeps the order). */
    public synchronized List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }

    public synchronized int size() {
        return entries.size();
    }
}
