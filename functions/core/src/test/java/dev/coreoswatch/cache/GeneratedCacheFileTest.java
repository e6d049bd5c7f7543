package dev.coreoswatch.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.testing.Gen;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated {@code cache.json} files: loading never fails (a damaged cache is ignored), never
 * touches the file, and whatever it keeps has validators that can go back out in a header.
 */
class GeneratedCacheFileTest {
    @TempDir
    Path dir;

    @Test
    void anyCacheDocumentIsReadOrDeclaredDamaged() throws IOException {
        String sample = new String(CacheFile.write(CacheFileTest.filled()), StandardCharsets.UTF_8);
        Gen.forAll("cache document", gen -> gen.nearlyJson(sample).getBytes(StandardCharsets.UTF_8), bytes -> {
            WatchCache read;
            try {
                read = CacheFile.read(bytes);
            } catch (CacheFile.CorruptCacheException | IOException declared) {
                return;
            }
            for (ResponseCache.Entry entry : read.responses().entries()) {
                entry.etag().ifPresent(v -> assertTrue(ResponseCache.usableValidator(v), Gen.show(v)));
                entry.lastModified().ifPresent(v -> assertTrue(ResponseCache.usableValidator(v), Gen.show(v)));
            }
        });
    }

    @Test
    void anyCacheFileLoadsOrIsIgnoredAndStaysByteIdentical() throws IOException {
        String sample = new String(CacheFile.write(CacheFileTest.filled()), StandardCharsets.UTF_8);
        Path file = dir.resolve(CacheFile.FILE_NAME);
        Gen.forAll(
                "cache file", Gen.FILE_CASES, gen -> gen.nearlyJson(sample).getBytes(StandardCharsets.UTF_8), bytes -> {
                    try {
                        Files.write(file, bytes);
                        WatchCache loaded = CacheFile.load(file);
                        for (ResponseCache.Entry entry : loaded.responses().entries()) {
                            entry.etag().ifPresent(v -> assertTrue(ResponseCache.usableValidator(v), Gen.show(v)));
                            entry.lastModified()
                                    .ifPresent(v -> assertTrue(ResponseCache.usableValidator(v), Gen.show(v)));
                        }
                        assertArrayEquals(bytes, Files.readAllBytes(file));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /** D4: a control character in a cached ETag is dropped on load, not sent (which gave a stack trace). */
    @Test
    void regressionD4AControlCharacterInACachedETagIsDropped() throws IOException {
        String sample = new String(CacheFile.write(CacheFileTest.filled()), StandardCharsets.UTF_8);
        Path file = dir.resolve(CacheFile.FILE_NAME);
        Files.writeString(file, sample.replace("\"\\\"e2\\\"\"", "\"\\\"e\\u0001\\r\\nX: 1\\\"\""));

        ResponseCache.Entry next = CacheFile.load(file).responses().entries().stream()
                .filter(e -> e.key().uri().endsWith("next.json"))
                .findFirst()
                .orElseThrow();

        assertEquals(Optional.empty(), next.etag());
        assertEquals(Optional.of("Thu, 20 Aug 2026 08:00:00 GMT"), next.lastModified());
    }
}
