package dev.coreoswatch.upstream;

import dev.coreoswatch.model.KernelVersion;
import java.util.List;
import java.util.Optional;

/** The kernel of one release on one arch, the source that gave it ("unknown" if none) and what was tried. */
public record KernelResolution(Optional<KernelVersion> kernel, String source, List<String> tried) {
    public KernelResolution {
        tried = List.copyOf(tried);
    }
}
