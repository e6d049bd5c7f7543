package dev.coreoswatch.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small seeded generator for property tests on plain JUnit 5 (no property library). Each
 * {@link #forAll} runs {@link #CASES} cases from one seed; a failure names the property, the case,
 * the seed and the input, and {@code -Dgen.seed=<seed>} replays exactly that run
 * ({@code -Dgen.cases=<n>} changes the count). Without {@code gen.seed} the seed is fixed, so the
 * same commit gives the same verdict in CI; {@code -Dgen.seed=random} explores with a fresh seed.
 */
public final class Gen {
    public static final int CASES = Integer.getInteger("gen.cases", 10_000);
    /** For properties that write a file per case (about 4 ms each here); the same inputs also run {@link #CASES} times in memory. */
    public static final int FILE_CASES = Math.max(1, CASES / 10);

    /** Characters that break parsers, terminals and shells: controls, C1, separators, bidi, quotes, surrogates. */
    private static final String NASTY = "\u0000\u0001\u0007\b\t\n\u000b\f\r\u001b\u007f\u0080\u0085\u009b\u009d\u00a0"
            + "\u061c\u200b\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\ufffd"
            + "\"'`\\$;|&<>(){}[]*?!#%=~^,:@/.+-_ ";
    /** A string, number or literal after a colon: the values {@link #nearlyJson} may replace. */
    private static final Pattern JSON_VALUE =
            Pattern.compile(":\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|-?[0-9][0-9.eE+-]*|true|false|null)");

    private static final String HIGH = "\ud83d";
    private static final String LOW = "\ude00";

    private final SplittableRandom random;

    private Gen(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A generator on its own seed, for a test that wants values outside {@link #forAll}. */
    public static Gen seeded(long seed) {
        return new Gen(seed);
    }

    /** The seed every build uses unless {@code -Dgen.seed} says otherwise. */
    static final long DEFAULT_SEED = 20261206L;

    /** The seed of this run: {@code -Dgen.seed=<n>}, a fresh one for {@code -Dgen.seed=random}, else {@link #DEFAULT_SEED}. */
    public static long seed() {
        String asked = System.getProperty("gen.seed", "");
        if (asked.equals("random")) {
            return System.nanoTime() ^ Double.doubleToLongBits(Math.random());
        }
        return asked.isBlank() ? DEFAULT_SEED : Long.parseLong(asked.strip());
    }

    /**
     * Checks {@code property} on {@link #CASES} values of {@code generator}. The property fails by
     * throwing (an assertion, or an exception it was not meant to throw).
     */
    public static <T> void forAll(String property, Function<Gen, T> generator, Consumer<T> check) {
        forAll(property, CASES, generator, check);
    }

    /** As {@link #forAll(String, Function, Consumer)} with another count: for a property that writes a file per case. */
    public static <T> void forAll(String property, int cases, Function<Gen, T> generator, Consumer<T> check) {
        long seed = seed();
        Gen gen = new Gen(seed);
        for (int i = 0; i < cases; i++) {
            T value = generator.apply(gen);
            try {
                check.accept(value);
            } catch (Throwable failure) {
                throw new AssertionError(
                        property + ": failed at case " + i + " of seed " + seed + " (replay with -Dgen.seed=" + seed
                                + ")\ninput: " + show(value) + "\n" + failure,
                        failure);
            }
        }
    }

    /** The input as Java would spell it, so a reader sees every invisible character. */
    public static String show(Object value) {
        String text = String.valueOf(value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : value);
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length() && i < 2000; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(text.length() > 2000 ? "\"…" : "\"").toString();
    }

    public int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    public long longBetween(long min, long max) {
        return min + random.nextLong(max - min + 1);
    }

    /** True about {@code percent} times in 100. */
    public boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    @SafeVarargs
    public final <T> T oneOf(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    public <T> T oneOf(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** Digits without a leading zero (or "0"), up to {@code maxLength} long: numbers beyond long included. */
    public String number(int maxLength) {
        int length = between(1, maxLength);
        StringBuilder out = new StringBuilder().append((char) ('1' + random.nextInt(9)));
        for (int i = 1; i < length; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return chance(5) ? "0" : out.toString();
    }

    /** A string of {@code min..max} characters drawn from {@code alphabet}. */
    public String from(String alphabet, int min, int max) {
        int length = between(min, max);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** Any text: ASCII, nasty characters, letters of other scripts, emoji and lone surrogates. */
    public String text(int maxLength) {
        int length = between(0, maxLength);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0, 1 -> out.append((char) (0x20 + random.nextInt(0x5f)));
                case 2 -> out.append(NASTY.charAt(random.nextInt(NASTY.length())));
                case 3 -> out.append((char) random.nextInt(0x100));
                case 4 -> out.appendCodePoint(oneOf(0x1f600, 0x4e2d, 0x0434, 0x05d0, 0x0627, 0x00e9));
                default -> out.append(chance(50) ? HIGH : LOW);
            }
        }
        return out.toString();
    }

    /** {@code seed} changed a few times: characters replaced, inserted, dropped, or a piece repeated. */
    public String mutate(String seed) {
        StringBuilder out = new StringBuilder(seed);
        int edits = between(1, 4);
        for (int e = 0; e < edits; e++) {
            int at = out.isEmpty() ? 0 : random.nextInt(out.length() + 1);
            switch (random.nextInt(5)) {
                case 0 -> out.insert(at, text(3));
                case 1 -> {
                    if (at < out.length()) {
                        out.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (at < out.length()) {
                        out.setCharAt(at, NASTY.charAt(random.nextInt(NASTY.length())));
                    }
                }
                case 3 -> {
                    int end = Math.min(out.length(), at + between(1, 8));
                    out.insert(at, out.substring(at, end));
                }
                default ->
                    out.insert(
                            at,
                            oneOf(
                                    "9223372036854775808",
                                    "-1",
                                    "0",
                                    "..",
                                    "\"",
                                    "{",
                                    "}",
                                    "[",
                                    "]",
                                    "null",
                                    "1e309",
                                    "\\u0000",
                                    "%2e",
                                    ":",
                                    "@"));
            }
        }
        return out.toString();
    }

    /** Any JSON value as text: scalars of every type, odd numbers, nested arrays and objects. */
    public String json(int depth) {
        int roll = random.nextInt(depth <= 0 ? 6 : 8);
        return switch (roll) {
            case 0 -> "null";
            case 1 -> oneOf("true", "false");
            case 2 ->
                oneOf("0", "-1", "1e309", "9223372036854775808", "1.5", "-0", "44", String.valueOf(random.nextLong()));
            case 3, 4, 5 ->
                quoted(
                        chance(50)
                                ? text(12)
                                : oneOf(
                                        "44.20260707.3.1",
                                        "2.4.10",
                                        "6.18",
                                        "x86_64",
                                        "kernel",
                                        "CLAIMED",
                                        "2026-12-06T07:00:00Z",
                                        "+1000000000-01-01T00:00:00Z",
                                        ""));
            case 6 -> {
                StringBuilder out = new StringBuilder("[");
                for (int i = between(0, 3); i > 0; i--) {
                    out.append(json(depth - 1)).append(i > 1 ? "," : "");
                }
                yield out.append(']').toString();
            }
            default -> {
                StringBuilder out = new StringBuilder("{");
                for (int i = between(0, 3); i > 0; i--) {
                    out.append(quoted(oneOf("release", "architectures", "token", "kernel", "x", text(4))))
                            .append(':')
                            .append(json(depth - 1))
                            .append(i > 1 ? "," : "");
                }
                yield out.append('}').toString();
            }
        };
    }

    /** {@code text} as a JSON string literal. */
    public static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /**
     * A JSON document derived from {@code sample}: as it is, one of its string or number values
     * replaced by any JSON value, or mutated character by character.
     */
    public String nearlyJson(String sample) {
        int roll = random.nextInt(10);
        if (roll < 2) {
            return sample;
        }
        if (roll < 7) {
            Matcher values = JSON_VALUE.matcher(sample);
            List<int[]> spans = new ArrayList<>();
            while (values.find()) {
                spans.add(new int[] {values.start(1), values.end(1)});
            }
            if (!spans.isEmpty()) {
                int[] span = oneOf(spans);
                return sample.substring(0, span[0]) + json(2) + sample.substring(span[1]);
            }
        }
        return roll < 9 ? mutate(sample) : json(3);
    }

    /** A well-formed sample most of the time, a mutated one otherwise, and now and then noise. */
    public String nearly(List<String> samples) {
        String sample = oneOf(samples);
        int roll = random.nextInt(10);
        return roll < 3 ? sample : roll < 9 ? mutate(sample) : text(40);
    }
}
