package dev.coreoswatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The command line of {@link ColdStartBench}. */
record BenchOptions(
        int runs,
        int warmup,
        boolean cds,
        boolean primed,
        Set<String> only,
        Path out,
        Path java,
        Path template,
        Path floorJar,
        String ricClasspath,
        String jvmOptions,
        Path logDir) {

    static BenchOptions parse(String[] args) {
        int runs = 10;
        int warmup = 1;
        boolean cds = false;
        boolean primed = false;
        Set<String> only = Set.of();
        Path out = null;
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path template = Path.of("template.yaml");
        Path floorJar = Path.of("infrastructure/bench/floor/target/bench-floor.jar");
        String ricClasspath = null;
        String jvmOptions = "";
        Path logDir = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--runs" -> runs = count(value(args, ++i, arg), arg, 1);
                case "--warmup" -> warmup = count(value(args, ++i, arg), arg, 0);
                case "--cds" -> cds = true;
                case "--primed" -> primed = true;
                case "--only" -> only = names(value(args, ++i, arg));
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--java" -> java = Path.of(value(args, ++i, arg));
                case "--template" -> template = Path.of(value(args, ++i, arg));
                case "--floor-jar" -> floorJar = Path.of(value(args, ++i, arg));
                case "--ric-classpath" -> ricClasspath = value(args, ++i, arg);
                case "--jvm-options" -> jvmOptions = value(args, ++i, arg);
                case "--log-dir" -> logDir = Path.of(value(args, ++i, arg));
                default -> throw new BadUsage("unknown argument " + arg);
            }
        }
        if (ricClasspath == null || ricClasspath.isBlank()) {
            throw new BadUsage(
                    "--ric-classpath is required (the run script reads infrastructure/local/target/ric.classpath)");
        }
        if (!Files.isExecutable(java)) {
            throw new BadUsage("--java " + java + " is not an executable");
        }
        if (!Files.isRegularFile(template)) {
            throw new BadUsage("template " + template + " not found (run from the repository root)");
        }
        if (!Files.isRegularFile(floorJar)) {
            throw new BadUsage("floor jar " + floorJar + " not found; build first: ./mvnw -q -B -DskipTests install");
        }
        return new BenchOptions(
                runs,
                warmup,
                cds,
                primed,
                only,
                out,
                java,
                template.toAbsolutePath(),
                floorJar.toAbsolutePath(),
                ricClasspath,
                jvmOptions,
                logDir);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new BadUsage(option + " needs a value");
        }
        return args[i];
    }

    private static int count(String text, String option, int min) {
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadUsage(option + " needs a whole number from " + min + " to 1000, got " + text);
    }

    private static Set<String> names(String list) {
        Set<String> names = Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        for (String name : names) {
            if (!ColdStartBench.NAMES.contains(name)) {
                throw new BadUsage("--only: unknown name " + name + "; known: " + ColdStartBench.NAMES);
            }
        }
        return names;
    }

    static final class BadUsage extends RuntimeException {
        BadUsage(String message) {
            super(message);
        }
    }
}
