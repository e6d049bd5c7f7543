package dev.coreoswatch.ledger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Runs in a second JVM started by {@link FileLedgerTest}, because a file lock only excludes
 * other processes. {@code hold <dir>}: take the ledger lock, say LOCKED, keep it until stdin
 * closes. {@code claim <dir> <key> <correlationId>}: claim once and print WON or LOST.
 */
public final class OtherProcess {
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[1]).toRealPath();
        switch (args[0]) {
            case "hold" ->
                new LockedFile(dir.resolve(FileLedger.LOCK_NAME), Duration.ofSeconds(30)).call(() -> {
                    System.out.println("LOCKED");
                    System.out.flush();
                    System.in.readAllBytes();
                    return null;
                });
            case "claim" -> {
                ClaimResult result = new FileLedger(dir)
                        .claim(
                                LedgerKey.parse(args[2]),
                                new ClaimDetails("from another process", args[3]),
                                Instant.parse(args[4]),
                                Duration.ofHours(3));
                System.out.println(result.won() ? "WON" : "LOST");
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
