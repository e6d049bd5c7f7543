package dev.coreoswatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When an arch's labels carry a combination: the one comparison the decider and the run follower share. */
class CombinationTest {
    private static final String COREOS = "44.20260707.3.1";
    private static final String ZFS = "2.4.10";
    private static final String KERNEL = "6.15.4-200.fc42.x86_64";

    @ParameterizedTest(name = "wanted kernel {0}, labels {1}/{2}/{3}: carried {4}")
    @CsvSource(
            nullValues = "-",
            value = {
                // wanted kernel,        label coreos,      label zfs, label kernel,             carried
                "6.15.4-200.fc42.x86_64, 44.20260707.3.1, 2.4.10, 6.15.4-200.fc42.x86_64, true",
                "6.15.4-200.fc42.x86_64, 44.20260707.3.1, 2.4.10, 6.15.3-200.fc42.x86_64, false",
                "6.15.4-200.fc42.x86_64, 44.20260707.3.1, 2.4.10, -,                      true", // image without the
                // kernel label
                "-,                      44.20260707.3.1, 2.4.10, 6.15.3-200.fc42.x86_64, true", // upstream kernel
                // unknown
                "-,                      44.20260707.3.1, 2.4.10, -,                      true", // neither side knows
                // it
                "6.15.4-200.fc42.x86_64, 44.20260630.3.0, 2.4.10, 6.15.4-200.fc42.x86_64, false", // other CoreOS
                "6.15.4-200.fc42.x86_64, 44.20260707.3.1, 2.4.9,  6.15.4-200.fc42.x86_64, false", // other ZFS
                "-,                      44.20260707.3.1, 2.4.9,  -,                      false", // unknown kernel does
                // not excuse ZFS
                "6.15.4-200.fc42.x86_64, -,               -,      -,                      false", // no custom-coreos
                // labels
                "6.15.4-200.fc42.x86_64, -,               2.4.10, 6.15.4-200.fc42.x86_64, false",
            })
    void carriedByLabels(String wantedKernel, String coreos, String zfs, String kernel, boolean carried) {
        Map<Arch, String> kernels = new LinkedHashMap<>();
        kernels.put(Arch.X86_64, wantedKernel);
        Combination wanted = new Combination(COREOS, ZFS, kernels);
        assertEquals(carried, wanted.carriedBy(new ImageLabels(coreos, zfs, kernel), Arch.X86_64));
    }

    @Test
    void anArchWithoutImageDoesNotCarryIt() {
        assertFalse(new Combination(COREOS, ZFS, Map.of(Arch.X86_64, KERNEL)).carriedBy(null, Arch.X86_64));
    }

    @Test
    void theKernelIsComparedPerArch() {
        Combination wanted =
                new Combination(COREOS, ZFS, Map.of(Arch.X86_64, KERNEL, Arch.AARCH64, "6.15.4-200.fc42.aarch64"));
        ImageLabels x86Labels = new ImageLabels(COREOS, ZFS, KERNEL);
        assertEquals(true, wanted.carriedBy(x86Labels, Arch.X86_64));
        assertFalse(wanted.carriedBy(x86Labels, Arch.AARCH64));
    }

    @Test
    void aDecisionNamesItsCombinationInArchOrderWithUnknownKernels() {
        Decision decision = new Decision(
                "stable",
                COREOS,
                ZFS,
                Action.BUILD,
                "why",
                List.of(
                        new ArchResult(Arch.AARCH64, null, Compatibility.UNKNOWN, "6.1 - 6.15", null, false),
                        new ArchResult(Arch.X86_64, KERNEL, Compatibility.COMPATIBLE, "6.1 - 6.15", null, false)),
                DispatchResult.NONE,
                List.of());
        Combination combination = decision.combination();
        assertEquals(COREOS, combination.coreosVersion());
        assertEquals(ZFS, combination.zfsVersion());
        assertEquals(
                List.of(Arch.AARCH64, Arch.X86_64),
                List.copyOf(combination.kernels().keySet()));
        assertEquals(KERNEL, combination.kernel(Arch.X86_64).orElseThrow());
        assertFalse(combination.kernel(Arch.AARCH64).isPresent());
    }
}
