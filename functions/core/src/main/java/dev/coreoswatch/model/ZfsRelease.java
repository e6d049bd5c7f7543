package dev.coreoswatch.model;

import java.time.Instant;
import java.util.Optional;

/** One OpenZFS GitHub release: tag {@code zfs-2.4.4}, its version, and the flags that exclude it. */
public record ZfsRelease(
        String tag, Version version, boolean draft, boolean prerelease, Optional<Instant> publishedAt) {}
