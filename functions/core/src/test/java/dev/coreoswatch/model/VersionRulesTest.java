package dev.coreoswatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The numeric rules of docs/contract.md section 1 as a table. */
class VersionRulesTest {

    @ParameterizedTest(name = "{0} > {1}")
    @CsvSource({
        "2.4.10, 2.4.9",
        "2.4.1, 2.4",
        "2.10.0, 2.9.99",
        "44.20260707.3.1, 44.20260707.3.0",
        "44.20260419.3.1, 43.20260413.3.2",
        "10.0, 9.99999",
    })
    void versionsCompareNumerically(String greater, String smaller) {
        assertTrue(Version.parse(greater).compareTo(Version.parse(smaller)) > 0);
        assertTrue(Version.parse(smaller).compareTo(Version.parse(greater)) < 0);
    }

    @ParameterizedTest(name = "{0} > {1}")
    @CsvSource({"6.10, 6.9", "7.0, 6.19", "6.19, 6.2", "10.1, 9.30"})
    void kernelLinesCompareNumerically(String greater, String smaller) {
        assertTrue(MajorMinor.parse(greater).compareTo(MajorMinor.parse(smaller)) > 0);
    }

    @ParameterizedTest(name = "{0} in {1}-{2}: {3}")
    @CsvSource({
        "7.1.4-200.fc44.x86_64, 4.18, 7.1, COMPATIBLE",
        "7.1.0, 4.18, 7.1, COMPATIBLE",
        "7.2.0-100.fc45.aarch64, 4.18, 7.1, INCOMPATIBLE",
        "6.10.3-200.fc40.x86_64, 4.18, 6.9, INCOMPATIBLE",
        "6.9.12-200.fc40.x86_64, 4.18, 6.10, COMPATIBLE",
        "7.0.5-200.fc44.x86_64, 4.18, 6.19, INCOMPATIBLE",
        "6.19.10-200.fc43.x86_64, 4.18, 7.0, COMPATIBLE",
        "4.17.1, 4.18, 7.0, INCOMPATIBLE",
        "4.18.0-553.el8, 4.18, 7.0, COMPATIBLE",
    })
    void compatibilityComparesMajorMinorOnly(String kernel, String min, String max, Compatibility expected) {
        LinuxRange range = new LinuxRange(MajorMinor.parse(min), MajorMinor.parse(max));
        assertEquals(expected, Compatibility.of(Optional.of(KernelVersion.parse(kernel)), range));
    }

    @Test
    void unknownKernelIsUnknownNotIncompatible() {
        LinuxRange range = new LinuxRange(MajorMinor.parse("4.18"), MajorMinor.parse("7.1"));
        assertEquals(Compatibility.UNKNOWN, Compatibility.of(Optional.empty(), range));
    }

    @ParameterizedTest
    @CsvSource({"2.4.4, 2.4, true", "2.40.1, 2.4, false", "2.4, 2.4, false", "2.4.0, 2, true", "3.4.1, 2.4, false"})
    void seriesMatchesWholeNumbersOnly(String version, String series, boolean expected) {
        assertEquals(expected, Version.parse(version).isIn(Version.parse(series)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "44.2026;rm -rf /",
                "$(id)",
                "2.4.4-rc1",
                "v2.4.4",
                "2..4",
                ".2.4",
                "2.4.",
                "1e3",
                "99999999999999999999.1",
                "2.4.4\n",
                "٣.٤",
                "2.4.4 "
            })
    void hostileVersionsAreRejectedWithTheValueQuoted(String text) {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> Version.parse(text));
        assertFalse(e.getMessage().contains("\n"), "message must stay on one line");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"6.18.13-200.fc44.x86_64;reboot", "6", "linux-6.18", "6.18.13-200.fc44.x86_64 ", "$(uname -r)"})
    void hostileKernelStringsAreRejected(String text) {
        assertThrows(InvalidValueException.class, () -> KernelVersion.parse(text));
    }

    @Test
    void kernelKeepsItsFullTextAndLine() {
        KernelVersion k = KernelVersion.parse("6.18.13-200.fc44.x86_64");
        assertEquals("6.18.13-200.fc44.x86_64", k.text());
        assertEquals(new MajorMinor(6, 18), k.line());
    }
}
