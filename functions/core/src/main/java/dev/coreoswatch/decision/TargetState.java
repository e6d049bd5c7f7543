package dev.coreoswatch.decision;

import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.ImageLabels;
import java.util.Map;
import java.util.Optional;

/**
 * What the target image at the stream's tag carries, per architecture. An architecture not in
 * {@code labels} is not built; {@code absence} says why when the whole tag is missing.
 * {@code notVisible}: the configured arches are absent because the registry denied an anonymous
 * read (no registry credentials configured; docs/contract.md section 7, "a registry that denies").
 */
public record TargetState(
        String reference, Map<Arch, ImageLabels> labels, Optional<String> absence, boolean notVisible) {
    public TargetState {
        labels = Map.copyOf(labels);
    }

    public TargetState(String reference, Map<Arch, ImageLabels> labels, Optional<String> absence) {
        this(reference, labels, absence, false);
    }

    /** Nothing readable: the registry denied an anonymous read; {@code why} is its answer. */
    public static TargetState notVisible(String reference, String why) {
        return new TargetState(reference, Map.of(), Optional.of("not visible anonymously: " + why), true);
    }
}
