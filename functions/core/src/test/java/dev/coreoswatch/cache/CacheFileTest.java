package dev.coreoswatch.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.registry.RegistryCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CLI's cache file: round trip, a damaged file is dropped with a warning, nothing secret in it. */
class CacheFileTest {
    private static final String REPOSITORY = "ghcr.io/acme/custom-coreos";
    private static final byte[] CONFIG =
            "{\"architecture\":\"arm64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"custom-coreos.zfs-version\":\"2.5.2\"}}}"
                    .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    static String sha256(byte[] bytes) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static WatchCache filled() {
        ResponseCache responses = new ResponseCache();
        responses.put(new ResponseCache.Entry(
                new ResponseCache.Key(
                        "https://api.github.com/repos/openzfs/zfs/releases?per_page=100",
                        "application/vnd.github+json"),
                Optional.of("W/\"9f1c\""),
                Optional.empty(),
                Optional.of("application/json"),
                List.of("<https://api.github.com/repositories/26305177/releases?page=2>; rel=\"next\""),
                "[{\"tag_name\":\"zfs-2.5.2\"}]".getBytes(StandardCharsets.UTF_8)));
        responses.put(new ResponseCache.Entry(
                new ResponseCache.Key("https://builds.coreos.fedoraproject.org/streams/next.json", "application/json"),
                Optional.of("\"e2\""),
                Optional.of("Thu, 20 Aug 2026 08:00:00 GMT"),
                Optional.empty(),
                List.of(),
                new byte[] {0, (byte) 0xff, 42}));
        RegistryCache registry = new RegistryCache();
        registry.restore(
                List.of(new RegistryCache.TagEntry(REPOSITORY, "next", sha256(CONFIG))),
                List.of(new RegistryCache.ContentEntry(REPOSITORY, sha256(CONFIG), null, CONFIG)));
        return new WatchCache(responses, registry);
    }

    @Test
    void whatIsSavedIsLoadedAgain() throws IOException {
        Path file = dir.resolve(CacheFile.FILE_NAME);
        WatchCache saved = filled();

        CacheFile.save(saved, file);
        WatchCache loaded = CacheFile.load(file);

        List<ResponseCache.Entry> before = saved.responses().entries();
        List<ResponseCache.Entry> after = loaded.responses().entries();
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i).key(), after.get(i).key());
            assertEquals(before.get(i).etag(), after.get(i).etag());
            assertEquals(before.get(i).lastModified(), after.get(i).lastModified());
            assertEquals(before.get(i).contentType(), after.get(i).contentType());
            assertEquals(before.get(i).links(), after.get(i).links());
            assertArrayEquals(before.get(i).body(), after.get(i).body());
        }
        assertEquals(saved.registry().tags(), loaded.registry().tags());
        assertArrayEquals(CONFIG, loaded.registry().contents().get(0).body());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aMissingFileIsAnEmptyCacheAndCreatesNothing() {
        Path file = dir.resolve("never-made").resolve(CacheFile.FILE_NAME);

        WatchCache cache = CacheFile.load(file);

        assertEquals(0, cache.responses().size());
        assertTrue(cache.registry().tags().isEmpty());
        assertFalse(Files.exists(file.getParent()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "not json at all",
                "[]",
                "{\"version\":2,\"responses\":[],\"registry\":{\"tags\":[],\"content\":[]}}",
                "{\"version\":1,\"responses\":{},\"registry\":{\"tags\":[],\"content\":[]}}",
                "{\"version\":1,\"responses\":[{\"uri\":\"https://x/y\",\"accept\":\"a\",\"links\":[],\"body\":\"%%%\"}],\"registry\":{\"tags\":[],\"content\":[]}}",
                "{\"version\":1,\"responses\":[{\"uri\":7,\"accept\":\"a\",\"links\":[],\"body\":\"\"}],\"registry\":{\"tags\":[],\"content\":[]}}",
                "{\"version\":1,\"responses\":[],\"registry\":{}}",
                "{\"version\":1,\"responses\":[],\"version\":1}"
            })
    void aDamagedFileIsIgnored(String text) throws IOException {
        Path file = dir.resolve(CacheFile.FILE_NAME);
        Files.writeString(file, text);

        WatchCache cache = CacheFile.load(file);

        assertEquals(0, cache.responses().size());
        assertTrue(cache.registry().contents().isEmpty());
    }

    @Test
    void aTruncatedFileIsIgnored() throws IOException {
        Path file = dir.resolve(CacheFile.FILE_NAME);
        CacheFile.save(filled(), file);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));

        assertEquals(0, CacheFile.load(file).responses().size());
    }

    @Test
    void registryContentThatDoesNotMatchItsDigestIsDroppedOnLoad() throws IOException {
        Path file = dir.resolve(CacheFile.FILE_NAME);
        CacheFile.save(filled(), file);
        String text = Files.readString(file);
        String original = Base64.getEncoder().encodeToString(CONFIG);
        String tampered = Base64.getEncoder()
                .encodeToString(new String(CONFIG, StandardCharsets.UTF_8)
                        .replace("2.5.2", "9.9.9")
                        .getBytes(StandardCharsets.UTF_8));
        assertTrue(text.contains(original));
        Files.writeString(file, text.replace(original, tampered));

        WatchCache loaded = CacheFile.load(file);

        assertTrue(loaded.registry().contents().isEmpty(), "a label nobody served must not be trusted");
        assertEquals(2, loaded.responses().size(), "the rest of the file is still good");
    }
}
