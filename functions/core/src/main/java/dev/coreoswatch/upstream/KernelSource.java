package dev.coreoswatch.upstream;

import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.KernelVersion;
import dev.coreoswatch.model.Version;
import java.util.Optional;

/**
 * One link of the kernel chain. Empty means "this source does not know" (404, no such label) and
 * lets the chain go on; a fault throws {@link UpstreamException} and stops it.
 */
public interface KernelSource {
    String name();

    Optional<KernelVersion> kernel(String stream, Version release, Arch arch);
}
