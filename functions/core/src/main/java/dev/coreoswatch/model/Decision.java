package dev.coreoswatch.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stream's line in the report (docs/contract.md section 4). Fields that were not learnt before an
 * error are null; {@code evidence} is not part of the JSON report, it feeds logs and explain.
 */
public record Decision(
        String stream,
        String coreosVersion,
        String zfsVersion,
        Action action,
        String reason,
        List<ArchResult> architectures,
        DispatchResult dispatch,
        List<String> evidence) {
    public Decision {
        architectures = architectures == null ? List.of() : List.copyOf(architectures);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** The combination this line is about: its versions and the kernel of each of its arches. */
    public Combination combination() {
        Map<Arch, String> kernels = new LinkedHashMap<>();
        for (ArchResult a : architectures) {
            kernels.put(a.arch(), a.kernelVersion());
        }
        return new Combination(coreosVersion, zfsVersion, kernels);
    }

    public Decision withAction(Action newAction, String newReason) {
        return new Decision(stream, coreosVersion, zfsVersion, newAction, newReason, architectures, dispatch, evidence);
    }

    public Decision withDispatch(DispatchResult result) {
        return new Decision(stream, coreosVersion, zfsVersion, action, reason, architectures, result, evidence);
    }
}
