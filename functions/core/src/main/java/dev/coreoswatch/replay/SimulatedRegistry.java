package dev.coreoswatch.replay;

import dev.coreoswatch.decision.TargetState;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.Combination;
import dev.coreoswatch.model.ImageLabels;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The target tag of one stream as the builds left it. A successful build pushes one manifest
 * list for every configured arch, so it replaces the whole tag; a failed one pushes nothing.
 */
final class SimulatedRegistry {
    private final String reference;
    private Map<Arch, ImageLabels> labels = Map.of();
    private TargetState target;

    SimulatedRegistry(String reference) {
        this.reference = reference;
        this.target =
                new TargetState(reference, labels, Optional.of("the simulated registry has no " + reference + " yet"));
    }

    /** What the decision engine is shown, exactly as the registry inspector would build it. */
    TargetState target() {
        return target;
    }

    void push(SimulatedBuild build) {
        if (build.pushed()) {
            labels = build.labels();
            target = new TargetState(reference, labels, Optional.empty());
        }
    }

    /** Every arch carries this CoreOS and ZFS version (the simulation knows no kernels: none is compared). */
    boolean carries(String coreos, String zfs, List<Arch> arches) {
        Combination wanted = new Combination(coreos, zfs, Map.of());
        return arches.stream().allMatch(a -> wanted.carriedBy(labels.get(a), a));
    }

    /** Every arch carries this CoreOS version, with whatever ZFS. */
    boolean carriesCoreos(String coreos, List<Arch> arches) {
        return arches.stream()
                .allMatch(a ->
                        labels.containsKey(a) && coreos.equals(labels.get(a).coreosVersion()));
    }
}
