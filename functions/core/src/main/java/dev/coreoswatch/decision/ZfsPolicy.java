package dev.coreoswatch.decision;

import dev.coreoswatch.model.Version;
import dev.coreoswatch.model.ZfsRelease;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which OpenZFS release a build takes (docs/contract.md section 1). Several lines ship on the same day,
 * so "latest" is computed, never read off the list order. Pure: no I/O.
 */
public final class ZfsPolicy {
    private final Optional<Version> series;
    private final boolean allowDotZero;

    public ZfsPolicy(Optional<Version> series, boolean allowDotZero) {
        this.series = series;
        this.allowDotZero = allowDotZero;
    }

    /** The chosen release and a sentence saying why, or {@link NoZfsReleaseException}. */
    public ZfsChoice choose(List<ZfsRelease> releases) {
        List<ZfsRelease> usable = releases.stream()
                .filter(r -> !r.draft() && !r.prerelease())
                .filter(r -> r.version().last() != 99) // .99 tags mark development cycles, not releases
                .toList();
        if (series.isPresent()) {
            Version pin = series.get();
            return usable.stream()
                    .filter(r -> r.version().isIn(pin))
                    .max(byVersion())
                    .map(r -> new ZfsChoice(r, "newest release in the pinned series " + pin + " (zfs.series)"))
                    .orElseThrow(() -> new NoZfsReleaseException("no OpenZFS release in the pinned series " + pin
                            + " (zfs.series) among " + usable.size() + " published releases"));
        }
        if (usable.isEmpty()) {
            throw new NoZfsReleaseException(
                    "no published OpenZFS release (drafts, prereleases and .99 markers excluded)");
        }
        ZfsRelease newest = usable.stream().max(byVersion()).orElseThrow();
        if (allowDotZero) {
            return new ZfsChoice(newest, "newest release (zfs.allow-dot-zero is true)");
        }
        // A minor line counts once it has something beyond .0: a new line's .0 alone waits.
        Set<Version> provenLines = usable.stream()
                .filter(r -> r.version().last() > 0)
                .map(r -> lineOf(r.version()))
                .collect(Collectors.toSet());
        Optional<ZfsRelease> proven = usable.stream()
                .filter(r -> provenLines.contains(lineOf(r.version())))
                .max(byVersion());
        if (proven.isEmpty()) {
            return new ZfsChoice(newest, "newest release (no line has a release beyond .0 yet)");
        }
        String why = proven.get().equals(newest)
                ? "newest release"
                : "newest release of a line beyond .0 (" + newest.version()
                        + " waits for its .1; set zfs.allow-dot-zero to take it)";
        return new ZfsChoice(proven.get(), why);
    }

    private static Version lineOf(Version v) {
        return v.prefix(Math.max(1, v.size() - 1));
    }

    private static Comparator<ZfsRelease> byVersion() {
        return Comparator.comparing(ZfsRelease::version);
    }

    /** The release taken and the rule that took it. */
    public record ZfsChoice(ZfsRelease release, String why) {}
}
