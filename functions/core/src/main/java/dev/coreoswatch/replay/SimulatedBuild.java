package dev.coreoswatch.replay;

import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.Compatibility;
import dev.coreoswatch.model.ImageLabels;
import dev.coreoswatch.model.KernelVersion;
import dev.coreoswatch.pipeline.ZfsTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of the build workflow: dispatched at {@code dispatchedAt}, finished at {@code landsAt}.
 * Its outcome is judged from the kernels the build really gets, not from what the engine was
 * told: a kernel the watcher saw as unknown still breaks the ZFS module when it is out of range.
 * {@code zfsVersion} is null when there was no ZFS release to build with.
 */
public record SimulatedBuild(
        String stream,
        String coreosVersion,
        String zfsVersion,
        Instant dispatchedAt,
        Instant landsAt,
        BuildOutcome outcome,
        String detail,
        Map<Arch, ImageLabels> labels,
        boolean redundant) {
    public SimulatedBuild {
        labels = Map.copyOf(labels);
    }

    static SimulatedBuild of(
            String stream,
            FcosRelease release,
            ZfsTimeline.State zfs,
            List<Arch> arches,
            Instant dispatchedAt,
            Instant landsAt,
            boolean redundant) {
        String coreos = release.version().text();
        if (zfs.target().isEmpty()) {
            return new SimulatedBuild(
                    stream,
                    coreos,
                    null,
                    dispatchedAt,
                    landsAt,
                    BuildOutcome.FAILED,
                    "no ZFS release to build with: " + zfs.problem(),
                    Map.of(),
                    redundant);
        }
        ZfsTarget target = zfs.target().get();
        String zfsVersion = target.release().version().text();
        Map<Arch, ImageLabels> labels = new EnumMap<>(Arch.class);
        List<String> unknown = new ArrayList<>();
        String failure = null;
        for (Arch arch : arches) {
            Optional<KernelVersion> kernel = release.kernel(arch);
            if (kernel.isEmpty()) {
                unknown.add(arch.fcosName());
            } else if (failure == null && Compatibility.of(kernel, target.range()) == Compatibility.INCOMPATIBLE) {
                failure = "kernel " + kernel.get() + " (" + arch + ") is outside Linux " + target.range() + " of zfs "
                        + zfsVersion + ": the ZFS module does not build";
            }
            labels.put(
                    arch,
                    new ImageLabels(
                            coreos, zfsVersion, kernel.map(KernelVersion::text).orElse(null)));
        }
        if (failure != null) {
            return new SimulatedBuild(
                    stream,
                    coreos,
                    zfsVersion,
                    dispatchedAt,
                    landsAt,
                    BuildOutcome.FAILED,
                    failure,
                    Map.of(),
                    redundant);
        }
        if (!unknown.isEmpty()) {
            return new SimulatedBuild(
                    stream,
                    coreos,
                    zfsVersion,
                    dispatchedAt,
                    landsAt,
                    BuildOutcome.UNVERIFIED,
                    "kernel of " + String.join(", ", unknown) + " unknown to the history: success assumed",
                    labels,
                    redundant);
        }
        return new SimulatedBuild(
                stream,
                coreos,
                zfsVersion,
                dispatchedAt,
                landsAt,
                BuildOutcome.SUCCEEDED,
                "every kernel inside Linux " + target.range(),
                labels,
                redundant);
    }

    public boolean pushed() {
        return outcome != BuildOutcome.FAILED;
    }
}
