package dev.coreoswatch.bench;

import dev.coreoswatch.local.FunctionDefinition;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A dynamic AppCDS archive for one jar, made by a training run: one cold start with
 * {@code -XX:ArchiveClassesAtExit}, whose JVM writes every class it loaded (the JDK's own, the runtime client's,
 * the function's) into the archive when it is stopped. The archive is only valid for the very JVM build that
 * wrote it, which is why the bench makes its own instead of shipping one.
 */
final class CdsArchive {
    static final int TRAINING_MEMORY_MB = 1024;

    private CdsArchive() {}

    static Variant train(ColdStart coldStart, FunctionCase function, String jvmOptions, Path dir, PrintStream log)
            throws IOException {
        Path archive = dir.resolve(function.name() + ".jsa");
        long started = System.nanoTime();
        Sample training = coldStart.run(
                forTraining(function),
                (jvmOptions + " -XX:ArchiveClassesAtExit=" + archive).strip(),
                Duration.ofSeconds(60));
        if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
            throw new ColdStart.BenchFailure(
                    "the training run of " + function.name() + " wrote no archive at " + archive
                            + " (the JVM writes it when it is stopped)",
                    training.log());
        }
        log.printf(
                "bench: AppCDS archive of %s: %.1f MiB in %.1f s%n",
                function.name(), Files.size(archive) / (1024.0 * 1024.0), (System.nanoTime() - started) / 1e9);
        return new Variant(function, function.name() + " +AppCDS", "-XX:SharedArchiveFile=" + archive);
    }

    /**
     * The same function with room to write the archive: at exit the JVM copies every loaded class into it, which
     * needs metaspace beyond the 10 % of 256 MB a function gets (the dispatcher's dump failed there). The archive
     * stays valid for the smaller JVM: heap and metaspace sizes are not part of what it must match.
     */
    static FunctionCase forTraining(FunctionCase function) {
        FunctionDefinition d = function.definition();
        FunctionDefinition roomy = new FunctionDefinition(
                d.logicalId(),
                d.codeUri(),
                d.handler(),
                Math.max(d.memoryMb(), TRAINING_MEMORY_MB),
                d.timeout(),
                d.logFormat(),
                d.literalEnvironment());
        return new FunctionCase(
                function.name(),
                roomy,
                function.event(),
                function.environment(),
                function.expected(),
                function.answerCheck(),
                function.warm());
    }
}
