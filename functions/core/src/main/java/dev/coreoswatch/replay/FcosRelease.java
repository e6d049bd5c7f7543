package dev.coreoswatch.replay;

import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.KernelVersion;
import dev.coreoswatch.model.Version;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * From {@code date} on, the stream points at {@code version}. {@code kernels} holds what a build
 * really gets per arch (an arch absent from it is unknown to the history too); when
 * {@code kernelsVisible} is false the watcher's kernel chain found nothing for this release, so
 * the engine is told "unknown" while the build still gets these kernels.
 */
public record FcosRelease(Version version, Instant date, Map<Arch, KernelVersion> kernels, boolean kernelsVisible) {
    public FcosRelease {
        kernels = Map.copyOf(kernels);
    }

    /** The kernel a build of this release really contains, when the history knows it. */
    public Optional<KernelVersion> kernel(Arch arch) {
        return Optional.ofNullable(kernels.get(arch));
    }

    /** The kernel the watcher would have resolved for this release. */
    public Optional<KernelVersion> observedKernel(Arch arch) {
        return kernelsVisible ? kernel(arch) : Optional.empty();
    }
}
