package dev.coreoswatch.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coreoswatch.config.ConfigDocument;
import dev.coreoswatch.config.ConfigException;
import dev.coreoswatch.config.ConfigSource;
import dev.coreoswatch.config.Fleet;
import dev.coreoswatch.config.Target;
import dev.coreoswatch.ledger.FileLedger;
import dev.coreoswatch.ledger.LedgerEntry;
import dev.coreoswatch.ledger.LedgerException;
import dev.coreoswatch.model.Printable;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code status}: what the local ledger holds: what was dispatched, when, its run, and until when it counts as in flight. */
@Singleton
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "List the dispatches recorded in the local ledger.")
final class StatusCommand implements Callable<Integer> {
    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the local ledger lives.")
    Path stateDir;

    @Option(names = "--json", description = "Print the entries as JSON.")
    boolean json;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The configuration document: entries name their target.")
    Path configFile;

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
        Map<String, String> targets;
        try {
            targets = targetsByImage(ConfigFile.read(configFile, ConfigSource.system()));
        } catch (ConfigException e) {
            System.err.println("coreos-watch: configuration error: " + e.getMessage());
            return CheckCommand.EXIT_USAGE;
        }
        Instant now = Instant.now();
        System.out.print(json ? json(entries, now, targets) : table(entries, dir, now, targets));
        return 0;
    }

    /**
     * The ledger keys carry the image; the configuration says which target it is: the document's targets, or without
     * one the single target {@code default} of TARGET_IMAGE. An image no target has gets no name.
     */
    private static Map<String, String> targetsByImage(Optional<ConfigDocument> document) {
        Map<String, String> names = new HashMap<>();
        for (Target target : Fleet.load(ConfigSource.system(), document).targets()) {
            target.image().ifPresent(image -> names.putIfAbsent(image.name(), target.name()));
        }
        return names;
    }

    private static String json(List<LedgerEntry> entries, Instant now, Map<String, String> targets) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (LedgerEntry e : entries) {
            ObjectNode node = array.addObject();
            node.put("key", e.key().toString())
                    .put("target", targets.get(e.targetImage()))
                    .put("targetImage", e.targetImage())
                    .put("stream", e.stream())
                    .put("coreosVersion", e.coreosVersion())
                    .put("zfsVersion", e.zfsVersion())
                    .put("status", e.status().name())
                    .put("claimedAt", e.claimedAt().toString())
                    .put("updatedAt", e.updatedAt().toString())
                    .put("expiresAt", e.expiresAt().toString())
                    .put("inFlight", e.inFlightAt(now))
                    .put("runUrl", e.runUrl())
                    .put("reason", e.reason())
                    .put("attempts", e.attempts())
                    .put("conclusion", e.conclusion())
                    .put("failedJob", e.failedJob())
                    .put("outcomeNotified", e.outcomeNotified());
            if (e.runId() == null) {
                node.putNull("runId");
            } else {
                node.put("runId", e.runId());
            }
        }
        return array.toPrettyString() + "\n";
    }

    private static String table(List<LedgerEntry> entries, Path dir, Instant now, Map<String, String> targets) {
        if (entries.isEmpty()) {
            return "no dispatches recorded in " + dir + "\n";
        }
        StringBuilder out = new StringBuilder();
        for (LedgerEntry e : entries) {
            String target = targets.get(e.targetImage());
            out.append(target == null || target.equals(Target.DEFAULT) ? "" : "[" + target + "] ")
                    .append(e.stream())
                    .append(' ')
                    .append(e.coreosVersion())
                    .append(" zfs ")
                    .append(e.zfsVersion())
                    .append(" → ")
                    .append(Printable.excerpt(e.targetImage(), 200))
                    .append('\n')
                    .append("  ")
                    .append(e.status())
                    .append(" at ")
                    .append(e.claimedAt())
                    .append(e.inFlightAt(now) ? ", in flight until " : ", expired at ")
                    .append(e.expiresAt())
                    .append('\n');
            if (e.runId() != null || e.runUrl() != null) {
                out.append("  run ")
                        .append(e.runId() == null ? "" : e.runId())
                        .append(' ')
                        .append(e.runUrl() == null ? "" : Printable.excerpt(e.runUrl(), 200))
                        .append('\n');
            }
            if (e.conclusion() != null || e.attempts() > 0) {
                out.append("  run concluded ")
                        .append(e.conclusion() == null ? "(unknown)" : Printable.excerpt(e.conclusion(), 40))
                        .append(
                                e.failedJob() == null
                                        ? ""
                                        : ", first failed job " + Printable.excerpt(e.failedJob(), 120))
                        .append("; failed attempts ")
                        .append(e.attempts())
                        .append('\n');
            }
            if (e.reason() != null) {
                out.append("  why: ").append(Printable.excerpt(e.reason(), 200)).append('\n');
            }
        }
        return out.toString();
    }
}
