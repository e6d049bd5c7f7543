package dev.coreoswatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The results as Markdown: machine, one row per variant, then each function against the targets of the issue. */
final class ResultsTable {
    static final double TARGET_RATIO = 1.3;
    static final double TARGET_RSS_MIB = 160;
    static final double TARGET_JAR_MIB = 20;
    static final double TARGET_PRIMED_MS = 250;
    static final double TARGET_WARM_MS = 150;
    static final String PRIMED = " +primed";

    private ResultsTable() {}

    /** {@code samples} in the order the rows should appear; the floor as built (no AppCDS) is the baseline. */
    static String render(MachineInfo machine, int runs, Map<Variant, List<Sample>> samples) {
        Variant floor = samples.keySet().stream()
                .filter(v -> v.label().equals(Cases.FLOOR))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the floor was not measured"));
        double floorTotal = Stats.of(samples.get(floor), Sample::totalMs).median();
        double floorCpu = Stats.of(samples.get(floor), Sample::cpuMs).median();
        // The second floor builds only what the functions build; its ratios are shown beside the yardstick's.
        Optional<List<Sample>> lean = samples.entrySet().stream()
                .filter(e -> e.getKey().label().equals(Cases.FLOOR_DYNAMODB))
                .map(Map.Entry::getValue)
                .findFirst();
        List<String> out = new ArrayList<>(machine.lines());
        out.add("- runs per variant: " + runs + " (cold starts, interleaved; after a discarded warm-up round)");
        out.add("");
        out.add(
                "| variant | init ms | first invoke ms | init + invoke ms | × floor | CPU ms | CPU × floor | peak RSS MiB | jar MiB"
                        + " | warm second invoke ms |");
        out.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        samples.forEach((variant, list) -> {
            Stats total = Stats.of(list, Sample::totalMs);
            Stats cpu = Stats.of(list, Sample::cpuMs);
            out.add("| " + variant.label()
                    + " | " + Stats.of(list, Sample::initMs).format()
                    + " | " + Stats.of(list, Sample::invokeMs).format()
                    + " | " + total.format()
                    + " | " + String.format("%.2f", total.median() / floorTotal)
                    + " | " + cpu.format()
                    + " | " + String.format("%.2f", cpu.median() / floorCpu)
                    + " | " + Stats.of(list, Sample::peakRssMib).format()
                    + " | " + String.format("%.1f", jarMib(variant))
                    + " | " + (hasWarm(list) ? Stats.of(list, Sample::warmMs).format() : "–") + " |");
        });
        out.add("");
        out.add(
                "Values are median (min–max). Init: process start to the runtime's first `/invocation/next`; first invoke:"
                        + " event delivered to answer received (wall clock). CPU: the child's user + system time over all threads"
                        + " until it answered (what a fraction-of-a-core Lambda pays; little disturbed by other load on the machine)."
                        + " Peak RSS: the child's VmHWM after answering (Lambda's \"Max Memory Used\"; MiB = Lambda's MB)."
                        + " Warm second invoke: the same runtime's next event with nothing new upstream (the watcher's next scheduled"
                        + " run), checked to send only conditional requests, each answered 304.");
        out.add("");
        out.add("Targets (init + first invoke ≤ " + TARGET_RATIO + "× floor, peak RSS ≤ " + (int) TARGET_RSS_MIB
                + " MiB, jar < " + (int) TARGET_JAR_MIB + " MiB, primed first invoke ≤ " + (int) TARGET_PRIMED_MS
                + " ms, warm second invoke ≤ " + (int) TARGET_WARM_MS + " ms):");
        out.add("");
        samples.forEach((variant, list) -> {
            if (variant.isFloor() || variant.label().endsWith(PRIMED)) {
                return;
            }
            double ratio = Stats.of(list, Sample::totalMs).median() / floorTotal;
            double cpuRatio = Stats.of(list, Sample::cpuMs).median() / floorCpu;
            double rss = Stats.of(list, Sample::peakRssMib).max();
            double jar = jarMib(variant);
            String warm = "";
            if (hasWarm(list)) {
                double warmMs = Stats.of(list, Sample::warmMs).median();
                warm = String.format(", warm second invoke %.0f ms %s", warmMs, verdict(warmMs <= TARGET_WARM_MS));
            }
            String beside = lean.map(floorSamples -> String.format(
                            " (against %s: wall %.2f×, CPU %.2f×)",
                            Cases.FLOOR_DYNAMODB,
                            Stats.of(list, Sample::totalMs).median()
                                    / Stats.of(floorSamples, Sample::totalMs).median(),
                            Stats.of(list, Sample::cpuMs).median()
                                    / Stats.of(floorSamples, Sample::cpuMs).median()))
                    .orElse("");
            out.add(String.format(
                    "- %s: wall %.2f× floor %s, CPU %.2f× %s%s, peak RSS max %.0f MiB %s, jar %.1f MiB %s%s",
                    variant.label(),
                    ratio,
                    verdict(ratio <= TARGET_RATIO),
                    cpuRatio,
                    verdict(cpuRatio <= TARGET_RATIO),
                    beside,
                    rss,
                    verdict(rss <= TARGET_RSS_MIB),
                    jar,
                    verdict(jar < TARGET_JAR_MIB),
                    warm));
        });
        List<String> primed = primedLines(samples);
        if (!primed.isEmpty()) {
            out.add("");
            out.add(
                    "SnapStart priming (the `+primed` rows run it during init; their first invoke is what the first invocation"
                            + " after a restore costs, the restore itself not included):");
            out.add("");
            out.addAll(primed);
        }
        return String.join("\n", out) + "\n";
    }

    private static List<String> primedLines(Map<Variant, List<Sample>> samples) {
        List<String> lines = new ArrayList<>();
        samples.forEach((variant, list) -> {
            if (!variant.label().endsWith(PRIMED)) {
                return;
            }
            String plain = variant.label().substring(0, variant.label().length() - PRIMED.length());
            samples.entrySet().stream()
                    .filter(e -> e.getKey().label().equals(plain))
                    .findFirst()
                    .ifPresent(e -> {
                        double before = Stats.of(e.getValue(), Sample::invokeMs).median();
                        double after = Stats.of(list, Sample::invokeMs).median();
                        lines.add(String.format(
                                "- %s: first invoke %.0f ms primed %s, %.0f ms unprimed (%.0f %% less)",
                                plain,
                                after,
                                verdict(after <= TARGET_PRIMED_MS),
                                before,
                                100 * (before - after) / before));
                    });
        });
        return lines;
    }

    private static boolean hasWarm(List<Sample> samples) {
        return samples.stream().noneMatch(s -> Double.isNaN(s.warmMs()));
    }

    private static String verdict(boolean met) {
        return met ? "(met)" : "(**missed**)";
    }

    private static double jarMib(Variant variant) {
        try {
            return Files.size(variant.function().definition().codeUri()) / (1024.0 * 1024.0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
