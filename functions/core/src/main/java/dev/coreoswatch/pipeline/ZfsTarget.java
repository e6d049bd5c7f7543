package dev.coreoswatch.pipeline;

import dev.coreoswatch.model.LinuxRange;
import dev.coreoswatch.model.ZfsRelease;

/** The OpenZFS release every stream builds with in this run, its kernel range, and why it was chosen. */
public record ZfsTarget(ZfsRelease release, LinuxRange range, String why) {}
