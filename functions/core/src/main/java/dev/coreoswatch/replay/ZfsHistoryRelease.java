package dev.coreoswatch.replay;

import dev.coreoswatch.model.LinuxRange;
import dev.coreoswatch.model.ZfsRelease;
import java.time.Instant;

/**
 * An OpenZFS release as the history has it: visible to a watcher from {@code date} on (its
 * publication, or its tag's date where the history does not know it), with the range of its META.
 */
public record ZfsHistoryRelease(ZfsRelease release, Instant date, LinuxRange range) {}
