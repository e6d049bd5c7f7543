package dev.coreoswatch.pipeline;

import dev.coreoswatch.model.Action;
import dev.coreoswatch.model.ArchResult;
import dev.coreoswatch.model.Decision;
import dev.coreoswatch.model.DispatchResult;
import dev.coreoswatch.model.KernelVersion;
import dev.coreoswatch.model.UpstreamObservation;
import java.util.List;

/** Decisions that are not the decider's: errors and holds known before the registry is asked. */
public final class Decisions {
    private Decisions() {}

    /** An ERROR line that keeps whatever was learnt before the failure (docs/contract.md section 7). */
    public static Decision error(String stream, UpstreamObservation upstream, String message) {
        if (upstream == null) {
            return new Decision(stream, null, null, Action.ERROR, message, List.of(), DispatchResult.NONE, List.of());
        }
        return of(upstream, Action.ERROR, message);
    }

    /** A decision carrying the observation's per-arch facts, with nothing known of the target. */
    public static Decision of(UpstreamObservation upstream, Action action, String reason) {
        List<ArchResult> archs = upstream.architectures().stream()
                .map(a -> new ArchResult(
                        a.arch(),
                        a.kernel().map(KernelVersion::text).orElse(null),
                        a.compatibility(),
                        upstream.linuxRange().toString(),
                        null,
                        false))
                .toList();
        return new Decision(
                upstream.stream(),
                upstream.coreosVersion().text(),
                upstream.zfs().version().text(),
                action,
                reason,
                archs,
                DispatchResult.NONE,
                upstream.evidence());
    }
}
