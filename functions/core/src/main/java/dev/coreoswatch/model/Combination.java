package dev.coreoswatch.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one build of a stream would produce: the CoreOS version, the ZFS version and the kernel per
 * arch. {@code kernels} keeps the arches in the order given; a null kernel is one upstream did not
 * know. Values are not checked here: the ledger key and the workflow inputs check them where they leave.
 */
public record Combination(String coreosVersion, String zfsVersion, Map<Arch, String> kernels) {
    public Combination {
        // LinkedHashMap: the arch order is the order of the kernel_versions input, and unknown kernels are null
        kernels = kernels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(kernels));
    }

    public static Combination of(UpstreamObservation upstream) {
        Map<Arch, String> kernels = new LinkedHashMap<>();
        for (ArchObservation arch : upstream.architectures()) {
            kernels.put(arch.arch(), arch.kernel().map(KernelVersion::text).orElse(null));
        }
        return new Combination(
                upstream.coreosVersion().text(), upstream.zfs().version().text(), kernels);
    }

    /** The kernel of an arch, empty where upstream did not know it or the arch is not part of the build. */
    public Optional<String> kernel(Arch arch) {
        return Optional.ofNullable(kernels.get(arch));
    }

    /**
     * Whether an arch's labels name this combination: CoreOS and ZFS equal, the kernel only where both
     * sides know it (an unknown upstream kernel must not rebuild forever, nor an image without the label).
     */
    public boolean carriedBy(ImageLabels labels, Arch arch) {
        if (labels == null || coreosVersion == null || zfsVersion == null) {
            return false;
        }
        boolean versions = coreosVersion.equals(labels.coreosVersion()) && zfsVersion.equals(labels.zfsVersion());
        String kernel = kernels.get(arch);
        boolean kernelAgrees =
                kernel == null || labels.kernelVersion() == null || kernel.equals(labels.kernelVersion());
        return versions && kernelAgrees;
    }
}
