package dev.coreoswatch.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.KernelVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HistoryParserTest {
    private static final String VALID = """
            {"format": "coreos-watch-history/1",
             "period": {"from": "2030-03-01T00:00:00Z", "to": "2030-03-10T00:00:00Z"},
             "architectures": ["x86_64", "aarch64"],
             "fcos": {"stable": [
               {"release": "51.20300215.3.0", "date": "2030-03-01", "kernels": {"x86_64": "7.4.3-100.fc51.x86_64", "aarch64": null}},
               {"release": "51.20300301.3.0", "date": "2030-03-04T10:10:00Z", "kernels": {"x86_64": "7.5.1-100.fc51.x86_64"},
                "kernelsVisible": false, "note": "from a lockfile"}]},
             "zfs": [
               {"tag": "zfs-3.1.3", "date": "2030-03-06T07:45:00Z", "published": "2030-03-08T12:00:00Z", "draft": false, "prerelease": false,
                "linuxMinimum": "5.10", "linuxMaximum": "7.5"},
               {"tag": "zfs-3.2.0-rc1", "date": "2030-02-01T00:00:00Z", "linuxMinimum": "5.10", "linuxMaximum": "7.6"}]}
            """;

    private static History parse(String json) {
        return HistoryParser.parse(json.getBytes(StandardCharsets.UTF_8), "test history");
    }

    @Test
    void readsReleasesKernelsAndZfsReleases() {
        History h = parse(VALID);
        assertEquals(Instant.parse("2030-03-01T00:00:00Z"), h.from());
        assertEquals(List.of(Arch.X86_64, Arch.AARCH64), h.architectures());
        List<FcosRelease> stable = h.streams().get("stable");
        assertEquals(2, stable.size());
        FcosRelease first = stable.get(0);
        assertEquals(Instant.parse("2030-03-01T00:00:00Z"), first.date(), "a date alone is 00:00 UTC");
        assertEquals(Optional.of(KernelVersion.parse("7.4.3-100.fc51.x86_64")), first.observedKernel(Arch.X86_64));
        assertEquals(Optional.empty(), first.kernel(Arch.AARCH64), "null is an unknown kernel");
        FcosRelease second = stable.get(1);
        assertEquals(Optional.of(KernelVersion.parse("7.5.1-100.fc51.x86_64")), second.kernel(Arch.X86_64));
        assertEquals(
                Optional.empty(),
                second.observedKernel(Arch.X86_64),
                "kernelsVisible false hides it from the watcher only");
        assertEquals(Optional.empty(), second.kernel(Arch.AARCH64), "an arch left out is unknown");
        // ZFS releases come sorted by date, whatever the file's order
        assertEquals("zfs-3.2.0-rc1", h.zfs().get(0).release().tag());
        assertTrue(h.zfs().get(0).release().prerelease(), "a release candidate is a prerelease even without the flag");
        assertEquals("3.2.0", h.zfs().get(0).release().version().text());
        assertEquals("5.10-7.5", h.zfs().get(1).range().toString());
        assertFalse(h.zfs().get(1).release().draft());
        // A watcher sees a release when it is published, not when it was tagged; without "published", the tag's date.
        assertEquals(Instant.parse("2030-03-08T12:00:00Z"), h.zfs().get(1).date());
        assertEquals(
                Optional.of(Instant.parse("2030-03-08T12:00:00Z")),
                h.zfs().get(1).release().publishedAt());
        assertEquals(Instant.parse("2030-02-01T00:00:00Z"), h.zfs().get(0).date());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON                  | "format":                                      | "format"             | is not valid JSON
            other format              | coreos-watch-history/1                         | coreos-watch-history/2 | format: expected "coreos-watch-history/1"
            period reversed           | "to": "2030-03-10T00:00:00Z"                   | "to": "2030-02-10T00:00:00Z" | period: from 2030-03-01T00:00:00Z is not before to 2030-02-10T00:00:00Z
            period missing            | "period":                                      | "span":              | the document: has an unknown field "span"
            unknown architecture      | ["x86_64", "aarch64"]                          | ["x86_64", "mips"]   | architectures[1]: architecture "mips" is not valid
            architecture twice        | ["x86_64", "aarch64"]                          | ["x86_64", "x86_64"] | architectures[1]: x86_64 is listed twice
            typo in a field           | "kernelsVisible"                               | "kernelVisible"      | fcos.stable[1]: has an unknown field "kernelVisible"
            bad release version       | "51.20300301.3.0"                              | "51.2030-0301"       | fcos.stable[1].release: version "51.2030-0301" is not valid
            bad kernel                | "7.4.3-100.fc51.x86_64"                        | "seven; rm -rf /"    | fcos.stable[0].kernels.x86_64: kernel version "seven; rm -rf /" is not valid
            kernel not a string       | "7.5.1-100.fc51.x86_64"                        | 7.5                  | fcos.stable[1].kernels.x86_64: is not a string
            arch outside the history  | {"x86_64": "7.5.1-100.fc51.x86_64"}            | {"s390x": "7.5.1-100.fc51.s390x"} | fcos.stable[1].kernels.s390x: s390x is not in the history's architectures
            entries out of order      | 2030-03-04T10:10:00Z                           | 2030-02-04T10:10:00Z | fcos.stable[1].date: 2030-02-04T10:10:00Z is not after the previous entry's 2030-03-01T00:00:00Z
            unreadable date           | "2030-03-01"                                   | "1 March 2030"       | fcos.stable[0].date: "1 March 2030" is neither a date
            bad stream name           | "stable": [                                    | "Stable!": [         | fcos: stream name "Stable!" is not valid
            empty stream              | "stable": [                                    | "stable": [], "old": [ | fcos.stable: has no releases
            hostile zfs tag           | zfs-3.1.3                                      | zfs-3.1.3;reboot     | zfs[0].tag: "zfs-3.1.3;reboot" is not an OpenZFS release tag
            range upside down         | "linuxMinimum": "5.10", "linuxMaximum": "7.5"  | "linuxMinimum": "7.10", "linuxMaximum": "7.5" | zfs[0]: linuxMinimum 7.10 is above linuxMaximum 7.5
            range not a line          | "linuxMaximum": "7.5"}                         | "linuxMaximum": "latest"} | zfs[0].linuxMaximum: kernel line "latest" is not valid
            published before the tag  | "published": "2030-03-08T12:00:00Z"           | "published": "2030-03-05T12:00:00Z" | zfs[0].published: 2030-03-05T12:00:00Z is before the tag's date 2030-03-06T07:45:00Z
            published unreadable     | "published": "2030-03-08T12:00:00Z"           | "published": "soon"  | zfs[0].published: "soon" is neither a date
            draft not a boolean       | "draft": false                                 | "draft": "no"        | zfs[0].draft: is not true or false
            zfs missing               | "zfs": [                                       | "zfz": [             | has an unknown field "zfz"
            """)
    void malformedHistoriesAreRejectedNamingTheEntryAndField(String name, String from, String to, String message) {
        String json = VALID.replace(from, to);
        assertFalse(json.equals(VALID), "the mutation must apply");
        HistoryException e = assertThrows(HistoryException.class, () -> parse(json));
        assertTrue(e.getMessage().startsWith("test history"), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aReleaseThatComesBackMustComeBackWithTheSameKernels() {
        String json = VALID.replace(
                "\"kernelsVisible\": false, \"note\": \"from a lockfile\"}]}",
                "\"kernelsVisible\": false},\n{\"release\": \"51.20300215.3.0\", \"date\": \"2030-03-05\", \"kernels\": {\"x86_64\": \"7.4.4-100.fc51.x86_64\"}}]}");
        HistoryException e = assertThrows(HistoryException.class, () -> parse(json));
        assertEquals(
                "test history: fcos.stable[2].kernels: release 51.20300215.3.0 comes back with other kernels than at"
                        + " 2030-03-01T00:00:00Z",
                e.getMessage());
    }

    @Test
    void aDuplicateZfsTagIsRejected() {
        String json = VALID.replace("\"tag\": \"zfs-3.2.0-rc1\"", "\"tag\": \"zfs-3.1.3\"");
        assertEquals(
                "test history: zfs[1].tag: zfs-3.1.3 is listed twice",
                assertThrows(HistoryException.class, () -> parse(json)).getMessage());
    }

    @Test
    void aMissingOrOversizedFileIsAClearError(@TempDir Path dir) throws Exception {
        HistoryException missing = assertThrows(HistoryException.class, () -> History.read(dir.resolve("none.json")));
        assertTrue(missing.getMessage().contains("none.json is not a readable file"), missing.getMessage());
        Path empty = Files.writeString(dir.resolve("empty.json"), "");
        assertTrue(assertThrows(HistoryException.class, () -> History.read(empty))
                .getMessage()
                .contains("is empty"));
    }

    @Test
    void theShippedHistoryHoldsTheDerivedRows() {
        History h = History.shipped();
        assertEquals(Instant.parse("2024-07-03T00:00:00Z"), h.from());
        assertEquals(Instant.parse("2026-07-22T00:00:00Z"), h.to());
        assertEquals(List.of("stable"), List.copyOf(h.streams().keySet()), "only stable has a real FCOS history");
        List<FcosRelease> stable = h.streams().get("stable");
        assertEquals(56, stable.size(), "one entry per row of fcos-stable-kernel-history-derived.csv");
        assertEquals(
                6, stable.stream().filter(r -> r.kernels().isEmpty()).count(), "the six Fedora 44 rows stay unknown");
        assertTrue(stable.stream().allMatch(FcosRelease::kernelsVisible));
        // a row with an exact time from the release history, and one with a date only
        FcosRelease f43 = stable.stream()
                .filter(r -> r.version().text().equals("43.20251024.3.0"))
                .findFirst()
                .orElseThrow();
        assertEquals(Instant.parse("2025-11-12T02:16:38Z"), f43.date());
        assertEquals(
                "6.17.1-300.fc43.aarch64",
                f43.kernel(Arch.AARCH64).orElseThrow().text());
        FcosRelease pinned = stable.stream()
                .filter(r -> r.version().text().equals("40.20240701.3.0"))
                .findFirst()
                .orElseThrow();
        assertEquals(Instant.parse("2024-07-17T00:00:00Z"), pinned.date());
        // 67 tags 2.1.0 .. 2.4.4 with their release candidates; the five .99 markers are not releases
        assertEquals(67, h.zfs().size());
        assertTrue(h.zfs().stream().noneMatch(z -> z.release().version().last() == 99));
        ZfsHistoryRelease z225 = h.zfs().stream()
                .filter(z -> z.release().tag().equals("zfs-2.2.5"))
                .findFirst()
                .orElseThrow();
        assertEquals(Instant.parse("2024-08-03T01:03:09Z"), z225.date(), "tagged 2024-08-02T18:03:09-07:00");
        assertEquals("3.10-6.9", z225.range().toString());
        // From 2.3.0-rc1 (2024-10) on, the releases carry their publication: 2.2.7 was published a week after its tag.
        ZfsHistoryRelease z227 = h.zfs().stream()
                .filter(z -> z.release().tag().equals("zfs-2.2.7"))
                .findFirst()
                .orElseThrow();
        assertEquals(Instant.parse("2024-12-11T22:55:35Z"), z227.date(), "tagged 2024-12-04T22:12:39Z");
        ZfsHistoryRelease z241 = h.zfs().stream()
                .filter(z -> z.release().tag().equals("zfs-2.4.1"))
                .findFirst()
                .orElseThrow();
        assertEquals(Instant.parse("2026-02-24T19:34:26Z"), z241.date(), "tagged 2026-02-19T19:14:37Z");
    }
}
