package dev.coreoswatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bench's parts, once each: every function jar and the floor started as Lambda starts them, doing its whole
 * first invocation against the loopback servers (the bench fails a run whose answer shows otherwise), and one
 * AppCDS training run. No timing is asserted: this is the bench's smoke test, not the bench.
 */
class ColdStartBenchSmokeTest {
    private static final Path ROOT = Path.of(System.getProperty("coreos.watch.root", "."))
            .toAbsolutePath()
            .normalize();

    @Test
    void oneRoundOfEveryVariantAnswersAndIsMeasured() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path classLoads = Files.createTempDirectory("bench-smoke-classes-");
        BenchOptions options = BenchOptions.parse(new String[] {
            "--runs",
            "1",
            "--warmup",
            "0",
            "--jvm-options",
            "-Xlog:class+load=info:file=" + classLoads + "/%p.txt",
            "--template",
            ROOT.resolve("template.yaml").toString(),
            "--floor-jar",
            ROOT.resolve("infrastructure/bench/floor/target/bench-floor.jar").toString(),
            "--ric-classpath",
            Files.readString(ROOT.resolve("infrastructure/local/target/ric.classpath"))
                    .strip()
        });

        Map<Variant, List<Sample>> samples = new ColdStartBench(utf8(out), utf8(log)).run(options);

        assertNotNull(samples, log.toString(StandardCharsets.UTF_8));
        assertEquals(
                List.of("floor", "floor-dynamodb", "upstream-watcher", "registry-inspector", "workflow-dispatcher"),
                samples.keySet().stream().map(Variant::label).toList());
        samples.forEach((variant, list) -> {
            assertEquals(1, list.size(), variant.label());
            Sample sample = list.get(0);
            assertTrue(
                    sample.initMs() > 0 && sample.invokeMs() > 0 && sample.cpuMs() > 0 && sample.peakRssKib() > 0,
                    variant.label() + ": " + sample);
        });
        // The watcher's warm second run answered and sent only conditional requests (else the run would have failed).
        samples.forEach((variant, list) -> assertEquals(
                variant.label().equals("upstream-watcher"),
                !Double.isNaN(list.get(0).warmMs()),
                variant.label() + ": " + list.get(0)));
        assertNoObjectMapperInAFunction(classLoads);
        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("| workflow-dispatcher |") && table.contains("JDK of the function JVMs"), table);
        assertTrue(table.contains("(against floor-dynamodb: wall "), table);
    }

    @Test
    void aTrainingRunWritesAnArchiveThatTheNextStartUses() throws IOException {
        String ric = Files.readString(ROOT.resolve("infrastructure/local/target/ric.classpath"))
                .strip();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path dir = Files.createTempDirectory("bench-smoke-cds-");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (BenchServers servers = BenchServers.start()) {
            FunctionCase floor = Cases.all(
                            ROOT.resolve("template.yaml"),
                            ROOT.resolve("infrastructure/bench/floor/target/bench-floor.jar"),
                            servers)
                    .get(0);
            ColdStart coldStart = new ColdStart(ric, java);

            Variant withArchive = CdsArchive.train(coldStart, floor, "", dir, utf8(log));
            Sample sample = coldStart.run(floor, withArchive.jvmOptions() + " -Xlog:cds=info");

            assertEquals("floor +AppCDS", withArchive.label());
            assertTrue(sample.log().contains("Mapped dynamic region"), sample.log());
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void eachFunctionPrimesItselfOnItsOwnJarAndThenAnswers() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        BenchOptions options = BenchOptions.parse(new String[] {
            "--runs",
            "1",
            "--warmup",
            "0",
            "--primed",
            "--template",
            ROOT.resolve("template.yaml").toString(),
            "--floor-jar",
            ROOT.resolve("infrastructure/bench/floor/target/bench-floor.jar").toString(),
            "--ric-classpath",
            Files.readString(ROOT.resolve("infrastructure/local/target/ric.classpath"))
                    .strip()
        });

        Map<Variant, List<Sample>> samples = new ColdStartBench(utf8(out), utf8(log)).run(options);

        assertNotNull(samples, log.toString(StandardCharsets.UTF_8));
        List<Sample> primed = samples.entrySet().stream()
                .filter(e -> e.getKey().label().endsWith(" +primed"))
                .map(e -> e.getValue().get(0))
                .toList();
        assertEquals(3, primed.size(), samples.keySet().toString());
        // The handler's own log line proves the hook ran in the function's JVM, on its shaded jar, before the event.
        primed.forEach(sample -> assertTrue(sample.log().contains("primed for the snapshot"), sample.log()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains(" ms primed "), out.toString(StandardCharsets.UTF_8));
    }

    private static PrintStream utf8(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }

    /**
     * The functions read and write JSON with Jackson's parser and generator alone: building an {@code ObjectMapper}
     * (or calling {@code JsonNode.toString()}, which builds one) cost a cold start about 100 ms of CPU. The floors
     * build one on purpose; each function's class-load log must not show one.
     */
    private static void assertNoObjectMapperInAFunction(Path classLoads) throws IOException {
        int functions = 0;
        try (var logs = Files.list(classLoads)) {
            for (Path file : logs.toList()) {
                String loaded = Files.readString(file);
                Files.delete(file);
                if (!loaded.contains("dev.coreoswatch.invocation.")) {
                    continue;
                }
                functions++;
                assertFalse(
                        loaded.contains("com.fasterxml.jackson.databind.ObjectMapper "),
                        file + ": a function built an ObjectMapper (run it with -XX:LogClassLoadingCauseFor="
                                + "com.fasterxml.jackson.databind.ObjectMapper -Xlog:class+load+cause to see where)");
            }
        }
        Files.delete(classLoads);
        assertEquals(3, functions, "class-load logs of the three functions in " + classLoads);
    }
}
