package dev.coreoswatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Runs from the repository root (surefire's working directory), where template.yaml and the floor jar are. */
class BenchOptionsTest {

    @Test
    void defaultsAreTenRunsAfterOneWarmUpWithoutAppCds() {
        BenchOptions options = BenchOptions.parse(new String[] {"--ric-classpath", "x.jar"});

        assertEquals(10, options.runs());
        assertEquals(1, options.warmup());
        assertEquals(false, options.cds());
        assertEquals(Set.of(), options.only());
        assertTrue(options.template().isAbsolute());
    }

    @Test
    void wrongArgumentsAreRejectedWithTheReason() {
        assertTrue(assertThrows(
                        BenchOptions.BadUsage.class,
                        () -> BenchOptions.parse(new String[] {"--runs", "0", "--ric-classpath", "x"}))
                .getMessage()
                .contains("--runs"));
        assertTrue(assertThrows(
                        BenchOptions.BadUsage.class,
                        () -> BenchOptions.parse(new String[] {"--only", "watcher", "--ric-classpath", "x"}))
                .getMessage()
                .contains("unknown name watcher"));
        assertTrue(assertThrows(BenchOptions.BadUsage.class, () -> BenchOptions.parse(new String[] {"--runs", "3"}))
                .getMessage()
                .contains("--ric-classpath"));
        assertTrue(assertThrows(
                        BenchOptions.BadUsage.class,
                        () -> BenchOptions.parse(new String[] {"--fast", "--ric-classpath", "x"}))
                .getMessage()
                .contains("unknown argument --fast"));
    }
}
