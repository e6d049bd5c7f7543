package dev.coreoswatch.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Peak RSS and CPU time from /proc, as LocalInvoke reads them for the child before stopping it. */
class ProcessUsageTest {

    @TempDir
    Path dir;

    @Test
    void readsPeakRssFromVmHwmAndCpuFromUtimePlusStime() throws IOException {
        Path status = Files.writeString(dir.resolve("status"), """
                Name:\tjava
                VmPeak:\t 2890124 kB
                VmHWM:\t  151552 kB
                VmRSS:\t  148000 kB
                """);
        // A command name with spaces and a ")" must not shift the fields: utime 123, stime 45 ticks.
        Path stat = Files.writeString(
                dir.resolve("stat"),
                "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 27000 0 12 0 123 45 0 0 20 0 19 0 98765 2959159296 37888\n");

        assertEquals(OptionalLong.of(151552), ProcessUsage.peakRssKib(status));
        assertEquals(Optional.of(Duration.ofMillis(1680)), ProcessUsage.cpuTime(stat));
    }

    @Test
    void aProcessThatIsGoneIsUnknownNotAnError() {
        ProcessUsage usage = ProcessUsage.of(Long.MAX_VALUE);

        assertEquals(ProcessUsage.UNKNOWN, usage);
    }

    @Test
    void malformedFilesAreUnknown() throws IOException {
        Path status = Files.writeString(dir.resolve("status"), "VmHWM:\tlots kB\n");
        Path stat = Files.writeString(dir.resolve("stat"), "4242 (java) S 1 2\n");

        assertEquals(OptionalLong.empty(), ProcessUsage.peakRssKib(status));
        assertEquals(Optional.empty(), ProcessUsage.cpuTime(stat));
    }

    @Test
    void thisJvmHasUsedMemoryAndCpu() {
        ProcessUsage usage = ProcessUsage.of(ProcessHandle.current().pid());

        assertTrue(usage.peakRssKib().orElseThrow() > 10_000, usage.toString());
        assertTrue(usage.cpuTime().orElseThrow().toMillis() > 0, usage.toString());
    }
}
