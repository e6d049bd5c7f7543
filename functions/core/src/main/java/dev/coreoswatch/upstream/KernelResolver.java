package dev.coreoswatch.upstream;

import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.KernelVersion;
import dev.coreoswatch.model.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * commitmeta → base image label → unknown. Only absence falls through: a fault in any source
 * propagates, because guessing "unknown" on a fault could dispatch a doomed build.
 */
public final class KernelResolver {
    private final List<KernelSource> sources;

    public KernelResolver(List<KernelSource> sources) {
        this.sources = List.copyOf(sources);
    }

    public KernelResolution resolve(String stream, Version release, Arch arch) {
        List<String> tried = new ArrayList<>();
        for (KernelSource source : sources) {
            Optional<KernelVersion> kernel = source.kernel(stream, release, arch);
            tried.add(source.name());
            if (kernel.isPresent()) {
                return new KernelResolution(kernel, source.name(), tried);
            }
        }
        return new KernelResolution(Optional.empty(), "unknown", tried);
    }
}
