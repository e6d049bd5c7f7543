package dev.coreoswatch.model;

import java.util.Locale;

/** FCOS architecture names and the OCI platform each one is published as. */
public enum Arch {
    X86_64("x86_64", new Platform("linux", "amd64")),
    AARCH64("aarch64", new Platform("linux", "arm64")),
    PPC64LE("ppc64le", new Platform("linux", "ppc64le")),
    S390X("s390x", new Platform("linux", "s390x"));

    private final String fcosName;
    private final Platform platform;

    Arch(String fcosName, Platform platform) {
        this.fcosName = fcosName;
        this.platform = platform;
    }

    public String fcosName() {
        return fcosName;
    }

    public Platform platform() {
        return platform;
    }

    public static Arch parse(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (Arch arch : values()) {
            if (arch.fcosName.equals(wanted)) {
                return arch;
            }
        }
        throw new InvalidValueException("architecture", name, "use x86_64, aarch64, ppc64le or s390x");
    }

    @Override
    public String toString() {
        return fcosName;
    }
}
