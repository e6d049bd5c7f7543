package dev.coreoswatch.pipeline;

import dev.coreoswatch.decision.ZfsPolicy;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.ArchObservation;
import dev.coreoswatch.model.Compatibility;
import dev.coreoswatch.model.KernelVersion;
import dev.coreoswatch.model.UpstreamObservation;
import dev.coreoswatch.model.Version;
import dev.coreoswatch.upstream.FcosStreamMetadata;
import dev.coreoswatch.upstream.KernelResolution;
import dev.coreoswatch.upstream.KernelResolver;
import dev.coreoswatch.upstream.StreamRelease;
import dev.coreoswatch.upstream.UpstreamFormatException;
import dev.coreoswatch.upstream.ZfsReleaseSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Upstream → observation: what a fresh build of a stream would contain today. */
public final class Watch {
    private final FcosStreamMetadata metadata;
    private final KernelResolver kernels;
    private final ZfsReleaseSource zfsReleases;
    private final ZfsPolicy zfsPolicy;
    private final Clock clock;
    private final BoundedParallel archParallel;

    public Watch(
            FcosStreamMetadata metadata,
            KernelResolver kernels,
            ZfsReleaseSource zfsReleases,
            ZfsPolicy zfsPolicy,
            Clock clock) {
        this(metadata, kernels, zfsReleases, zfsPolicy, clock, BoundedParallel.SEQUENTIAL);
    }

    /** {@code archParallel}: how many architectures' kernels are looked up at once. */
    public Watch(
            FcosStreamMetadata metadata,
            KernelResolver kernels,
            ZfsReleaseSource zfsReleases,
            ZfsPolicy zfsPolicy,
            Clock clock,
            BoundedParallel archParallel) {
        this.archParallel = archParallel;
        this.metadata = metadata;
        this.kernels = kernels;
        this.zfsReleases = zfsReleases;
        this.zfsPolicy = zfsPolicy;
        this.clock = clock;
    }

    /** The ZFS release of this run; read once and shared by every stream. */
    public ZfsTarget zfsTarget() {
        ZfsPolicy.ZfsChoice choice = zfsPolicy.choose(zfsReleases.releases());
        return new ZfsTarget(choice.release(), zfsReleases.linuxRange(choice.release()), choice.why());
    }

    public UpstreamObservation observe(String stream, List<Arch> arches, ZfsTarget zfs) {
        StreamRelease release = metadata.read(stream);
        Version coreos = agreedRelease(release, arches);
        List<String> evidence = new ArrayList<>();
        evidence.add("coreos " + coreos + " from " + release.source()
                + release.lastModified().map(t -> " (last modified " + t + ")").orElse(""));
        evidence.add("zfs " + zfs.release().version() + " (" + zfs.release().tag() + "): " + zfs.why());
        evidence.add("Linux " + zfs.range() + " from META of " + zfs.release().tag());
        List<ArchObservation> observed = new ArrayList<>();
        // Each arch's kernel is its own document (or image): independent lookups, side by side.
        List<KernelResolution> resolved = archParallel.map(arches, arch -> kernels.resolve(stream, coreos, arch));
        for (int i = 0; i < arches.size(); i++) {
            Arch arch = arches.get(i);
            KernelResolution kernel = resolved.get(i);
            Compatibility compatibility = Compatibility.of(kernel.kernel(), zfs.range());
            observed.add(new ArchObservation(arch, kernel.kernel(), kernel.source(), compatibility));
            evidence.add(
                    arch + " kernel " + kernel.kernel().map(KernelVersion::text).orElse("unknown") + " from "
                            + kernel.source() + " (tried " + String.join(", ", kernel.tried()) + "): " + compatibility);
        }
        return new UpstreamObservation(
                stream,
                coreos,
                zfs.release(),
                zfs.range(),
                observed,
                release.lastModified(),
                clock.instant(),
                evidence);
    }

    /** Every configured arch must be in the document and name the same release. */
    private static Version agreedRelease(StreamRelease release, List<Arch> arches) {
        Map<Version, List<Arch>> byVersion = new TreeMap<>();
        for (Arch arch : arches) {
            Version version = release.releases().get(arch);
            if (version == null) {
                throw new UpstreamFormatException("stream metadata of " + release.stream() + " has no release for "
                        + arch + " (" + release.source() + ")");
            }
            byVersion.computeIfAbsent(version, v -> new ArrayList<>()).add(arch);
        }
        if (byVersion.size() > 1) {
            List<String> parts = byVersion.entrySet().stream()
                    .map(e -> e.getValue() + " at " + e.getKey())
                    .toList();
            throw new StreamDisagreementException("architectures of stream " + release.stream()
                    + " disagree on the release: " + String.join(" vs ", parts));
        }
        return byVersion.keySet().iterator().next();
    }
}
