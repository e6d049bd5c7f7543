package dev.coreoswatch.replay;

import dev.coreoswatch.model.LinuxRange;
import dev.coreoswatch.model.ZfsRelease;
import java.time.Instant;

/** An OpenZFS release as the history has it: published at {@code date}, with the kernel range of its META. */
public record ZfsHistoryRelease(ZfsRelease release, Instant date, LinuxRange range) {
}
