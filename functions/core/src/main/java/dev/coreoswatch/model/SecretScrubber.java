package dev.coreoswatch.model;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes a secret from text that a server may have built from our request: as sent, split by
 * line breaks or other whitespace and controls (a message folded onto several lines), percent-encoded
 * (echoed inside a URL) or base64-encoded (an echoed Basic header). Secrets shorter than
 * {@link #MIN_LENGTH} are left alone: they would mangle ordinary text and are no secret.
 */
public final class SecretScrubber {
    public static final int MIN_LENGTH = 4;
    public static final String MASK = "****";
    /** What a server may put between two characters of an echoed value. */
    private static final int MAX_REMEMBERED = 256;

    private static final Map<String, List<Pattern>> PATTERNS = new ConcurrentHashMap<>();
    private static final String GAP = "[\\s\\p{Cntrl}\\u0085\\u2028\\u2029]*";

    private SecretScrubber() {}

    /** {@code text} with every form of every secret replaced by {@link #MASK}; null stays null. */
    public static String scrub(String text, Iterable<String> secrets) {
        if (text == null) {
            return null;
        }
        if (PATTERNS.size() > MAX_REMEMBERED) {
            PATTERNS.clear();
        }
        String out = text;
        for (String secret : secrets) {
            if (secret == null || secret.length() < MIN_LENGTH) {
                continue;
            }
            for (Pattern form : PATTERNS.computeIfAbsent(secret, SecretScrubber::patterns)) {
                out = form.matcher(out).replaceAll(Matcher.quoteReplacement(MASK));
            }
        }
        return out;
    }

    /** Compiled once per secret; a process holds a handful (a token, a password, a realm's tokens). */
    private static List<Pattern> patterns(String secret) {
        return forms(secret).stream().map(SecretScrubber::spread).toList();
    }

    private static List<String> forms(String secret) {
        List<String> forms = new ArrayList<>();
        forms.add(secret);
        String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        if (!encoded.equals(secret)) {
            forms.add(encoded);
            forms.add(encoded.replace("+", "%20"));
        }
        String base64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        forms.add(base64.replaceAll("=+$", ""));
        return forms;
    }

    /** The secret with any run of whitespace or controls allowed between its characters. */
    private static Pattern spread(String form) {
        StringBuilder regex = new StringBuilder();
        form.codePoints().forEach(cp -> {
            if (!regex.isEmpty()) {
                regex.append(GAP);
            }
            regex.append(Pattern.quote(new String(Character.toChars(cp))));
        });
        return Pattern.compile(regex.toString());
    }
}
