package dev.coreoswatch.model;

/** One architecture in a report decision; {@code existing} is null where the target has no such image. */
public record ArchResult(
        Arch arch,
        String kernelVersion,
        Compatibility compatibility,
        String linuxRange,
        ImageLabels existing,
        boolean built) {}
