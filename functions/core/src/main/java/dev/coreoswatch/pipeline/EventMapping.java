package dev.coreoswatch.pipeline;

import dev.coreoswatch.events.BusEvent;
import dev.coreoswatch.events.EventFormatException;
import dev.coreoswatch.events.Observed;
import dev.coreoswatch.events.ObservedArch;
import dev.coreoswatch.model.Action;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.ArchObservation;
import dev.coreoswatch.model.ArchResult;
import dev.coreoswatch.model.Compatibility;
import dev.coreoswatch.model.Decision;
import dev.coreoswatch.model.DispatchResult;
import dev.coreoswatch.model.ImageLabels;
import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.model.KernelVersion;
import dev.coreoswatch.model.LinuxRange;
import dev.coreoswatch.model.StreamName;
import dev.coreoswatch.model.UpstreamObservation;
import dev.coreoswatch.model.Version;
import dev.coreoswatch.model.ZfsRelease;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Between the core's records and the events that carry them across the bus. Reading an event
 * re-validates every value as strictly as reading upstream did: the bus is an input too.
 */
public final class EventMapping {
    private EventMapping() {}

    public static Observed observed(UpstreamObservation upstream, boolean force, String correlationId) {
        List<ObservedArch> archs = upstream.architectures().stream()
                .map(a -> new ObservedArch(
                        a.arch().fcosName(),
                        a.kernel().map(KernelVersion::text).orElse(null),
                        a.compatibility().name(),
                        upstream.linuxRange().toString()))
                .toList();
        return new Observed(
                upstream.stream(),
                upstream.coreosVersion().text(),
                upstream.zfs().version().text(),
                archs,
                force,
                upstream.observedAt(),
                correlationId,
                upstream.releasedAt().orElse(null));
    }

    /** The observation an event describes; compatibility is recomputed, not trusted. */
    public static UpstreamObservation observation(Observed observed) {
        try {
            StreamName.require(observed.stream());
            Version coreos = Version.parse(observed.coreosVersion());
            Version zfs = Version.parse(observed.zfsVersion());
            LinuxRange range = LinuxRange.parse(observed.architectures().get(0).linuxRange());
            List<ArchObservation> archs = new ArrayList<>();
            for (ObservedArch a : observed.architectures()) {
                if (!range.equals(LinuxRange.parse(a.linuxRange()))) {
                    throw new EventFormatException("architectures disagree on linuxRange");
                }
                Optional<KernelVersion> kernel =
                        Optional.ofNullable(a.kernelVersion()).map(KernelVersion::parse);
                archs.add(new ArchObservation(Arch.parse(a.arch()), kernel, "event", Compatibility.of(kernel, range)));
            }
            return new UpstreamObservation(
                    observed.stream(),
                    coreos,
                    new ZfsRelease("zfs-" + zfs.text(), zfs, false, false, Optional.empty()),
                    range,
                    archs,
                    Optional.ofNullable(observed.releasedAt()),
                    observed.observedAt(),
                    List.of("observed at " + observed.observedAt() + " (correlation " + observed.correlationId()
                            + ")"));
        } catch (InvalidValueException e) {
            throw new EventFormatException("event detail: " + e.getMessage());
        }
    }

    public static BusEvent.BuildRequired buildRequired(Decision decision, Observed observed) {
        List<String> missing = new ArrayList<>();
        Map<String, ImageLabels> existing = new LinkedHashMap<>();
        for (ArchResult a : decision.architectures()) {
            if (!a.built()) {
                missing.add(a.arch().fcosName());
            }
            existing.put(a.arch().fcosName(), a.existing());
        }
        return new BusEvent.BuildRequired(observed, decision.reason(), missing, existing);
    }

    /** The BUILD decision a {@code BuildRequired} event stands for, ready for the dispatch step. */
    public static Decision decision(BusEvent.BuildRequired required) {
        UpstreamObservation upstream = observation(required.observed());
        List<ArchResult> archs = new ArrayList<>();
        for (ArchObservation a : upstream.architectures()) {
            archs.add(new ArchResult(
                    a.arch(),
                    a.kernel().map(KernelVersion::text).orElse(null),
                    a.compatibility(),
                    upstream.linuxRange().toString(),
                    required.existing().get(a.arch().fcosName()),
                    !required.missing().contains(a.arch().fcosName())));
        }
        return new Decision(
                upstream.stream(),
                upstream.coreosVersion().text(),
                upstream.zfs().version().text(),
                Action.BUILD,
                required.reason(),
                archs,
                DispatchResult.NONE,
                upstream.evidence());
    }
}
