package dev.coreoswatch.events;

/** One entry of an event's {@code architectures}; {@code kernelVersion} is null when unknown. */
public record ObservedArch(String arch, String kernelVersion, String compatibility, String linuxRange) {}
