package dev.coreoswatch.functiontests;

import dev.coreoswatch.model.ImageLabels;
import java.util.Map;

/** The three labels the build workflow writes on every platform image (docs/contract.md section 6). */
final class Labels {
    private Labels() {}

    static Map<String, String> of(String coreos, String zfs, String kernel) {
        return Map.of(
                ImageLabels.COREOS_VERSION,
                coreos,
                ImageLabels.ZFS_VERSION,
                zfs,
                ImageLabels.KERNEL_VERSION,
                kernel,
                "org.opencontainers.image.title",
                "custom-coreos");
    }
}
