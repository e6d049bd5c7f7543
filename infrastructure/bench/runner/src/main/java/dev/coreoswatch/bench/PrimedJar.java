package dev.coreoswatch.bench;

import dev.coreoswatch.local.FunctionDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The "+primed" variant of a function: a copy of its jar with {@code PrimedHandler} added, which runs the
 * function's SnapStart priming during init. Read its first invoke as the first invocation after a restore.
 */
final class PrimedJar {
    /** By name: the bench's own JVM cannot load it (aws-lambda-java-core is not on the bench's class path). */
    static final String HANDLER_CLASS = "dev.coreoswatch.bench.primed.PrimedHandler";
    /** {@code PrimedHandler.HANDLER_VARIABLE}. */
    static final String HANDLER_VARIABLE = "COREOS_WATCH_BENCH_PRIMED_HANDLER";

    private static final String CLASS_FILE = HANDLER_CLASS.replace('.', '/') + ".class";

    private PrimedJar() {}

    static Variant variant(FunctionCase function, Path dir) {
        FunctionDefinition d = function.definition();
        Path jar = dir.resolve(function.name() + "-primed.jar");
        try {
            Files.copy(d.codeUri(), jar, StandardCopyOption.REPLACE_EXISTING);
            try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of());
                    InputStream bytes = PrimedJar.class.getClassLoader().getResourceAsStream(CLASS_FILE)) {
                if (bytes == null) {
                    throw new IllegalStateException(CLASS_FILE + " is not on the bench's class path");
                }
                Path target = zip.getPath(CLASS_FILE);
                Files.createDirectories(target.getParent());
                Files.copy(bytes, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the primed copy of " + d.codeUri(), e);
        }
        FunctionDefinition primed = new FunctionDefinition(
                d.logicalId(),
                jar,
                HANDLER_CLASS + "::handleRequest",
                d.memoryMb(),
                d.timeout(),
                d.logFormat(),
                d.literalEnvironment());
        String realHandler = d.handlerClass();
        FunctionCase withPriming = new FunctionCase(
                function.name(),
                primed,
                function.event(),
                () -> {
                    Map<String, String> env =
                            new HashMap<>(function.environment().get());
                    env.put(HANDLER_VARIABLE, realHandler);
                    return env;
                },
                function.expected(),
                function.answerCheck(),
                function.warm());
        return new Variant(withPriming, function.name() + ResultsTable.PRIMED, "");
    }
}
