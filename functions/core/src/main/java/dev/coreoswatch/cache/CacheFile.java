package dev.coreoswatch.cache;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coreoswatch.ledger.AtomicFile;
import dev.coreoswatch.model.Printable;
import dev.coreoswatch.registry.RegistryCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CLI's {@link WatchCache} on disk: {@code cache.json} in the state directory, loaded before
 * a check and replaced atomically after it. Unlike the ledger, a cache may be lost: a missing,
 * unreadable or damaged file only costs the requests it would have saved, so it is ignored with
 * a warning, never an error. It holds response bodies and validators, never a request header,
 * token or password.
 */
public final class CacheFile {
    private static final Logger LOG = LoggerFactory.getLogger(CacheFile.class);
    public static final String FILE_NAME = "cache.json";
    static final int VERSION = 1;
    /** Base64 of the largest entry the caches keep, with room to spare. */
    private static final int MAX_STRING = 8 * 1024 * 1024;

    private static final long MAX_FILE_BYTES = 96L * 1024 * 1024;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        MAPPER.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(16)
                        .maxStringLength(MAX_STRING)
                        .build());
    }

    private CacheFile() {}

    /** The saved cache, or an empty one when there is none or it cannot be read. */
    public static WatchCache load(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                LOG.warn("cache {} is larger than {} MB; ignored", file, MAX_FILE_BYTES >> 20);
                return new WatchCache();
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException absent) {
            return new WatchCache();
        } catch (IOException e) {
            LOG.warn(
                    "cache {} cannot be read ({}); starting without it",
                    file,
                    e.getClass().getSimpleName());
            return new WatchCache();
        }
        try {
            return read(bytes);
        } catch (CorruptCacheException | IOException e) {
            String why = e.getMessage() == null
                    ? e.getClass().getSimpleName()
                    : e.getMessage().lines().findFirst().orElse("");
            LOG.warn("cache {} is damaged ({}); starting without it", file, Printable.excerpt(why, 120));
            return new WatchCache();
        }
    }

    /** Replaces {@code file} atomically; its directory must exist. */
    public static void save(WatchCache cache, Path file) throws IOException {
        new AtomicFile(file).write(write(cache));
    }

    static byte[] write(WatchCache cache) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", VERSION);
        ArrayNode responses = root.putArray("responses");
        for (ResponseCache.Entry e : cache.responses().entries()) {
            ObjectNode node = responses.addObject();
            node.put("uri", e.key().uri()).put("accept", e.key().accept());
            e.etag().ifPresent(v -> node.put("etag", v));
            e.lastModified().ifPresent(v -> node.put("lastModified", v));
            e.contentType().ifPresent(v -> node.put("contentType", v));
            ArrayNode links = node.putArray("links");
            e.links().forEach(links::add);
            node.put("body", Base64.getEncoder().encodeToString(e.body()));
        }
        ObjectNode registry = root.putObject("registry");
        ArrayNode tags = registry.putArray("tags");
        for (RegistryCache.TagEntry t : cache.registry().tags()) {
            tags.addObject()
                    .put("repository", t.repository())
                    .put("tag", t.tag())
                    .put("digest", t.digest());
        }
        ArrayNode content = registry.putArray("content");
        for (RegistryCache.ContentEntry c : cache.registry().contents()) {
            ObjectNode node =
                    content.addObject().put("repository", c.repository()).put("digest", c.digest());
            if (c.mediaType() != null) {
                node.put("mediaType", c.mediaType());
            }
            node.put("body", Base64.getEncoder().encodeToString(c.body()));
        }
        return MAPPER.writeValueAsBytes(root);
    }

    static WatchCache read(byte[] bytes) throws IOException {
        JsonNode root = MAPPER.readTree(bytes);
        if (root == null || !root.isObject()) {
            throw new CorruptCacheException("not a JSON object");
        }
        if (!root.path("version").isInt() || root.get("version").intValue() != VERSION) {
            throw new CorruptCacheException("version is not " + VERSION);
        }
        ResponseCache responses = new ResponseCache();
        for (JsonNode node : array(root, "responses")) {
            List<String> links = new ArrayList<>();
            for (JsonNode link : array(node, "links")) {
                links.add(text(link));
            }
            responses.put(new ResponseCache.Entry(
                    new ResponseCache.Key(required(node, "uri"), required(node, "accept")),
                    optional(node, "etag"),
                    optional(node, "lastModified"),
                    optional(node, "contentType"),
                    links,
                    base64(node)));
        }
        JsonNode registryNode = root.path("registry");
        List<RegistryCache.TagEntry> tags = new ArrayList<>();
        for (JsonNode node : array(registryNode, "tags")) {
            tags.add(new RegistryCache.TagEntry(
                    required(node, "repository"), required(node, "tag"), required(node, "digest")));
        }
        List<RegistryCache.ContentEntry> content = new ArrayList<>();
        for (JsonNode node : array(registryNode, "content")) {
            content.add(new RegistryCache.ContentEntry(
                    required(node, "repository"),
                    required(node, "digest"),
                    optional(node, "mediaType").orElse(null),
                    base64(node)));
        }
        RegistryCache registry = new RegistryCache();
        registry.restore(tags, content);
        return new WatchCache(responses, registry);
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode array = node.get(field);
        if (array == null || !array.isArray()) {
            throw new CorruptCacheException(field + " is not an array");
        }
        return array;
    }

    private static String required(JsonNode node, String field) {
        return text(node.get(field));
    }

    private static String text(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw new CorruptCacheException("an entry has a field that is missing or not a string");
        }
        return node.textValue();
    }

    private static Optional<String> optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(text(value));
    }

    private static byte[] base64(JsonNode node) {
        try {
            return Base64.getDecoder().decode(required(node, "body"));
        } catch (IllegalArgumentException e) {
            throw new CorruptCacheException("an entry's body is not base64");
        }
    }

    /** The file is not a cache this version wrote. */
    static final class CorruptCacheException extends RuntimeException {
        CorruptCacheException(String message) {
            super(message);
        }
    }
}
