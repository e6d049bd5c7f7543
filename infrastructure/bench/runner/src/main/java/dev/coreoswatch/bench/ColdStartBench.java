package dev.coreoswatch.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code infrastructure/bench/run}: cold starts of the three function jars and of the floor, each the way Lambda's
 * java21 runtime starts it, against loopback servers; prints a Markdown table of init, first invoke and peak RSS
 * (median, min, max) and each function's ratio to the floor. With {@code --cds} every variant is measured a second
 * time with a dynamic AppCDS archive made by a training run of the same jar.
 */
public final class ColdStartBench {
    static final String USAGE = """
            usage: run [--runs N] [--warmup N] [--cds] [--primed] [--only NAME,...] [--out FILE] [--java JAVA]
                       [--jvm-options "OPTIONS"] [--log-dir DIR] [--template FILE] [--floor-jar JAR]
                       --ric-classpath CLASSPATH
              --runs N         measured cold starts per variant (default 10)
              --warmup N       discarded rounds before them (default 1)
              --cds            also measure every variant with an AppCDS archive from a training run
              --primed         also measure each function with its SnapStart priming run during init
              --only NAMES     upstream-watcher,registry-inspector,workflow-dispatcher (both floors always run)
              --out FILE       also write the table to FILE
              --java JAVA      the java of the function JVMs (default: the bench's own)
              --jvm-options O  added to every function JVM's JAVA_TOOL_OPTIONS (to try a flag)
              --log-dir DIR    keep each function JVM's output there""";

    private final PrintStream out;
    private final PrintStream log;

    ColdStartBench(PrintStream out, PrintStream log) {
        this.out = out;
        this.log = log;
    }

    public static void main(String[] args) {
        int status;
        try {
            status = new ColdStartBench(System.out, System.err).run(BenchOptions.parse(args)) == null ? 1 : 0;
        } catch (BenchOptions.BadUsage e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println(USAGE);
            status = 2;
        }
        System.exit(status);
    }

    /** Runs the bench; the measured samples per variant, or null when a run failed (reported on the log). */
    Map<Variant, List<Sample>> run(BenchOptions options) {
        MachineInfo machine = MachineInfo.read(options.java());
        log.println("bench: " + String.join(" | ", machine.lines()));
        Path work = null;
        try (BenchServers servers = BenchServers.start()) {
            work = Files.createTempDirectory("coreos-watch-bench-");
            List<FunctionCase> cases = Cases.all(options.template(), options.floorJar(), servers).stream()
                    .filter(c -> options.only().isEmpty() || options.only().contains(c.name()) || c.isFloor())
                    .toList();
            ColdStart coldStart = new ColdStart(options.ricClasspath(), options.java());
            List<Variant> variants =
                    new ArrayList<>(cases.stream().map(Variant::plain).toList());
            if (options.primed()) {
                for (FunctionCase function : cases) {
                    if (!function.isFloor()) {
                        variants.add(PrimedJar.variant(function, work));
                    }
                }
            }
            if (options.cds()) {
                for (FunctionCase function : cases) {
                    variants.add(CdsArchive.train(coldStart, function, options.jvmOptions(), work, log));
                }
            }
            if (!options.jvmOptions().isBlank()) {
                variants.replaceAll(v ->
                        new Variant(v.function(), v.label(), (options.jvmOptions() + " " + v.jvmOptions()).strip()));
            }
            Map<Variant, List<Sample>> samples =
                    measure(coldStart, variants, options.warmup(), options.runs(), options.logDir());
            String table = ResultsTable.render(machine, options.runs(), samples);
            out.print(table);
            out.flush();
            if (options.out() != null) {
                Files.writeString(options.out(), table);
                log.println("bench: table written to " + options.out());
            }
            return samples;
        } catch (ColdStart.BenchFailure e) {
            log.println("bench: " + e.getMessage());
            log.println("bench: the function's output:");
            log.println(e.childOutput());
            return null;
        } catch (IOException e) {
            log.println("bench: " + e.getMessage());
            return null;
        } finally {
            deleteQuietly(work);
        }
    }

    /** Round-robin over the variants, so drift of the machine spreads over all of them alike. */
    private Map<Variant, List<Sample>> measure(
            ColdStart coldStart, List<Variant> variants, int warmup, int runs, Path logDir) throws IOException {
        if (logDir != null) {
            Files.createDirectories(logDir);
        }
        Map<Variant, List<Sample>> samples = new LinkedHashMap<>();
        variants.forEach(v -> samples.put(v, new ArrayList<>()));
        for (int round = 0; round < warmup + runs; round++) {
            boolean counted = round >= warmup;
            StringBuilder line =
                    new StringBuilder(counted ? "bench: run " + (round - warmup + 1) + "/" + runs : "bench: warm-up");
            for (Variant variant : variants) {
                Sample sample = coldStart.run(variant.function(), variant.jvmOptions());
                if (counted) {
                    samples.get(variant).add(sample);
                }
                if (logDir != null) {
                    Files.writeString(
                            logDir.resolve(variant.label().replace(' ', '_') + "-" + round + ".log"), sample.log());
                }
                line.append(String.format(
                        " | %s %.0f+%.0f ms, CPU %.0f ms, %.0f MiB%s",
                        variant.label(),
                        sample.initMs(),
                        sample.invokeMs(),
                        sample.cpuMs(),
                        sample.peakRssMib(),
                        Double.isNaN(sample.warmMs()) ? "" : String.format(", warm %.0f ms", sample.warmMs())));
            }
            log.println(line);
        }
        return samples;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }

    /** Names {@code --only} accepts. */
    static final Set<String> NAMES =
            Set.of(Cases.FLOOR, Cases.FLOOR_DYNAMODB, "upstream-watcher", "registry-inspector", "workflow-dispatcher");
}
