package dev.coreoswatch.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.Combination;
import dev.coreoswatch.model.InvalidValueException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LedgerKeyTest {

    @Test
    void theKeyIsImageStreamCoreosAndZfsJoinedByBars() {
        LedgerKey key = LedgerKey.of("ghcr.io/owner/custom-coreos", "testing", "43.20251117.2.0", "2.3.5");

        assertEquals("ghcr.io/owner/custom-coreos|testing|43.20251117.2.0|2.3.5", key.toString());
        assertEquals(key, LedgerKey.parse(key.toString()));
    }

    @Test
    void theKernelsOfACombinationAreNotPartOfItsKey() {
        Combination combination =
                new Combination("43.20251117.2.0", "2.3.5", Map.of(Arch.X86_64, "6.17.7-300.fc43.x86_64"));

        assertEquals(
                LedgerKey.of("ghcr.io/owner/custom-coreos", "testing", "43.20251117.2.0", "2.3.5"),
                LedgerKey.of("ghcr.io/owner/custom-coreos", "testing", combination));
    }

    static Stream<Arguments> blurringParts() {
        String image = "ghcr.io/owner/custom-coreos";
        return Stream.of(
                Arguments.of(image + "|x", "stable", "43.1", "2.3.5"),
                Arguments.of(image, "stable|x", "43.1", "2.3.5"),
                Arguments.of(image, "stable", "43.1|2", "2.3.5"),
                Arguments.of(image, "stable", "43.1", "2.3.5|x"),
                Arguments.of("ghcr.io/owner/custom coreos", "stable", "43.1", "2.3.5"),
                Arguments.of(image, "Stable", "43.1", "2.3.5"),
                Arguments.of(image, "stable", "43.1\n", "2.3.5"),
                Arguments.of(image, "stable", "43.1", "2.3.5\u001b[31m"),
                Arguments.of("", "stable", "43.1", "2.3.5"),
                Arguments.of(image, "stable", "", "2.3.5"),
                Arguments.of(image, "stable", "43.1", null),
                Arguments.of(image, "stable", "4".repeat(65), "2.3.5"));
    }

    @ParameterizedTest
    @MethodSource("blurringParts")
    void partsThatCouldBlurTheKeyAreRejected(String image, String stream, String coreos, String zfs) {
        InvalidValueException e =
                assertThrows(InvalidValueException.class, () -> LedgerKey.of(image, stream, coreos, zfs));
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\u001b"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a|stable|1", "a|stable|1|2|3", "a||1|2"})
    void storedKeysThatDoNotSplitIntoFourValidPartsAreRejected(String text) {
        assertThrows(InvalidValueException.class, () -> LedgerKey.parse(text));
    }
}
