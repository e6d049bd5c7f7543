package dev.coreoswatch.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.http.Http;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.KernelVersion;
import dev.coreoswatch.model.LinuxRange;
import dev.coreoswatch.model.Printable;
import dev.coreoswatch.model.Version;
import dev.coreoswatch.testing.Gen;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Generated documents for the upstream parsers: any {@code META}, stream metadata or commitmeta
 * gives a value or {@link UpstreamFormatException} with a printable message, never another exception.
 */
class GeneratedUpstreamParsersTest {
    private static final URI BASE = URI.create("https://builds.coreos.fedoraproject.org");
    private static final String META = """
            Meta:          1
            Name:          zfs
            Branch:        1.0
            Version:       2.4.10
            Release:       1
            Release-Tags:  relext
            License:       CDDL
            Author:        OpenZFS
            Linux-Maximum: 6.19
            Linux-Minimum: 4.18
            """;
    /** The shape of streams/stable.json, cut to what the reader looks at (the real file is 60 KB). */
    private static final String STREAM = """
            {"stream": "stable", "metadata": {"last-modified": "2026-07-21T15:04:08Z", "generator": "fedora-coreos-stream-generator v0.4.0"},
             "architectures": {
               "x86_64": {"artifacts": {"metal": {"release": "44.20260707.3.1", "formats": {"raw.xz": {"disk": {"location": "x"}}}}}},
               "aarch64": {"artifacts": {"metal": {"release": "44.20260707.3.1"}}},
               "s390x": {"artifacts": {"metal": {"release": "44.20260707.3.1"}}}}}
            """;

    private static final String COMMITMETA = """
            {"coreos-assembler.basearch": "x86_64", "version": "44.20260707.3.1",
             "rpmostree.rpmdb.pkglist": [["bash", "0", "5.2.37", "1.fc44", "x86_64"], ["kernel", "0", "6.19.14", "200.fc44", "x86_64"],
               ["kernel-core", "0", "6.19.14", "200.fc44", "x86_64"], ["zlib-ng", "0", "2.2.4", "2.fc44", "x86_64"]]}
            """;

    @Test
    void metaGivesARangeOrADeclaredError() {
        Gen.forAll("META", gen -> gen.chance(90) ? metaLike(gen) : gen.text(200), text -> {
            try {
                LinuxRange range = MetaFile.parse(text, "META").linuxRange("META");
                assertTrue(range.minimum().compareTo(range.maximum()) <= 0, range::toString);
            } catch (UpstreamFormatException declared) {
                assertPrintable(declared);
            }
        });
    }

    @Test
    void streamMetadataGivesReleasesOrADeclaredError() {
        Gen.forAll("stream metadata", gen -> gen.nearlyJson(STREAM), body -> {
            try {
                StreamRelease release = new FcosStreamMetadata(serving(body), BASE).read("stable");
                assertTrue(release.toString() != null);
            } catch (UpstreamFormatException declared) {
                assertPrintable(declared);
            }
        });
    }

    @Test
    void commitmetaGivesAKernelOrNoneOrADeclaredError() {
        Version release = Version.parse("44.20260707.3.1");
        Gen.forAll("commitmeta pkglist", gen -> gen.nearlyJson(COMMITMETA), body -> {
            try {
                new CommitmetaKernelSource(serving(body), BASE)
                        .kernel("stable", release, Arch.X86_64)
                        .ifPresent(k -> assertEquals(KernelVersion.parse(k.text()), k));
            } catch (UpstreamFormatException declared) {
                assertPrintable(declared);
            }
        });
    }

    @Test
    void theUnchangedSamplesParse() {
        assertEquals(
                "4.18-6.19", MetaFile.parse(META, "META").linuxRange("META").toString());
        assertEquals(
                "6.19.14-200.fc44.x86_64",
                new CommitmetaKernelSource(serving(COMMITMETA), BASE)
                        .kernel("stable", Version.parse("44.20260707.3.1"), Arch.X86_64)
                        .orElseThrow()
                        .text());
    }

    /** META lines in any order, with odd keys, values, duplicates and separators. */
    private static String metaLike(Gen gen) {
        StringBuilder out = new StringBuilder();
        for (int i = gen.between(0, 8); i > 0; i--) {
            String key =
                    gen.oneOf("Linux-Minimum", "Linux-Maximum", "Name", "Version", "Linux-minimum", gen.text(6), "");
            String value =
                    gen.oneOf("4.18", "6.19", "7.3", "6", "6.19.1", "99999.1", "-1.0", " 5.10 ", gen.text(8), "");
            out.append(key)
                    .append(gen.oneOf(":", ": ", ":\t", "=", " : "))
                    .append(value)
                    .append(gen.oneOf("\n", "\r\n", "\r", ""));
        }
        return gen.chance(50) ? gen.mutate(META) + out : out.toString();
    }

    private static Http serving(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return request ->
                new Http.Response(200, Map.of("content-type", List.of("application/json")), bytes, request.uri());
    }

    private static void assertPrintable(Exception e) {
        assertTrue(
                e.getMessage() != null && Printable.isClean(e.getMessage()),
                () -> "message not printable: " + Gen.show(e.getMessage()));
    }
}
