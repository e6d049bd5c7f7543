package dev.coreoswatch.cli;

import dev.coreoswatch.ledger.FileLedger;
import dev.coreoswatch.ledger.LedgerEntry;
import dev.coreoswatch.ledger.LedgerException;
import dev.coreoswatch.ledger.LedgerStatus;
import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.model.StreamName;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code release-hold}: forgets the failed attempts of a stream's combinations in the local ledger,
 * so the next {@code check --dispatch} builds them again (the attempts limit starts over). The
 * DynamoDB ledger's equivalent is a {@code delete-item} (docs/builds.md).
 */
@Singleton
@Command(
        name = "release-hold",
        mixinStandardHelpOptions = true,
        description = "Clear the failed build attempts of a stream in the local ledger, so it is dispatched again.")
final class ReleaseHoldCommand implements Callable<Integer> {
    @Option(names = "--stream", required = true, paramLabel = "S", description = "The stream whose hold is released.")
    String stream;

    @Option(
            names = "--target",
            paramLabel = "T",
            description = "Only this target image (as in the ledger key, e.g. ghcr.io/owner/custom-coreos).")
    String target;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the local ledger lives.")
    Path stateDir;

    @Override
    public Integer call() {
        try {
            StreamName.require(stream);
        } catch (InvalidValueException e) {
            System.err.println("coreos-watch: --stream: " + e.getMessage());
            return 2;
        }
        Path dir = stateDir == null ? StateDir.defaultFor(System.getenv()) : stateDir;
        if (!Files.isRegularFile(dir.resolve(FileLedger.FILE_NAME))) {
            System.err.println("coreos-watch: no ledger in " + dir + "; nothing is held");
            return 0;
        }
        try {
            FileLedger ledger = new FileLedger(dir);
            List<LedgerEntry> failed = ledger.list().stream()
                    .filter(e -> e.status() == LedgerStatus.FAILED && e.stream().equals(stream))
                    .filter(e -> target == null || e.targetImage().equals(target))
                    .toList();
            for (LedgerEntry e : failed) {
                ledger.release(e.key());
                System.err.println("released " + e.key() + " (" + e.attempts() + " failed attempt(s), last run "
                        + (e.runUrl() != null ? e.runUrl() : e.runId()) + ")");
            }
            if (failed.isEmpty()) {
                System.err.println(
                        "coreos-watch: no failed attempts of stream " + stream + (target == null ? "" : " of " + target)
                                + " in " + dir.resolve(FileLedger.FILE_NAME) + "; nothing is held");
            }
            return 0;
        } catch (LedgerException e) {
            System.err.println("coreos-watch: " + e.getMessage());
            return 1;
        }
    }
}
