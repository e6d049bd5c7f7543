package dev.coreoswatch.model;

import java.util.Optional;

/** One architecture of a stream as upstream has it: its kernel (if known), who said so, and the verdict. */
public record ArchObservation(
        Arch arch, Optional<KernelVersion> kernel, String kernelSource, Compatibility compatibility) {}
