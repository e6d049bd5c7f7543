package dev.coreoswatch.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.model.KernelVersion;
import dev.coreoswatch.model.LinuxRange;
import dev.coreoswatch.model.MajorMinor;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MetaFileTest {
    @ParameterizedTest
    @CsvSource({
        "openzfs-META-2.2.6.txt, 2.2.6, 3.10, 6.10",
        "openzfs-META-2.3.0.txt, 2.3.0, 4.18, 6.12",
        "openzfs-META-2.4.4.txt, 2.4.4, 4.18, 7.2",
        "openzfs-META-variant-2.5.0.txt, 2.5.0, 5.10, 6.19"
    })
    void readsTheRealFiles(String file, String version, String minimum, String maximum) {
        MetaFile meta = MetaFile.parse(Fixtures.text(file), file);

        assertEquals(Optional.of("zfs"), meta.name());
        assertEquals(Optional.of(version), meta.version());
        assertEquals(Optional.of("1"), meta.release());
        assertEquals(new LinuxRange(MajorMinor.parse(minimum), MajorMinor.parse(maximum)), meta.linuxRange(file));
    }

    @Test
    void theRangeComparesKernelLinesNumerically() {
        LinuxRange upTo72 =
                MetaFile.parse(Fixtures.text("openzfs-META-2.4.4.txt"), "META").linuxRange("META");
        LinuxRange upTo619 = MetaFile.parse(Fixtures.text("openzfs-META-variant-2.5.0.txt"), "META")
                .linuxRange("META");

        assertTrue(upTo72.contains(KernelVersion.parse("7.2.9-200.fc45.x86_64")));
        assertFalse(upTo72.contains(KernelVersion.parse("7.3.0-100.fc45.x86_64")));
        assertTrue(upTo619.contains(KernelVersion.parse("6.19.14-200.fc44.x86_64")));
        assertFalse(upTo619.contains(KernelVersion.parse("7.0.4-300.fc44.aarch64")));
        assertFalse(upTo619.contains(KernelVersion.parse("5.9.16-100.fc33.x86_64")));
    }

    @Test
    void acceptsCarriageReturnsAndWideSpacing() {
        MetaFile meta = MetaFile.parse(
                "Meta: 1\r\nName:\tzfs\r\nVersion:   2.6.1\r\nLinux-Maximum:7.4\r\nLinux-Minimum:    5.10\r\n", "META");

        assertEquals(new LinuxRange(new MajorMinor(5, 10), new MajorMinor(7, 4)), meta.linuxRange("META"));
        assertEquals(Optional.of("2.6.1"), meta.version());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Version: 2.4.4\nLinux-Maximum: 7.2\n",
                "Version: 2.4.4\nLinux-Minimum: 4.18\n",
                "Version: 2.4.4\nLinux-Minimum: 4.18\nLinux-Maximum:\n",
                "Linux-Minimum: 4.18\nLinux-Maximum: 7.x\n",
                "Linux-Minimum: 4.18\nLinux-Maximum: 7.2.1\n",
                "Linux-Minimum: 4.18\nLinux-Maximum: $(reboot)\n",
                "Linux-Minimum: 6.1\nLinux-Maximum: 5.10\n",
                "Linux-Minimum: 4.18\nLinux-Maximum: 7.2\nLinux-Maximum: 7.9\n",
                "   \n",
                "<html><body>rate limited</body></html>"
            })
    void aFileWithoutAUsableRangeIsAFormatError(String text) {
        UpstreamFormatException e = assertThrows(
                UpstreamFormatException.class,
                () -> MetaFile.parse(text, "META of o/r at zfs-2.4.4").linuxRange("META of o/r at zfs-2.4.4"));

        assertTrue(e.getMessage().startsWith("META of o/r at zfs-2.4.4"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aRepeatedLineWithTheSameValueIsHarmless() {
        MetaFile meta = MetaFile.parse("Linux-Minimum: 4.18\nLinux-Maximum: 7.2\nLinux-Maximum: 7.2\n", "META");

        assertEquals("4.18-7.2", meta.linuxRange("META").toString());
    }
}
