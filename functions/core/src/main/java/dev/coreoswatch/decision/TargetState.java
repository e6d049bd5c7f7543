package dev.coreoswatch.decision;

import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.ImageLabels;
import java.util.Map;
import java.util.Optional;

/**
 * What the target image at the stream's tag carries, per architecture. An architecture not in
 * {@code labels} is not built; {@code absence} says why when the whole tag is missing.
 * {@code notVisible}: the registry denied an anonymous read (GHCR's answer for a package that does
 * not exist yet or is private), so the arches count as absent but nobody can see a build land.
 */
public record TargetState(String reference, Map<Arch, ImageLabels> labels, Optional<String> absence, boolean notVisible) {
    public TargetState {
        labels = Map.copyOf(labels);
    }

    public TargetState(String reference, Map<Arch, ImageLabels> labels, Optional<String> absence) {
        this(reference, labels, absence, false);
    }
}
