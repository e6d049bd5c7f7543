package dev.coreoswatch.cli;

import dev.coreoswatch.cache.CacheFile;
import dev.coreoswatch.cache.WatchCache;
import dev.coreoswatch.config.ConfigException;
import dev.coreoswatch.config.ConfigSource;
import dev.coreoswatch.config.Fleet;
import dev.coreoswatch.config.ValueRules;
import dev.coreoswatch.config.WatchConfig;
import dev.coreoswatch.ledger.FileLedger;
import dev.coreoswatch.ledger.Ledger;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.model.Report;
import dev.coreoswatch.report.EvidenceWriter;
import dev.coreoswatch.report.ReportJson;
import dev.coreoswatch.report.ReportTable;
import dev.coreoswatch.wiring.Components;
import dev.coreoswatch.wiring.FleetCheck;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code check}: decide every configured stream and print the report (docs/contract.md section 3). */
@jakarta.inject.Singleton
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Decide, for every stream, whether a build is needed. Dry run unless --dispatch.")
final class CheckCommand implements Callable<Integer> {
    static final int EXIT_USAGE = 2;

    @Option(
            names = "--stream",
            paramLabel = "S",
            description = "Stream to check (repeatable); overrides coreos.streams.")
    List<String> streams;

    @Option(
            names = "--arch",
            paramLabel = "A",
            description = "Architecture (repeatable); overrides coreos.architectures.")
    List<String> arches;

    @Option(names = "--target-image", paramLabel = "REF", description = "Overrides target.image.")
    String targetImage;

    @Option(names = "--json", description = "Print the JSON report on stdout and nothing else.")
    boolean json;

    @Option(names = "--explain", description = "After the table, print each stream's chain of evidence.")
    boolean explain;

    @Option(names = "--dispatch", description = "Really dispatch BUILD decisions (default: dry run, nothing written).")
    boolean dispatch;

    @Option(names = "--force", description = "Treat SKIP as BUILD (never overrides a HOLD).")
    boolean force;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The configuration document (YAML or JSON); overrides config.file.")
    Path configFile;

    @Option(names = "--target", paramLabel = "NAME", description = "Only this target of the document (repeatable).")
    List<String> targets;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description = "Where the local ledger and caches live (created when given).")
    Path stateDir;

    private final ConfigSource source;

    CheckCommand() {
        this.source = ConfigSource.system();
    }

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Fleet fleet;
        try {
            fleet = Fleet.load(source, ConfigFile.read(configFile, source)).select(targets);
            if (targetImage != null && fleet.targets().size() > 1) {
                throw new ConfigException(
                        "--target-image",
                        "would give every one of " + fleet.targets().size()
                                + " targets the same image; choose one with --target NAME");
            }
            fleet = fleet.map(this::withOptions);
        } catch (ConfigException e) {
            System.err.println("coreos-watch: configuration error: " + e.getMessage());
            return EXIT_USAGE;
        }
        WatchConfig config = fleet.shared();
        boolean dryRun = !dispatch || config.dryRun(); // DISPATCH_DRY_RUN=true wins: dry run is the safe side
        if (dispatch && config.dryRun()) {
            System.err.println(
                    "coreos-watch: dispatch.dry-run is true, --dispatch is ignored: nothing will be dispatched");
        }
        Path dir = stateDir == null ? StateDir.defaultFor(System.getenv()) : stateDir;
        Optional<Ledger> ledger;
        try {
            if (!dryRun) {
                fleet.map(c -> {
                    requireForDispatch(c);
                    return c;
                });
            }
            ledger = ledger(dir, dryRun);
        } catch (ConfigException e) {
            System.err.println("coreos-watch: configuration error: " + e.getMessage());
            return EXIT_USAGE;
        }
        Path cacheFile = dir.resolve(CacheFile.FILE_NAME);
        Components components = Components.create(config, CacheFile.load(cacheFile));
        Report report = new FleetCheck(fleet, components, ledger).run(force, dryRun);
        saveCache(components.cache(), dir, cacheFile);
        if (json) {
            out.print(ReportJson.write(report) + "\n");
        } else {
            out.print(ReportTable.write(report, Terminal.colour(System.getenv())));
            if (explain) {
                out.print("\nEvidence\n\n" + EvidenceWriter.write(report));
            }
        }
        out.flush();
        return report.exitCode();
    }

    /**
     * The cache is saved where state already lives (a dispatch run made the directory) or where
     * --state-dir says; a plain dry run on a fresh machine leaves no trace. A cache that cannot
     * be saved costs requests next time, not this run's result: a warning, not an exit code.
     */
    private void saveCache(WatchCache cache, Path dir, Path file) {
        try {
            if (stateDir != null) {
                Files.createDirectories(dir);
            } else if (!Files.isDirectory(dir)) {
                return;
            }
            CacheFile.save(cache, file);
        } catch (IOException | RuntimeException e) {
            System.err.println("coreos-watch: warning: cannot save the cache in " + dir + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static void requireForDispatch(WatchConfig config) {
        if (config.targetImage().isEmpty()) {
            throw new ConfigException(
                    "target.image", "--dispatch needs the target image (target.image, TARGET_IMAGE or --target-image)");
        }
        if (config.workflowRepository().isEmpty()) {
            throw new ConfigException(
                    "github.workflow.repository",
                    "--dispatch needs the repository of the build workflow" + " (GITHUB_WORKFLOW_REPOSITORY)");
        }
        config.dispatchRef();
        if (config.githubToken().isEmpty()) {
            throw new ConfigException(
                    "github.token",
                    "--dispatch needs a token with Actions: write on "
                            + config.workflowRepository().get() + " (GITHUB_TOKEN)");
        }
    }

    /** A dry run reads an existing ledger (to report IN_FLIGHT) but never creates one. */
    private static Optional<Ledger> ledger(Path dir, boolean dryRun) {
        if (dryRun && Files.notExists(dir.resolve(FileLedger.FILE_NAME))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new FileLedger(dir));
        } catch (RuntimeException e) {
            throw new ConfigException("--state-dir", "cannot use " + dir + " for the ledger: " + e.getMessage());
        }
    }

    private WatchConfig withOptions(WatchConfig config) {
        try {
            if (streams != null && !streams.isEmpty()) {
                config = config.withStreams(streams);
            }
        } catch (InvalidValueException e) {
            throw new ConfigException("--stream", e.getMessage());
        }
        try {
            if (arches != null && !arches.isEmpty()) {
                config = config.withArchitectures(
                        arches.stream().map(Arch::parse).distinct().toList());
            }
        } catch (InvalidValueException e) {
            throw new ConfigException("--arch", e.getMessage());
        }
        try {
            if (targetImage != null) {
                config = config.withTargetImage(ValueRules.repositoryOnly(targetImage));
            }
        } catch (InvalidValueException e) {
            throw new ConfigException("--target-image", e.getMessage());
        }
        return config;
    }
}
