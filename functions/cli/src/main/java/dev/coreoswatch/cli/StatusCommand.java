package dev.coreoswatch.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.ledger.FileLedger;
import dev.coreoswatch.ledger.LedgerEntry;
import dev.coreoswatch.ledger.LedgerException;
import dev.coreoswatch.model.Printable;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code status}: what the local ledger holds: what was dispatched, when, its run, and until when it counts as in flight. */
@Singleton
@Command(name = "status", mixinStandardHelpOptions = true, description = "List the dispatches recorded in the local ledger.")
final class StatusCommand implements Callable<Integer> {
    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the local ledger lives.")
    Path stateDir;

    @Option(names = "--json", description = "Print the entries as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Path dir = stateDir == null ? StateDir.defaultFor(System.getenv()) : stateDir;
        List<LedgerEntry> entries;
        try {
            // Reading must not create a state directory that a dry run never made. notExists, not !isRegularFile:
            // a ledger in a directory we may not read is not "no dispatches", it is an error.
            entries = Files.notExists(dir.resolve(FileLedger.FILE_NAME)) ? List.of() : new FileLedger(dir).list();
        } catch (LedgerException e) {
            System.err.println("coreos-watch: " + e.getMessage());
            return 1;
        }
        Instant now = Instant.now();
        System.out.print(json ? json(entries, now) : table(entries, dir, now));
        return 0;
    }

    private static String json(List<LedgerEntry> entries, Instant now) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (LedgerEntry e : entries) {
            ObjectNode node = array.addObject();
            node.put("key", e.key().toString()).put("targetImage", e.targetImage()).put("stream", e.stream())
                    .put("coreosVersion", e.coreosVersion()).put("zfsVersion", e.zfsVersion()).put("status", e.status().name())
                    .put("claimedAt", e.claimedAt().toString()).put("updatedAt", e.updatedAt().toString())
                    .put("expiresAt", e.expiresAt().toString()).put("inFlight", e.inFlightAt(now))
                    .put("runUrl", e.runUrl()).put("reason", e.reason())
                    .put("attempts", e.attempts()).put("conclusion", e.conclusion()).put("failedJob", e.failedJob())
                    .put("outcomeNotified", e.outcomeNotified());
            if (e.runId() == null) {
                node.putNull("runId");
            } else {
                node.put("runId", e.runId());
            }
        }
        return array.toPrettyString() + "\n";
    }

    private static String table(List<LedgerEntry> entries, Path dir, Instant now) {
        if (entries.isEmpty()) {
            return "no dispatches recorded in " + dir + "\n";
        }
        StringBuilder out = new StringBuilder();
        for (LedgerEntry e : entries) {
            out.append(e.stream()).append(' ').append(e.coreosVersion()).append(" zfs ").append(e.zfsVersion())
                    .append(" → ").append(Printable.excerpt(e.targetImage(), 200)).append('\n')
                    .append("  ").append(e.status()).append(" at ").append(e.claimedAt())
                    .append(e.inFlightAt(now) ? ", in flight until " : ", expired at ").append(e.expiresAt()).append('\n');
            if (e.runId() != null || e.runUrl() != null) {
                out.append("  run ").append(e.runId() == null ? "" : e.runId()).append(' ')
                        .append(e.runUrl() == null ? "" : Printable.excerpt(e.runUrl(), 200)).append('\n');
            }
            if (e.conclusion() != null || e.attempts() > 0) {
                out.append("  run concluded ").append(e.conclusion() == null ? "(unknown)" : Printable.excerpt(e.conclusion(), 40))
                        .append(e.failedJob() == null ? "" : ", first failed job " + Printable.excerpt(e.failedJob(), 120))
                        .append("; failed attempts ").append(e.attempts()).append('\n');
            }
            if (e.reason() != null) {
                out.append("  why: ").append(Printable.excerpt(e.reason(), 200)).append('\n');
            }
        }
        return out.toString();
    }
}
