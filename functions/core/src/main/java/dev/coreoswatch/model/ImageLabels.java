package dev.coreoswatch.model;

import java.util.Map;

/** The three labels the build workflow writes on every platform image (docs/contract.md section 6). */
public record ImageLabels(String coreosVersion, String zfsVersion, String kernelVersion) {
    public static final String COREOS_VERSION = "custom-coreos.coreos-version";
    public static final String ZFS_VERSION = "custom-coreos.zfs-version";
    public static final String KERNEL_VERSION = "custom-coreos.kernel-version";

    public static ImageLabels from(Map<String, String> labels) {
        return new ImageLabels(labels.get(COREOS_VERSION), labels.get(ZFS_VERSION), labels.get(KERNEL_VERSION));
    }
}
