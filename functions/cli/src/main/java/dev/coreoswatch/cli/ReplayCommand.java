package dev.coreoswatch.cli;

import dev.coreoswatch.config.ConfigException;
import dev.coreoswatch.config.ConfigSource;
import dev.coreoswatch.config.WatchConfig;
import dev.coreoswatch.replay.History;
import dev.coreoswatch.replay.HistoryException;
import dev.coreoswatch.replay.Replay;
import dev.coreoswatch.replay.ReplayJson;
import dev.coreoswatch.replay.ReplayReport;
import dev.coreoswatch.replay.ReplaySettings;
import dev.coreoswatch.replay.ReplaySvg;
import dev.coreoswatch.replay.ReplayText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code replay}: what coreos-watch, configured like {@code check}, and two daily builds would have
 * done over a history of upstream releases. Reads no network and writes nothing but the
 * {@code --svg} picture.
 */
@jakarta.inject.Singleton
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = "Backtest: replay a history of FCOS and OpenZFS releases through the decision engine and compare"
                + " with two daily builds (a naive rebuild, and one that skips unchanged inputs). Uses the same configuration"
                + " keys as check.")
final class ReplayCommand implements Callable<Integer> {
    @Option(
            names = "--history",
            paramLabel = "FILE",
            description = "History file (format coreos-watch-history/1);"
                    + " default: the shipped FCOS stable and OpenZFS history.")
    Path history;

    @Option(
            names = "--from",
            paramLabel = "DATE",
            description = "Start: a date (00:00 UTC) or an instant; default: the history's start.")
    String from;

    @Option(
            names = "--to",
            paramLabel = "DATE",
            description =
                    "End: a date (up to the end of that day, UTC) or an instant;" + " default: the history's end.")
    String to;

    @Option(
            names = "--interval",
            paramLabel = "DURATION",
            defaultValue = "PT30M",
            description = "How often coreos-watch runs (ISO-8601, default ${DEFAULT-VALUE}).")
    String interval;

    @Option(
            names = "--build-duration",
            paramLabel = "DURATION",
            defaultValue = "PT1H",
            description = "How long after its dispatch a build lands (ISO-8601, default ${DEFAULT-VALUE}).")
    String buildDuration;

    @Option(names = "--json", description = "Print the replay as JSON on stdout and nothing else.")
    boolean json;

    @Option(names = "--svg", paramLabel = "FILE", description = "Also draw the timeline as an SVG picture into FILE.")
    Path svg;

    private final ConfigSource source;

    ReplayCommand() {
        this.source = ConfigSource.system();
    }

    @Override
    public Integer call() {
        long started = System.nanoTime();
        ReplayReport report;
        History loaded;
        try {
            WatchConfig config = WatchConfig.load(source);
            loaded = history == null ? History.shipped() : History.read(history);
            ReplaySettings settings = ReplaySettings.of(
                    config,
                    loaded,
                    Optional.ofNullable(from).map(ReplaySettings::parseFrom),
                    Optional.ofNullable(to).map(ReplaySettings::parseTo),
                    ReplaySettings.parseDuration("--interval", interval),
                    ReplaySettings.parseDuration("--build-duration", buildDuration));
            report = Replay.run(loaded, settings);
        } catch (ConfigException e) {
            System.err.println("coreos-watch: configuration error: " + e.getMessage());
            return CheckCommand.EXIT_USAGE;
        } catch (HistoryException e) {
            System.err.println("coreos-watch: --history: " + e.getMessage());
            return CheckCommand.EXIT_USAGE;
        }
        if (svg != null) {
            try {
                Files.writeString(svg, ReplaySvg.write(report, loaded));
            } catch (IOException e) {
                System.err.println("coreos-watch: --svg: cannot write " + svg + ": " + e.getMessage());
                return CheckCommand.EXIT_USAGE;
            }
        }
        PrintStream out = System.out;
        out.print(json ? ReplayJson.write(report) : ReplayText.write(report));
        out.flush();
        System.err.printf(
                "coreos-watch: replayed %s .. %s in %d ms%n",
                report.settings().from(),
                report.settings().to(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return 0;
    }
}
