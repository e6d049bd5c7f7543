package dev.coreoswatch.upstream;

import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.model.KernelVersion;
import dev.coreoswatch.model.Printable;
import dev.coreoswatch.model.Version;
import dev.coreoswatch.registry.ImageLookup;
import dev.coreoswatch.registry.ImageReference;
import dev.coreoswatch.registry.PlatformImage;
import dev.coreoswatch.registry.RegistryClient;
import dev.coreoswatch.registry.RegistryException;
import java.util.List;
import java.util.Optional;

/**
 * The second link of the kernel chain: the {@code ostree.linux} label of the base image
 * ({@code coreos.image}) tagged with the release version. FCOS images up to Fedora 42 carry it;
 * newer ones do not, which is absence (the chain goes on), not a fault.
 */
public final class BaseImageKernelSource implements KernelSource {
    public static final String LABEL = "ostree.linux";

    private final RegistryClient registry;
    private final ImageReference baseImage;

    public BaseImageKernelSource(RegistryClient registry, ImageReference baseImage) {
        this.registry = registry;
        this.baseImage = baseImage;
    }

    @Override
    public String name() {
        return "base image label " + LABEL;
    }

    @Override
    public Optional<KernelVersion> kernel(String stream, Version release, Arch arch) {
        ImageReference ref = baseImage.withTag(release.text());
        ImageLookup lookup;
        try {
            lookup = registry.lookup(ref, List.of(arch.platform()));
        } catch (RegistryException e) {
            throw new UpstreamUnavailableException(
                    "base image " + ref + " could not be read for " + arch.platform() + ": " + e.getMessage(), e);
        }
        Optional<String> label =
                lookup.platform(arch.platform()).map(PlatformImage::labels).map(l -> l.get(LABEL));
        if (label.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(KernelVersion.parse(label.get()));
        } catch (InvalidValueException e) {
            throw new UpstreamFormatException("base image " + ref + " (" + arch.platform() + ") has label " + LABEL
                    + " = " + Printable.quote(label.get()) + ", which is not a kernel version");
        }
    }
}
