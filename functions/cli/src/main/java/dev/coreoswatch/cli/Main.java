package dev.coreoswatch.cli;

import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import picocli.CommandLine;

/** {@code java -jar coreos-watch.jar <command>}: picocli commands as Micronaut beans. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code (docs/contract.md section 3). */
    public static int run(String... args) {
        try (ApplicationContext context =
                ApplicationContext.builder(Main.class, Environment.CLI).start()) {
            return new CommandLine(CoreosWatchCommand.class, new MicronautFactory(context))
                    .setCaseInsensitiveEnumValuesAllowed(true)
                    .execute(args);
        }
    }
}
