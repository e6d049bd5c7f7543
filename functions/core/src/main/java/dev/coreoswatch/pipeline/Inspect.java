package dev.coreoswatch.pipeline;

import dev.coreoswatch.decision.Decider;
import dev.coreoswatch.decision.TargetState;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.ArchObservation;
import dev.coreoswatch.model.Decision;
import dev.coreoswatch.model.ImageLabels;
import dev.coreoswatch.model.Platform;
import dev.coreoswatch.model.UpstreamObservation;
import dev.coreoswatch.registry.ImageLookup;
import dev.coreoswatch.registry.ImageReference;
import dev.coreoswatch.registry.PlatformImage;
import dev.coreoswatch.registry.RegistryClient;
import dev.coreoswatch.registry.RegistryDeniedException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Observation + target image → decision. Reads only our three labels, never inherited ones. */
public final class Inspect {
    private final RegistryClient registry;
    private final Decider decider;

    public Inspect(RegistryClient registry, Decider decider) {
        this.registry = registry;
        this.decider = decider;
    }

    public Decision inspect(UpstreamObservation upstream, ImageReference target, boolean force) {
        List<Platform> platforms =
                upstream.architectures().stream().map(a -> a.arch().platform()).toList();
        ImageLookup lookup;
        try {
            lookup = registry.lookup(target, platforms);
        } catch (RegistryDeniedException denied) {
            // No credentials and an anonymous read denied: a new (private) package. Its arches count as absent.
            return withEvidence(
                    decider.decide(upstream, TargetState.notVisible(target.toString(), denied.getMessage()), force),
                    List.of(target + ": " + denied.getMessage()));
        }
        Map<Arch, ImageLabels> labels = new EnumMap<>(Arch.class);
        List<String> evidence = new ArrayList<>();
        for (ArchObservation arch : upstream.architectures()) {
            Optional<PlatformImage> image = lookup.platform(arch.arch().platform());
            image.ifPresent(i -> labels.put(arch.arch(), ImageLabels.from(i.labels())));
            evidence.add(target + " " + arch.arch().platform() + ": "
                    + image.map(i -> "manifest " + i.manifestDigest() + ", config " + i.configDigest() + ", labels "
                                    + shown(ImageLabels.from(i.labels())))
                            .orElse("absent (" + lookup.absence().orElse("platform not in the image") + ")"));
        }
        Decision decision = decider.decide(upstream, state(target, lookup, labels), force);
        return withEvidence(decision, evidence);
    }

    private static Decision withEvidence(Decision decision, List<String> evidence) {
        List<String> all = new ArrayList<>(decision.evidence());
        all.addAll(evidence);
        return new Decision(
                decision.stream(),
                decision.coreosVersion(),
                decision.zfsVersion(),
                decision.action(),
                decision.reason(),
                decision.architectures(),
                decision.dispatch(),
                all);
    }

    /** The image as the run follower reads it: labels per arch and manifest digests, nothing decided. */
    public ImageRead read(ImageReference target, List<Arch> arches) {
        ImageLookup lookup;
        try {
            lookup = registry.lookup(target, arches.stream().map(Arch::platform).toList());
        } catch (RegistryDeniedException denied) {
            // Still not readable anonymously: the follower's bootstrap rule (docs/contract.md section 7) decides.
            return new ImageRead(TargetState.notVisible(target.toString(), denied.getMessage()), Map.of());
        }
        Map<Arch, ImageLabels> labels = new EnumMap<>(Arch.class);
        Map<Arch, String> digests = new EnumMap<>(Arch.class);
        for (Arch arch : arches) {
            lookup.platform(arch.platform()).ifPresent(i -> {
                labels.put(arch, ImageLabels.from(i.labels()));
                digests.put(arch, i.manifestDigest());
            });
        }
        return new ImageRead(state(target, lookup, labels), digests);
    }

    private static TargetState state(ImageReference target, ImageLookup lookup, Map<Arch, ImageLabels> labels) {
        return new TargetState(target.toString(), labels, lookup.absence());
    }

    private static String shown(ImageLabels labels) {
        return "coreos " + labels.coreosVersion() + ", zfs " + labels.zfsVersion() + ", kernel "
                + labels.kernelVersion();
    }
}
