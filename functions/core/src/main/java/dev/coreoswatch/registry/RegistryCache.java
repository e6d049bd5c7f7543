package dev.coreoswatch.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a registry told us that need not be asked again: manifests and config blobs by digest
 * (content-addressed, so they never change; every one was checked against its digest before it
 * got here and is checked again when restored), and the digest each tag pointed at last time,
 * which a {@code HEAD} confirms before the stored manifest is used. Keyed by registry host and
 * repository, so one repository's reads never answer for another. No token or credential is
 * stored. Bounded, least recently used first out; thread-safe.
 */
public final class RegistryCache {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryCache.class);
    static final int MAX_TAGS = 256;
    static final int MAX_CONTENT = 512;
    static final long MAX_CONTENT_BYTES = 8L * 1024 * 1024;
    /** Manifests and image configs are kilobytes; anything this large is read again rather than kept. */
    static final int MAX_CONTENT_ENTRY_BYTES = 1024 * 1024;

    /** {@code repository} is {@code host/name} as {@link RegistryEndpoint#describe()} spells it. */
    public record TagEntry(String repository, String tag, String digest) {}

    /** A manifest (with the Content-Type it was served with, may be null) or a config blob. */
    public record ContentEntry(String repository, String digest, String mediaType, byte[] body) {
        public ContentEntry {
            body = body == null ? new byte[0] : body;
        }
    }

    private record TagKey(String repository, String tag) {}

    private record ContentKey(String repository, String digest) {}

    private final LinkedHashMap<TagKey, String> tags = new LinkedHashMap<>(16, 0.75f, true);
    private final LinkedHashMap<ContentKey, ContentEntry> content = new LinkedHashMap<>(16, 0.75f, true);
    private long contentBytes;

    synchronized Optional<String> tagDigest(RegistryEndpoint endpoint, String tag) {
        return Optional.ofNullable(tags.get(new TagKey(endpoint.describe(), tag)));
    }

    synchronized void putTag(RegistryEndpoint endpoint, String tag, String digest) {
        putTag(new TagKey(endpoint.describe(), tag), digest);
    }

    private void putTag(TagKey key, String digest) {
        tags.put(key, digest);
        var oldest = tags.keySet().iterator();
        while (tags.size() > MAX_TAGS && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    synchronized void forgetTag(RegistryEndpoint endpoint, String tag) {
        tags.remove(new TagKey(endpoint.describe(), tag));
    }

    synchronized Optional<ContentEntry> content(RegistryEndpoint endpoint, String digest) {
        return Optional.ofNullable(content.get(new ContentKey(endpoint.describe(), digest)));
    }

    /** The caller has verified {@code body} against {@code digest}. */
    synchronized void putContent(RegistryEndpoint endpoint, String digest, String mediaType, byte[] body) {
        put(new ContentEntry(endpoint.describe(), digest, mediaType, body));
    }

    private void put(ContentEntry entry) {
        if (entry.body().length > MAX_CONTENT_ENTRY_BYTES) {
            return;
        }
        ContentKey key = new ContentKey(entry.repository(), entry.digest());
        ContentEntry old = content.put(key, entry);
        contentBytes += entry.body().length - (old == null ? 0 : old.body().length);
        var oldest = content.values().iterator();
        while ((content.size() > MAX_CONTENT || contentBytes > MAX_CONTENT_BYTES) && oldest.hasNext()) {
            contentBytes -= oldest.next().body().length;
            oldest.remove();
        }
    }

    /** Every tag, least recently used first. */
    public synchronized List<TagEntry> tags() {
        List<TagEntry> out = new ArrayList<>();
        tags.forEach((key, digest) -> out.add(new TagEntry(key.repository(), key.tag(), digest)));
        return out;
    }

    /** Every manifest and config, least recently used first. */
    public synchronized List<ContentEntry> contents() {
        return new ArrayList<>(content.values());
    }

    /**
     * Takes entries back from a saved copy. A content entry whose bytes do not hash to its digest,
     * or a tag with a malformed digest, is dropped: a damaged file must not become a label we trust.
     */
    public synchronized void restore(List<TagEntry> savedTags, List<ContentEntry> savedContent) {
        int dropped = 0;
        for (ContentEntry entry : savedContent) {
            if (Digests.isValid(entry.digest()) && Digests.sha256(entry.body()).equals(entry.digest())) {
                put(entry);
            } else {
                dropped++;
            }
        }
        for (TagEntry tag : savedTags) {
            if (Digests.isValid(tag.digest())) {
                putTag(new TagKey(tag.repository(), tag.tag()), tag.digest());
            } else {
                dropped++;
            }
        }
        if (dropped > 0) {
            LOG.warn("registry cache: dropped {} saved entries that do not match their digest", dropped);
        }
    }
}
