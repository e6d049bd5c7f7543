package dev.coreoswatch.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code WWW-Authenticate} (RFC 7235 / RFC 6750 syntax): one or more challenges, each a
 * scheme followed by {@code name=value} or {@code name="quoted, value"} pairs. Commas separate
 * both parameters and challenges, and scopes such as {@code repository:a/b:pull,push} put
 * commas inside quotes, so this is a small scanner rather than a split on commas.
 */
public final class AuthChallengeParser {
    private static final int MAX_LENGTH = 4096;

    private final String text;
    private int pos;

    private AuthChallengeParser(String text) {
        this.text = text;
    }

    /** All challenges of the given header values; unreadable parts are dropped, never guessed. */
    public static List<AuthChallenge> parse(List<String> headerValues) {
        List<AuthChallenge> all = new ArrayList<>();
        for (String value : headerValues) {
            if (value != null && value.length() <= MAX_LENGTH) {
                all.addAll(new AuthChallengeParser(value).challenges());
            }
        }
        return all;
    }

    /** Bearer wins over Basic when a registry offers both; other schemes are not spoken. */
    public static Optional<AuthChallenge> preferred(List<String> headerValues) {
        List<AuthChallenge> all = parse(headerValues);
        return all.stream()
                .filter(AuthChallenge::isBearer)
                .findFirst()
                .or(() -> all.stream().filter(AuthChallenge::isBasic).findFirst());
    }

    private List<AuthChallenge> challenges() {
        List<AuthChallenge> out = new ArrayList<>();
        while (true) {
            skipSeparators();
            if (pos >= text.length()) {
                return out;
            }
            String scheme = token();
            if (scheme.isEmpty()) {
                return out; // not a token where a scheme must be: give up on the rest
            }
            Map<String, String> params = new LinkedHashMap<>();
            if (!params(params)) {
                return out;
            }
            out.add(new AuthChallenge(scheme.toLowerCase(Locale.ROOT), params));
        }
    }

    /** Reads {@code name=value} pairs until the next challenge starts; false on a syntax error. */
    private boolean params(Map<String, String> params) {
        while (true) {
            skipWhitespace();
            int start = pos;
            String name = token();
            skipWhitespace();
            if (name.isEmpty() || pos >= text.length() || text.charAt(pos) != '=') {
                pos = start; // the next scheme (or the end): this challenge is complete
                return true;
            }
            pos++;
            skipWhitespace();
            String value;
            if (pos < text.length() && text.charAt(pos) == '"') {
                Optional<String> quoted = quoted();
                if (quoted.isEmpty()) {
                    return false;
                }
                value = quoted.get();
            } else {
                value = bareValue();
            }
            params.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
            skipWhitespace();
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
                skipSeparators();
            } else if (pos < text.length()) {
                return true;
            }
        }
    }

    private Optional<String> quoted() {
        StringBuilder out = new StringBuilder();
        pos++; // opening quote
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return Optional.of(out.toString());
            }
            if (c == '\\' && pos < text.length()) {
                c = text.charAt(pos++);
            }
            out.append(c);
        }
        return Optional.empty(); // unterminated
    }

    private String token() {
        int start = pos;
        while (pos < text.length() && isTokenChar(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    /** Unquoted values should be tokens; servers also send bare URLs, so read up to a separator. */
    private String bareValue() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) > 0x20 && text.charAt(pos) != ',' && text.charAt(pos) != 0x7f) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private static boolean isTokenChar(char c) {
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    private void skipWhitespace() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private void skipSeparators() {
        while (pos < text.length()
                && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t' || text.charAt(pos) == ',')) {
            pos++;
        }
    }
}
