package dev.coreoswatch.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileLedgerTest extends LedgerContractTest {
    @TempDir
    Path stateDir;

    private FileLedger ledger;

    @BeforeEach
    void open() {
        ledger = new FileLedger(stateDir);
    }

    @Override
    Ledger ledger() {
        return ledger;
    }

    @Override
    Ledger anotherInstance() {
        return new FileLedger(stateDir);
    }

    @Test
    void createsTheStateDirectoryAndWritesReadableJson() throws IOException {
        Path nested = stateDir.resolve("a/b/coreos-watch");
        FileLedger fresh = new FileLedger(nested);

        fresh.claim(KEY, new ClaimDetails("missing", "corr-9"), T0, WINDOW);

        String json = Files.readString(nested.resolve(FileLedger.FILE_NAME));
        assertTrue(json.contains("\"key\" : \"" + KEY + "\""), json);
        assertTrue(json.contains("\"expiresAt\" : \"2026-11-27T04:00:00Z\""), json);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "{\"schemaVersion\":1,\"entries\":[",
                "not json at all",
                "[]",
                "{\"entries\":[]}",
                "{\"schemaVersion\":2,\"entries\":[]}",
                "{\"schemaVersion\":1,\"entries\":{}}",
                "{\"schemaVersion\":1,\"entries\":[{\"key\":\"a|stable|1|2\"}]}",
                "{\"schemaVersion\":1,\"entries\":[{\"key\":\"no-separators\",\"status\":\"CLAIMED\",\"claimedAt\":\"2026-11-27T01:00:00Z\","
                        + "\"updatedAt\":\"2026-11-27T01:00:00Z\",\"expiresAt\":\"2026-11-27T04:00:00Z\",\"reason\":\"r\"}]}",
                "{\"schemaVersion\":1,\"entries\":[{\"key\":\"a|stable|1|2\",\"status\":\"DONE\",\"claimedAt\":\"2026-11-27T01:00:00Z\","
                        + "\"updatedAt\":\"2026-11-27T01:00:00Z\",\"expiresAt\":\"2026-11-27T04:00:00Z\",\"reason\":\"r\"}]}",
                "{\"schemaVersion\":1,\"entries\":[{\"key\":\"a|stable|1|2\",\"status\":\"CLAIMED\",\"claimedAt\":\"yesterday\","
                        + "\"updatedAt\":\"2026-11-27T01:00:00Z\",\"expiresAt\":\"2026-11-27T04:00:00Z\",\"reason\":\"r\"}]}",
                "{\"schemaVersion\":1,\"entries\":[{\"key\":\"a|stable|1|2\",\"status\":\"CLAIMED\",\"claimedAt\":\"2026-11-27T01:00:00Z\","
                        + "\"updatedAt\":\"2026-11-27T01:00:00Z\",\"expiresAt\":\"2026-11-27T04:00:00Z\",\"reason\":\"r\",\"runId\":\"12\"}]}",
            })
    void aCorruptLedgerIsAnErrorAndIsLeftAlone(String content) throws IOException {
        Path file = stateDir.resolve(FileLedger.FILE_NAME);
        Files.writeString(file, content);

        LedgerException claim =
                assertThrows(LedgerException.class, () -> ledger.claim(KEY, ClaimDetails.of("x"), T0, WINDOW));
        assertTrue(claim.getMessage().contains("corrupt"), claim.getMessage());
        assertTrue(claim.getMessage().contains(file.toRealPath().toString()), claim.getMessage());
        assertThrows(LedgerException.class, () -> ledger.find(KEY));
        assertThrows(LedgerException.class, ledger::list);
        assertThrows(LedgerException.class, () -> ledger.release(KEY));
        assertEquals(content, Files.readString(file), "a corrupt ledger must not be overwritten");
    }

    @Test
    void aKeyStoredTwiceIsCorrupt() throws IOException {
        ledger.claim(KEY, ClaimDetails.of("x"), T0, WINDOW);
        Path file = stateDir.resolve(FileLedger.FILE_NAME);
        String json = Files.readString(file);
        int start = json.indexOf('{', json.indexOf('['));
        int end = json.lastIndexOf('}', json.lastIndexOf(']')) + 1;
        String entry = json.substring(start, end);
        Files.writeString(file, json.substring(0, end) + "," + entry + json.substring(end));

        LedgerException e = assertThrows(LedgerException.class, () -> ledger.find(KEY));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }

    @Test
    void aFailedWriteLeavesTheOldLedgerWholeAndNoTemporaryFile() throws IOException {
        ledger.claim(KEY, ClaimDetails.of("first"), T0, WINDOW);
        Path file = stateDir.resolve(FileLedger.FILE_NAME);
        byte[] before = Files.readAllBytes(file);
        List<Path> seen = new ArrayList<>();
        FileLedger failing = new FileLedger(stateDir, Duration.ofSeconds(5), temporary -> {
            seen.add(temporary);
            // The new content is complete on disk at this point, but the old file is still in place.
            assertTrue(Files.size(temporary) > before.length);
            assertArrayEquals(before, Files.readAllBytes(file));
            throw new IOException("disk full (simulated)");
        });
        LedgerKey other = LedgerKey.of("ghcr.io/owner/custom-coreos", "testing", "43.20251117.2.0", "2.3.5");

        LedgerException e =
                assertThrows(LedgerException.class, () -> failing.claim(other, ClaimDetails.of("second"), T0, WINDOW));

        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        assertEquals(1, seen.size());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(FileLedger.FILE_NAME, FileLedger.LOCK_NAME), filesIn(stateDir));
        assertTrue(ledger.find(other).isEmpty());
        assertTrue(
                ledger.claim(other, ClaimDetails.of("second"), T0, WINDOW).won(), "the ledger still works afterwards");
    }

    @Test
    void successfulWritesLeaveOnlyTheLedgerAndItsLock() throws IOException {
        ledger.claim(KEY, ClaimDetails.of("first"), T0, WINDOW);
        ledger.recordDispatched(KEY, 5L, "https://github.com/o/r/actions/runs/5", T0);
        ledger.markUncertain(KEY, "why not", T0);
        ledger.release(KEY);

        assertEquals(List.of(FileLedger.FILE_NAME, FileLedger.LOCK_NAME), filesIn(stateDir));
    }

    @Test
    void entriesLongPastTheirExpiryAreDroppedWhenTheNextClaimIsWritten() {
        LedgerKey old = LedgerKey.of("ghcr.io/owner/custom-coreos", "stable", "42.20250901.3.0", "2.3.4");
        ledger.claim(old, ClaimDetails.of("old"), T0, WINDOW);
        ledger.claim(KEY, ClaimDetails.of("newer"), T0.plus(Ledger.TRAIL), WINDOW);
        assertEquals(2, ledger.list().size(), "inside the trail the expired entry stays readable");

        LedgerKey latest = LedgerKey.of("ghcr.io/owner/custom-coreos", "stable", "43.20251124.3.0", "2.3.6");
        ledger.claim(
                latest,
                ClaimDetails.of("latest"),
                T0.plus(WINDOW).plus(Ledger.TRAIL).plusSeconds(1),
                WINDOW);

        assertEquals(
                List.of(KEY, latest),
                ledger.list().stream().map(LedgerEntry::key).toList());
    }

    @Test
    void aLockHeldByAnotherProcessKeepsThisOneOut() throws Exception {
        Process holder = otherJvm("hold", stateDir.toString());
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("LOCKED", out.readLine(), "the other process should report that it holds the lock");
            FileLedger impatient = new FileLedger(stateDir, Duration.ofMillis(200), t -> {});

            LedgerException e =
                    assertThrows(LedgerException.class, () -> impatient.claim(KEY, ClaimDetails.of("x"), T0, WINDOW));
            assertTrue(e.getMessage().contains("another process"), e.getMessage());

            holder.getOutputStream().close(); // lets the holder release the lock and exit
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, holder.exitValue());
            assertTrue(impatient.claim(KEY, ClaimDetails.of("x"), T0, WINDOW).won());
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void concurrentClaimsFromSeveralProcessesHaveOneWinner() throws Exception {
        List<Process> processes = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                processes.add(otherJvm("claim", stateDir.toString(), KEY.toString(), "proc-" + i, T0.toString()));
            }
            List<String> answers = new ArrayList<>();
            for (Process p : processes) {
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                assertTrue(p.waitFor(60, TimeUnit.SECONDS));
                assertEquals(0, p.exitValue(), output);
                answers.add(output);
            }
            assertEquals(1, answers.stream().filter("WON"::equals).count(), answers.toString());
            assertEquals(3, answers.stream().filter("LOST"::equals).count(), answers.toString());
            assertTrue(ledger.find(KEY).orElseThrow().correlationId().startsWith("proc-"));
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
    }

    private static Process otherJvm(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                OtherProcess.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
