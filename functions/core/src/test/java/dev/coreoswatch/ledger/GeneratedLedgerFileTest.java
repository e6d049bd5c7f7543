package dev.coreoswatch.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.json.JsonFormatException;
import dev.coreoswatch.model.Printable;
import dev.coreoswatch.testing.Gen;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated ledger files: the loader gives entries or "ledger corrupt", never another exception,
 * and a file it refuses stays byte for byte as it was (nobody's ledger is "repaired" to empty).
 */
class GeneratedLedgerFileTest {
    private static final Instant T0 = Instant.parse("2026-12-06T07:00:00Z");
    private static String sample;

    @BeforeAll
    static void writeASample(@TempDir Path dir) throws IOException {
        FileLedger ledger = new FileLedger(dir);
        LedgerKey first = LedgerKey.of("ghcr.io/acme/custom-coreos", "stable", "44.20260707.3.1", "2.4.10");
        ledger.claim(first, new ClaimDetails("kernel 6.19 is new", "c0ffee"), T0, Duration.ofHours(3));
        ledger.recordDispatched(
                first, 17_000_000_123L, "https://github.com/acme/builds/actions/runs/17000000123", T0.plusSeconds(5));
        LedgerKey second = LedgerKey.of("ghcr.io/acme/custom-coreos", "testing", "45.20261103.2.1", "2.4.10");
        ledger.claim(second, ClaimDetails.of("new release"), T0, Duration.ofHours(3));
        ledger.markUncertain(second, "no answer", T0.plusSeconds(9));
        sample = Files.readString(ledger.file());
    }

    @Test
    void anyLedgerFileGivesEntriesOrTheDeclaredError() {
        Gen.forAll("ledger file", gen -> gen.nearlyJson(sample), text -> {
            try {
                for (LedgerEntry entry : LedgerFileFormat.read(text.getBytes(StandardCharsets.UTF_8))
                        .values()) {
                    entry.inFlightAt(T0); // every time that was read can be compared and printed
                    assertTrue(entry.expiresAt().toString().length() < 30, entry.expiresAt()::toString);
                }
            } catch (JsonFormatException declared) {
                assertTrue(Printable.isClean(declared.getMessage()), () -> Gen.show(declared.getMessage()));
            }
        });
    }

    @Test
    void aRefusedLedgerFileIsLeftByteIdentical(@TempDir Path dir) throws IOException {
        FileLedger ledger = new FileLedger(dir);
        Gen.forAll(
                "ledger file left as it was",
                Gen.FILE_CASES,
                gen -> gen.nearlyJson(sample).getBytes(StandardCharsets.UTF_8),
                bytes -> {
                    try {
                        Files.write(ledger.file(), bytes);
                        try {
                            ledger.list();
                        } catch (LedgerException corrupt) {
                            assertTrue(corrupt.getMessage().contains("corrupt"), corrupt::getMessage);
                        }
                        assertArrayEquals(bytes, Files.readAllBytes(ledger.file()));
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                });
    }

    /** D3: a time Instant can hold but nothing can add a window to is "ledger corrupt", not a DateTimeException. */
    @Test
    void regressionD3AnExpiryInYearOneBillionIsCorruption(@TempDir Path dir) throws IOException {
        FileLedger ledger = new FileLedger(dir);
        String far =
                sample.replaceFirst("\"expiresAt\" ?: ?\"[^\"]*\"", "\"expiresAt\":\"+1000000000-01-01T00:00:00Z\"");
        Files.writeString(ledger.file(), far);
        LedgerException e = assertThrows(LedgerException.class, ledger::list);
        assertTrue(e.getMessage().contains("is corrupt") && e.getMessage().contains("expiresAt"), e.getMessage());
        assertEquals(far, Files.readString(ledger.file()));
    }
}
