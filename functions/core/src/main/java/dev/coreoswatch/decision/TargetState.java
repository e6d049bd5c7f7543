package dev.coreoswatch.decision;

import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.ImageLabels;
import java.util.Map;
import java.util.Optional;

/**
 * What the target image at the stream's tag carries, per architecture. An architecture not in
 * {@code labels} is not built; {@code absence} says why when the whole tag is missing.
 */
public record TargetState(String reference, Map<Arch, ImageLabels> labels, Optional<String> absence) {
    public TargetState {
        labels = Map.copyOf(labels);
    }
}
