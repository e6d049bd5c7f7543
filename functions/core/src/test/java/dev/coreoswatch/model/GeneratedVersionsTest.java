package dev.coreoswatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.testing.Gen;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Generated cases for the version parsers: printing is the identity, compare is a total order, errors are declared. */
class GeneratedVersionsTest {
    private static final List<String> SAMPLES = List.of(
            "44.20260707.3.1",
            "2.4.10",
            "2.4.9",
            "2.6.99",
            "6.18.13-200.fc44.x86_64",
            "6.18",
            "4.18",
            "7.3",
            "5.14.0-570.el9.aarch64",
            "0",
            "1.0.0.0.0",
            "999999999999999999");

    /** A version-like string: mostly well formed, sometimes at the limits, sometimes broken. */
    private static String versionish(Gen gen) {
        if (gen.chance(60)) {
            int parts = gen.between(1, 11);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < parts; i++) {
                text.append(i == 0 ? "" : ".")
                        .append(gen.chance(10) ? gen.from("0123456789", 1, 20) : gen.number(gen.oneOf(2, 4, 6, 18)));
            }
            if (gen.chance(20)) {
                text.append('-').append(gen.from("0123456789abcdefxyz_.+~", 1, 12));
            }
            return text.toString();
        }
        return gen.nearly(SAMPLES);
    }

    @Test
    void versionParsesToItselfOrIsDeclaredInvalid() {
        Gen.forAll(
                "Version: parse then print",
                GeneratedVersionsTest::versionish,
                text -> parsedOrDeclared(text, Version::parse, v -> assertEquals(text, v.toString())));
    }

    @Test
    void kernelVersionParsesToItselfOrIsDeclaredInvalid() {
        Gen.forAll(
                "KernelVersion: parse then print",
                GeneratedVersionsTest::versionish,
                text -> parsedOrDeclared(text, KernelVersion::parse, k -> {
                    assertEquals(text, k.toString());
                    String[] numbers = text.split("[.-]");
                    assertEquals(new MajorMinor(Integer.parseInt(numbers[0]), Integer.parseInt(numbers[1])), k.line());
                }));
    }

    @Test
    void majorMinorParsesToItselfOrIsDeclaredInvalid() {
        Gen.forAll(
                "MajorMinor: parse then print",
                GeneratedVersionsTest::versionish,
                text -> parsedOrDeclared(
                        text, MajorMinor::parse, m -> assertEquals(m, MajorMinor.parse(m.toString()))));
    }

    @Test
    void versionCompareIsATotalOrderConsistentWithEquals() {
        Gen.forAll(
                "Version: total order",
                gen -> List.of(wellFormedVersion(gen), wellFormedVersion(gen), wellFormedVersion(gen)),
                v -> totalOrder(Version.parse(v.get(0)), Version.parse(v.get(1)), Version.parse(v.get(2))));
    }

    @Test
    void majorMinorCompareIsATotalOrderConsistentWithEquals() {
        Function<Gen, String> line = gen -> gen.number(2) + "." + gen.number(2);
        Gen.forAll(
                "MajorMinor: total order",
                gen -> List.of(line.apply(gen), line.apply(gen), line.apply(gen)),
                v -> totalOrder(MajorMinor.parse(v.get(0)), MajorMinor.parse(v.get(1)), MajorMinor.parse(v.get(2))));
    }

    /** Small numbers and few parts, so that equal and prefix-related versions come up often. */
    private static String wellFormedVersion(Gen gen) {
        int parts = gen.between(1, 4);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            text.append(i == 0 ? "" : ".").append(gen.chance(5) ? "0" : "").append(gen.between(0, 3));
        }
        return text.toString();
    }

    private static <T> void parsedOrDeclared(String text, Function<String, T> parse, Consumer<T> check) {
        T value;
        try {
            value = parse.apply(text);
        } catch (InvalidValueException declared) {
            assertTrue(Printable.isClean(declared.getMessage()), "message must be printable: " + declared.getMessage());
            return;
        }
        check.accept(value);
    }

    private static <T extends Comparable<T>> void totalOrder(T a, T b, T c) {
        assertEquals(Integer.signum(a.compareTo(b)), -Integer.signum(b.compareTo(a)), "antisymmetric");
        assertEquals(a.compareTo(b) == 0, a.equals(b), "consistent with equals");
        assertEquals(0, a.compareTo(a), "reflexive");
        if (a.compareTo(b) <= 0 && b.compareTo(c) <= 0) {
            assertTrue(a.compareTo(c) <= 0, "transitive");
        }
        if (a.equals(b)) {
            assertEquals(a.hashCode(), b.hashCode(), "hash consistent with equals");
        }
    }
}
