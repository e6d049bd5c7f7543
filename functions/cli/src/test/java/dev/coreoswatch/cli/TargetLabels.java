package dev.coreoswatch.cli;

import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.ImageLabels;
import java.util.Map;

/** The three labels the build workflow writes on each platform image of the target (docs/contract.md section 6). */
final class TargetLabels {
    private TargetLabels() {}

    static Map<String, String> of(String coreos, String zfs, String kernel) {
        return Map.of(
                ImageLabels.COREOS_VERSION, coreos, ImageLabels.ZFS_VERSION, zfs, ImageLabels.KERNEL_VERSION, kernel);
    }

    /** x86_64 and aarch64 both built from one combination; {@code kernel} is version-release, the arch is appended. */
    static Map<Arch, Map<String, String>> bothArches(String coreos, String zfs, String kernel) {
        return Map.of(
                Arch.X86_64, of(coreos, zfs, kernel + ".x86_64"), Arch.AARCH64, of(coreos, zfs, kernel + ".aarch64"));
    }
}
