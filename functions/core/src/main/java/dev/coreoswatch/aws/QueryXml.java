package dev.coreoswatch.aws;

import java.util.Optional;

/**
 * The text of one element of an AWS query-protocol answer, read without an XML parser: the JDK's StAX and Xerces
 * cost about a hundred classes at a cold start to read a 300-byte answer whose shape is fixed. Only what these
 * answers hold is accepted: an element without attributes that appears once, its text without markup, the five
 * predefined entities and numeric references. Anything else is {@link Malformed}, never a guess.
 */
final class QueryXml {
    /** The answer does not have the expected shape; the message says how, without quoting it. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    private QueryXml() {}

    /** The decoded text of {@code <name>…</name>}; empty when the element is absent. */
    static Optional<String> text(String xml, String name) throws Malformed {
        String open = "<" + name + ">";
        String close = "</" + name + ">";
        int start = xml.indexOf(open);
        if (start < 0) {
            if (xml.contains("<" + name + " ") || xml.contains("<" + name + "/")) {
                throw new Malformed("its " + name + " element has an unexpected form");
            }
            return Optional.empty();
        }
        if (xml.indexOf(open, start + 1) >= 0) {
            throw new Malformed("it holds more than one " + name + " element");
        }
        int end = xml.indexOf(close, start);
        if (end < 0) {
            throw new Malformed("its " + name + " element is not closed");
        }
        String raw = xml.substring(start + open.length(), end);
        if (raw.indexOf('<') >= 0) {
            throw new Malformed("its " + name + " element holds markup");
        }
        return Optional.of(decode(raw, name));
    }

    /** XML's predefined entities and character references; a bare {@code &} or another entity is malformed. */
    static String decode(String raw, String name) throws Malformed {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '&') {
                out.append(c);
                continue;
            }
            int semicolon = raw.indexOf(';', i);
            if (semicolon < 0 || semicolon - i > 10) {
                throw new Malformed("its " + name + " element holds a stray '&'");
            }
            String entity = raw.substring(i + 1, semicolon);
            switch (entity) {
                case "amp" -> out.append('&');
                case "lt" -> out.append('<');
                case "gt" -> out.append('>');
                case "quot" -> out.append('"');
                case "apos" -> out.append('\'');
                default -> out.appendCodePoint(reference(entity, name));
            }
            i = semicolon;
        }
        return out.toString();
    }

    private static int reference(String entity, String name) throws Malformed {
        if (!entity.startsWith("#")) {
            throw new Malformed("its " + name + " element holds an unknown entity");
        }
        boolean hex = entity.startsWith("#x");
        String digits = entity.substring(hex ? 2 : 1);
        // ASCII digits only: Integer.parseInt would also take a sign and other scripts' digits.
        boolean ok = !digits.isEmpty()
                && digits.length() <= 7
                && digits.chars()
                        .allMatch(d -> d >= '0' && d <= '9' || hex && (d >= 'a' && d <= 'f' || d >= 'A' && d <= 'F'));
        int code = ok ? Integer.parseInt(digits, hex ? 16 : 10) : -1;
        if (!Character.isValidCodePoint(code) || code == 0 || code >= 0xd800 && code <= 0xdfff) {
            throw new Malformed("its " + name + " element holds an invalid character reference");
        }
        return code;
    }
}
