package dev.coreoswatch.decision;

import dev.coreoswatch.model.Action;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.ArchObservation;
import dev.coreoswatch.model.ArchResult;
import dev.coreoswatch.model.Combination;
import dev.coreoswatch.model.Compatibility;
import dev.coreoswatch.model.Decision;
import dev.coreoswatch.model.DispatchResult;
import dev.coreoswatch.model.ImageLabels;
import dev.coreoswatch.model.KernelVersion;
import dev.coreoswatch.model.Printable;
import dev.coreoswatch.model.UpstreamObservation;
import dev.coreoswatch.model.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * SKIP, BUILD or HOLD for one stream, from what upstream has and what the target carries
 * (docs/contract.md sections 1 and 7). Pure: the same inputs always give the same decision, which is
 * what lets replay drive it through simulated time. IN_FLIGHT is the dispatcher's business.
 */
public final class Decider {
    private final Set<String> blockedVersions;
    private final boolean allowDowngrade;

    public Decider(Set<String> blockedVersions) {
        this(blockedVersions, false);
    }

    /** {@code allowDowngrade}: {@code coreos.allow-downgrade}, an older CoreOS may replace a newer one without force. */
    public Decider(Set<String> blockedVersions, boolean allowDowngrade) {
        this.blockedVersions = Set.copyOf(blockedVersions);
        this.allowDowngrade = allowDowngrade;
    }

    public Decision decide(UpstreamObservation upstream, TargetState target, boolean force) {
        List<ArchResult> results = new ArrayList<>();
        String firstMismatch = null;
        Combination wanted = Combination.of(upstream);
        for (ArchObservation arch : upstream.architectures()) {
            ImageLabels existing = target.labels().get(arch.arch());
            boolean built = wanted.carriedBy(existing, arch.arch());
            results.add(new ArchResult(
                    arch.arch(),
                    arch.kernel().map(KernelVersion::text).orElse(null),
                    arch.compatibility(),
                    upstream.linuxRange().toString(),
                    existing,
                    built));
            if (!built && firstMismatch == null) {
                firstMismatch = arch.arch().platform() + " of " + target.reference() + " "
                        + mismatch(existing, upstream, arch, target);
            }
        }
        List<String> evidence = new ArrayList<>(upstream.evidence());
        String coreos = wanted.coreosVersion();
        String zfs = wanted.zfsVersion();
        if (firstMismatch == null && !force) {
            // Holds only stop builds: what is already built stays, whatever the rules say now.
            return decision(
                    upstream,
                    Action.SKIP,
                    target.reference() + " already carries coreos " + coreos + " with zfs " + zfs + " on "
                            + results.size() + " architecture(s)",
                    results,
                    evidence);
        }
        Optional<String> hold = holdReason(upstream);
        if (hold.isPresent()) {
            return decision(upstream, Action.HOLD, hold.get(), results, evidence);
        }
        Optional<String> downgrade = force || allowDowngrade ? Optional.empty() : downgrade(upstream, target);
        if (downgrade.isPresent()) {
            return decision(upstream, Action.HOLD, downgrade.get(), results, evidence);
        }
        String reason = firstMismatch != null
                ? firstMismatch
                : "forced rebuild: " + target.reference() + " already carries coreos " + coreos + " with zfs " + zfs;
        return decision(upstream, Action.BUILD, reason, results, evidence);
    }

    /** Blocked versions first, then the kernel range; each reason names the rule and the numbers. */
    public Optional<String> holdReason(UpstreamObservation upstream) {
        String coreos = upstream.coreosVersion().text();
        if (blockedVersions.contains(coreos)) {
            return Optional.of("coreos " + coreos + " is listed in coreos.blocked-versions");
        }
        for (ArchObservation arch : upstream.architectures()) {
            if (arch.compatibility() == Compatibility.INCOMPATIBLE) {
                return Optional.of(
                        "kernel " + arch.kernel().map(KernelVersion::text).orElse("?") + " (" + arch.arch()
                                + ") is outside Linux " + upstream.linuxRange() + " supported by zfs "
                                + upstream.zfs().version()
                                + " (META of " + upstream.zfs().tag() + "); waiting for a ZFS release that supports "
                                + arch.kernel().map(k -> k.line().toString()).orElse("it") + ", rechecked every run");
            }
        }
        return Optional.empty();
    }

    /**
     * A downgrade: the newest CoreOS version any arch of the image carries is newer than the
     * stream's (compared numerically part by part), so a metadata revert or a stale CDN copy
     * cannot overwrite a newer image with an older one.
     */
    private static Optional<String> downgrade(UpstreamObservation upstream, TargetState target) {
        Version newest = null;
        Arch where = null;
        for (var entry : target.labels().entrySet()) {
            String carried = entry.getValue() == null ? null : entry.getValue().coreosVersion();
            if (carried != null && Version.isValid(carried)) {
                Version v = Version.parse(carried);
                if (newest == null || v.compareTo(newest) > 0) {
                    newest = v;
                    where = entry.getKey();
                }
            }
        }
        if (newest == null || newest.compareTo(upstream.coreosVersion()) <= 0) {
            return Optional.empty();
        }
        return Optional.of("downgrade: " + where.platform() + " of " + target.reference() + " carries coreos " + newest
                + ", newer than " + upstream.coreosVersion() + " offered by stream " + upstream.stream()
                + "; not built without force or coreos.allow-downgrade");
    }

    private static String mismatch(
            ImageLabels existing, UpstreamObservation upstream, ArchObservation arch, TargetState target) {
        if (existing == null) {
            return "is missing (" + target.absence().orElse("no " + arch.arch().platform() + " image") + ")";
        }
        if (existing.coreosVersion() == null && existing.zfsVersion() == null) {
            return "has no custom-coreos labels";
        }
        List<String> differences = new ArrayList<>();
        if (!upstream.coreosVersion().text().equals(existing.coreosVersion())) {
            differences.add("coreos " + shown(existing.coreosVersion()));
        }
        if (!upstream.zfs().version().text().equals(existing.zfsVersion())) {
            differences.add("zfs " + shown(existing.zfsVersion()));
        }
        if (differences.isEmpty()) {
            differences.add("kernel " + shown(existing.kernelVersion()));
        }
        return "carries " + String.join(", ", differences);
    }

    /** Label values come from an image: shown bounded and without control characters. */
    private static String shown(String labelValue) {
        return labelValue == null ? "(none)" : Printable.excerpt(labelValue, 80);
    }

    private static Decision decision(
            UpstreamObservation upstream,
            Action action,
            String reason,
            List<ArchResult> results,
            List<String> evidence) {
        return new Decision(
                upstream.stream(),
                upstream.coreosVersion().text(),
                upstream.zfs().version().text(),
                action,
                reason,
                results,
                DispatchResult.NONE,
                evidence);
    }
}
