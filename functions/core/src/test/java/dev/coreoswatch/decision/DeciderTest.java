package dev.coreoswatch.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.model.Action;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.ArchObservation;
import dev.coreoswatch.model.Compatibility;
import dev.coreoswatch.model.Decision;
import dev.coreoswatch.model.ImageLabels;
import dev.coreoswatch.model.KernelVersion;
import dev.coreoswatch.model.LinuxRange;
import dev.coreoswatch.model.MajorMinor;
import dev.coreoswatch.model.UpstreamObservation;
import dev.coreoswatch.model.Version;
import dev.coreoswatch.model.ZfsRelease;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeciderTest {
    private static final String REF = "ghcr.io/owner/custom-coreos:testing";
    private static final LinuxRange RANGE = new LinuxRange(new MajorMinor(4, 18), new MajorMinor(6, 19));

    /** kernels: arch -> kernel text or null for unknown. */
    private static UpstreamObservation upstream(String coreos, String zfs, Map<Arch, String> kernels) {
        List<ArchObservation> archs = new ArrayList<>();
        kernels.forEach((arch, k) -> {
            Optional<KernelVersion> kernel = Optional.ofNullable(k).map(KernelVersion::parse);
            archs.add(new ArchObservation(
                    arch, kernel, k == null ? "unknown" : "commitmeta.json", Compatibility.of(kernel, RANGE)));
        });
        archs.sort((a, b) -> a.arch().compareTo(b.arch()));
        return new UpstreamObservation(
                "testing",
                Version.parse(coreos),
                new ZfsRelease("zfs-" + zfs, Version.parse(zfs), false, false, Optional.empty()),
                RANGE,
                archs,
                Optional.empty(),
                Instant.parse("2026-03-02T10:00:00Z"),
                List.of());
    }

    private static Map<Arch, String> kernels(String x86, String arm) {
        Map<Arch, String> m = new HashMap<>();
        m.put(Arch.X86_64, x86);
        m.put(Arch.AARCH64, arm);
        return m;
    }

    private static TargetState target(Map<Arch, ImageLabels> labels) {
        return new TargetState(REF, labels, Optional.empty());
    }

    private final Decider decider = new Decider(Set.of());
    private final UpstreamObservation current =
            upstream("43.20260301.2.0", "2.3.6", kernels("6.18.9-200.fc43.x86_64", "6.18.9-200.fc43.aarch64"));

    private static ImageLabels labels(String coreos, String zfs, String kernel) {
        return new ImageLabels(coreos, zfs, kernel);
    }

    @Test
    void everyArchCarryingTheCombinationIsSkip() {
        Decision d = decider.decide(
                current,
                target(Map.of(
                        Arch.X86_64, labels("43.20260301.2.0", "2.3.6", "6.18.9-200.fc43.x86_64"),
                        Arch.AARCH64, labels("43.20260301.2.0", "2.3.6", "6.18.9-200.fc43.aarch64"))),
                false);
        assertEquals(Action.SKIP, d.action());
        assertTrue(d.architectures().stream().allMatch(a -> a.built()));
    }

    @Test
    void oneArchWithAnOlderCoreosIsBuildNamingThatPlatformAndValue() {
        Decision d = decider.decide(
                current,
                target(Map.of(
                        Arch.X86_64, labels("43.20260301.2.0", "2.3.6", "6.18.9-200.fc43.x86_64"),
                        Arch.AARCH64, labels("43.20260215.2.1", "2.3.6", "6.17.4-200.fc43.aarch64"))),
                false);
        assertEquals(Action.BUILD, d.action());
        assertEquals("linux/arm64 of " + REF + " carries coreos 43.20260215.2.1", d.reason());
        assertEquals(
                List.of(true, false),
                d.architectures().stream().map(a -> a.built()).toList());
    }

    @Test
    void missingTagIsBuildWithTheRegistrysReason() {
        Decision d =
                decider.decide(current, new TargetState(REF, Map.of(), Optional.of("tag testing not found")), false);
        assertEquals(Action.BUILD, d.action());
        assertTrue(d.reason().contains("is missing (tag testing not found)"), d.reason());
        assertNull(d.architectures().get(0).existing());
    }

    @Test
    void differentZfsIsBuild() {
        Decision d = decider.decide(
                current,
                target(Map.of(
                        Arch.X86_64, labels("43.20260301.2.0", "2.3.5", "6.18.9-200.fc43.x86_64"),
                        Arch.AARCH64, labels("43.20260301.2.0", "2.3.5", "6.18.9-200.fc43.aarch64"))),
                false);
        assertEquals(Action.BUILD, d.action());
        assertTrue(d.reason().endsWith("carries zfs 2.3.5"), d.reason());
    }

    @Test
    void unknownUpstreamKernelDoesNotRebuildForever() {
        UpstreamObservation unknown = upstream("43.20260301.2.0", "2.3.6", kernels(null, null));
        Decision d = decider.decide(
                unknown,
                target(Map.of(
                        Arch.X86_64, labels("43.20260301.2.0", "2.3.6", "6.18.9-200.fc43.x86_64"),
                        Arch.AARCH64, labels("43.20260301.2.0", "2.3.6", "6.18.9-200.fc43.aarch64"))),
                false);
        assertEquals(Action.SKIP, d.action());
        assertNull(d.architectures().get(0).kernelVersion());
        assertEquals(Compatibility.UNKNOWN, d.architectures().get(0).compatibility());
    }

    @Test
    void knownKernelThatDiffersFromTheLabelIsBuild() {
        Decision d = decider.decide(
                current,
                target(Map.of(
                        Arch.X86_64, labels("43.20260301.2.0", "2.3.6", "6.18.8-200.fc43.x86_64"),
                        Arch.AARCH64, labels("43.20260301.2.0", "2.3.6", "6.18.9-200.fc43.aarch64"))),
                false);
        assertEquals(Action.BUILD, d.action());
        assertTrue(
                d.reason().contains("linux/amd64") && d.reason().endsWith("carries kernel 6.18.8-200.fc43.x86_64"),
                d.reason());
    }

    @Test
    void kernelOutsideTheRangeHoldsWithTheNumbers() {
        UpstreamObservation ahead =
                upstream("44.20260512.2.0", "2.3.6", kernels("7.0.3-200.fc44.x86_64", "7.0.3-200.fc44.aarch64"));
        Decision d = decider.decide(ahead, target(Map.of()), false);
        assertEquals(Action.HOLD, d.action());
        assertTrue(
                d.reason().contains("7.0.3-200.fc44.x86_64")
                        && d.reason().contains("4.18-6.19")
                        && d.reason().contains("2.3.6"),
                d.reason());
        assertEquals(Compatibility.INCOMPATIBLE, d.architectures().get(0).compatibility());
    }

    @Test
    void onlyOneArchOutsideTheRangeStillHolds() {
        UpstreamObservation mixed =
                upstream("44.20260512.2.0", "2.3.6", kernels("6.19.2-200.fc44.x86_64", "7.0.1-200.fc44.aarch64"));
        Decision d = decider.decide(mixed, target(Map.of()), false);
        assertEquals(Action.HOLD, d.action());
        assertTrue(d.reason().contains("(aarch64)"), d.reason());
    }

    @Test
    void alreadyBuiltIsSkipEvenWhereAHoldWouldApply() {
        UpstreamObservation ahead = upstream("44.20260512.2.0", "2.3.6", kernels("7.0.3-200.fc44.x86_64", null));
        Decision d = decider.decide(
                ahead,
                target(Map.of(
                        Arch.X86_64, labels("44.20260512.2.0", "2.3.6", "7.0.3-200.fc44.x86_64"),
                        Arch.AARCH64, labels("44.20260512.2.0", "2.3.6", "7.0.3-200.fc44.aarch64"))),
                false);
        assertEquals(Action.SKIP, d.action());
    }

    @Test
    void blockedVersionHolds() {
        Decision d = new Decider(Set.of("43.20260301.2.0")).decide(current, target(Map.of()), false);
        assertEquals(Action.HOLD, d.action());
        assertTrue(d.reason().contains("coreos.blocked-versions"), d.reason());
    }

    @Test
    void forceTurnsSkipIntoBuildButNeverOverridesAHold() {
        Map<Arch, ImageLabels> built = Map.of(
                Arch.X86_64, labels("43.20260301.2.0", "2.3.6", "6.18.9-200.fc43.x86_64"),
                Arch.AARCH64, labels("43.20260301.2.0", "2.3.6", "6.18.9-200.fc43.aarch64"));
        Decision forced = decider.decide(current, target(built), true);
        assertEquals(Action.BUILD, forced.action());
        assertTrue(forced.reason().startsWith("forced rebuild"), forced.reason());
        Decision blocked = new Decider(Set.of("43.20260301.2.0")).decide(current, target(built), true);
        assertEquals(Action.HOLD, blocked.action());
    }

    @Test
    void imageWithoutOurLabelsIsBuildAndSaysSo() {
        Decision d = decider.decide(
                current,
                target(Map.of(Arch.X86_64, labels(null, null, null), Arch.AARCH64, labels(null, null, null))),
                false);
        assertEquals(Action.BUILD, d.action());
        assertTrue(d.reason().endsWith("has no custom-coreos labels"), d.reason());
    }

    @Test
    void hostileLabelValuesAreShownWithoutControlCharacters() {
        Decision d = decider.decide(
                current,
                target(Map.of(
                        Arch.X86_64, labels("43.1\u001b[2J\nforged line", "2.3.6", null),
                        Arch.AARCH64, labels("43.20260301.2.0", "2.3.6", null))),
                false);
        assertEquals(Action.BUILD, d.action());
        assertFalse(d.reason().contains("\n") || d.reason().contains("\u001b"), d.reason());
    }

    private TargetState newerOnArm() {
        // A metadata revert or a stale CDN copy: the stream offers 43.20260301.2.0, the image has 43.20260315.2.0 on
        // arm64.
        return target(Map.of(
                Arch.X86_64, labels("43.20260301.2.0", "2.3.6", "6.18.9-200.fc43.x86_64"),
                Arch.AARCH64, labels("43.20260315.2.0", "2.3.6", "6.18.10-200.fc43.aarch64")));
    }

    @Test
    void anImageCarryingANewerCoreosIsAHeldDowngradeNamingBothVersions() {
        Decision d = decider.decide(current, newerOnArm(), false);
        assertEquals(Action.HOLD, d.action());
        assertTrue(
                d.reason()
                        .startsWith("downgrade: linux/arm64 of " + REF + " carries coreos 43.20260315.2.0, newer than"
                                + " 43.20260301.2.0"),
                d.reason());
        assertTrue(d.reason().contains("coreos.allow-downgrade"), d.reason());
    }

    @Test
    void forceOrAllowDowngradeBuildsTheOlderVersion() {
        assertEquals(Action.BUILD, decider.decide(current, newerOnArm(), true).action());
        assertEquals(
                Action.BUILD,
                new Decider(Set.of(), true).decide(current, newerOnArm(), false).action());
    }

    @Test
    void versionsAreComparedPartByPartNotAsText() {
        UpstreamObservation newer =
                upstream("43.20260301.10.0", "2.3.6", kernels("6.18.9-200.fc43.x86_64", "6.18.9-200.fc43.aarch64"));
        Decision d =
                decider.decide(newer, target(Map.of(Arch.X86_64, labels("43.20260301.9.0", "2.3.6", null))), false);
        assertEquals(Action.BUILD, d.action(), "10 > 9: an upgrade, not a downgrade: " + d.reason());
    }

    @Test
    void aDowngradeOfAnImageThatAlreadyCarriesTheCombinationIsStillSkip() {
        Decision d = decider.decide(
                current,
                target(Map.of(
                        Arch.X86_64, labels("43.20260301.2.0", "2.3.6", "6.18.9-200.fc43.x86_64"),
                        Arch.AARCH64, labels("43.20260301.2.0", "2.3.6", "6.18.9-200.fc43.aarch64"))),
                false);
        assertEquals(Action.SKIP, d.action());
    }

    @Test
    void aBlockedVersionOutranksForceAndTheDowngradeRule() {
        Decision d = new Decider(Set.of("43.20260301.2.0"), true).decide(current, newerOnArm(), true);
        assertEquals(Action.HOLD, d.action());
        assertTrue(d.reason().contains("coreos.blocked-versions"), d.reason());
    }
}
