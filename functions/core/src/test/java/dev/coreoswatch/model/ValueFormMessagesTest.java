package dev.coreoswatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Values read from upstream, labels and replay files name the form they take when they are wrong. */
class ValueFormMessagesTest {

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of(
                        (Function<String, ?>) Arch::parse,
                        "s390",
                        "architecture \"s390\" is not valid: use x86_64, aarch64, ppc64le or s390x"),
                Arguments.of(
                        (Function<String, ?>) Version::parse,
                        "43.2025-11",
                        "version \"43.2025-11\" is not valid: use dot-separated numbers such as 43.20251110.3.1"),
                Arguments.of(
                        (Function<String, ?>) StreamName::require,
                        "Stable",
                        "stream name \"Stable\" is not valid: use [a-z][a-z0-9-]{0,31} such as stable"),
                Arguments.of(
                        (Function<String, ?>) KernelVersion::parse,
                        "six",
                        "kernel version \"six\" is not valid: use a form such as 6.17.7-300.fc43.x86_64"),
                Arguments.of(
                        (Function<String, ?>) MajorMinor::parse,
                        "latest",
                        "kernel line \"latest\" is not valid: use major.minor such as 6.17"),
                Arguments.of(
                        (Function<String, ?>) LinuxRange::parse,
                        "4.18",
                        "Linux range \"4.18\" is not valid: use minimum-maximum such as 4.18-6.17"));
    }

    @ParameterizedTest
    @MethodSource("values")
    void theMessageNamesTheExpectedForm(Function<String, ?> parse, String value, String message) {
        assertEquals(
                message,
                assertThrows(InvalidValueException.class, () -> parse.apply(value))
                        .getMessage());
    }
}
