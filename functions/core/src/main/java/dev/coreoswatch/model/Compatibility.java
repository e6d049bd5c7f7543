package dev.coreoswatch.model;

import java.util.Optional;

/** Whether the chosen OpenZFS release supports a kernel; UNKNOWN when the kernel is unknown. */
public enum Compatibility {
    COMPATIBLE,
    INCOMPATIBLE,
    UNKNOWN;

    public static Compatibility of(Optional<KernelVersion> kernel, LinuxRange range) {
        return kernel.map(k -> range.contains(k) ? COMPATIBLE : INCOMPATIBLE).orElse(UNKNOWN);
    }
}
