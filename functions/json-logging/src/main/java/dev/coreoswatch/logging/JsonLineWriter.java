package dev.coreoswatch.logging;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Array;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.spi.MDCAdapter;

/**
 * Renders one log call as one line of JSON and writes it in a single {@code print}, so lines
 * from several threads never interleave:
 * <pre>{"timestamp":"...","level":"INFO","logger":"...","message":"...","correlationId":"...","requestId":"...",...}</pre>
 * MDC entries, then key-value pairs, follow the four fixed fields; a key that would repeat one of
 * those gets a trailing underscore rather than a second, ambiguous member.
 */
public final class JsonLineWriter {
    private static final Set<String> FIXED =
            Set.of("timestamp", "level", "logger", "message", "exception", "stackTrace");

    private final Supplier<PrintStream> out;
    private final MDCAdapter mdc;
    private final Clock clock;

    /** {@code out} is asked on every line: tests (and the Lambda runtime) may replace {@code System.out}. */
    public JsonLineWriter(Supplier<PrintStream> out, MDCAdapter mdc, Clock clock) {
        this.out = out;
        this.mdc = mdc;
        this.clock = clock;
    }

    void write(Level level, String logger, String message, List<KeyValuePair> pairs, Throwable throwable) {
        StringBuilder line = new StringBuilder(256);
        line.append('{');
        member(line, "timestamp", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString(), true);
        member(line, "level", level.name(), false);
        member(line, "logger", logger, false);
        member(line, "message", message, false);
        Map<String, String> context = mdc.getCopyOfContextMap();
        if (context != null) {
            new TreeMap<>(context).forEach((key, value) -> member(line, free(key), value, false));
        }
        for (KeyValuePair pair : pairs) {
            line.append(',');
            string(line, free(pair.key));
            line.append(':');
            value(line, pair.value);
        }
        if (throwable != null) {
            member(line, "exception", throwable.getClass().getName() + ": " + throwable.getMessage(), false);
            StringWriter trace = new StringWriter();
            throwable.printStackTrace(new PrintWriter(trace));
            member(line, "stackTrace", trace.toString(), false);
        }
        line.append("}\n");
        PrintStream stream = out.get();
        stream.print(line);
        stream.flush();
    }

    private static String free(String key) {
        String name = key == null ? "null" : key;
        return FIXED.contains(name) ? name + "_" : name;
    }

    private static void member(StringBuilder line, String key, String value, boolean first) {
        if (!first) {
            line.append(',');
        }
        string(line, key);
        line.append(':');
        if (value == null) {
            line.append("null");
        } else {
            string(line, value);
        }
    }

    /** Strings, finite numbers, booleans, collections, arrays and maps as JSON; anything else as its text. */
    private static void value(StringBuilder line, Object value) {
        switch (value) {
            case null -> line.append("null");
            case Boolean b -> line.append(b);
            case Integer i -> line.append(i);
            case Long l -> line.append(l);
            case Short s -> line.append(s);
            case Byte b -> line.append(b);
            case Double d when Double.isFinite(d) -> line.append(d);
            case Float f when Float.isFinite(f) -> line.append(f);
            case Collection<?> items -> {
                line.append('[');
                boolean first = true;
                for (Object item : items) {
                    if (!first) {
                        line.append(',');
                    }
                    value(line, item);
                    first = false;
                }
                line.append(']');
            }
            case Map<?, ?> map -> {
                line.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!first) {
                        line.append(',');
                    }
                    string(line, String.valueOf(entry.getKey()));
                    line.append(':');
                    value(line, entry.getValue());
                    first = false;
                }
                line.append('}');
            }
            default -> {
                if (value.getClass().isArray()) {
                    int length = Array.getLength(value);
                    line.append('[');
                    for (int i = 0; i < length; i++) {
                        if (i > 0) {
                            line.append(',');
                        }
                        value(line, Array.get(value, i));
                    }
                    line.append(']');
                } else {
                    string(line, value.toString());
                }
            }
        }
    }

    /**
     * A JSON string: quotes, backslashes, every C0/C1 control, the line separators and the bidi controls
     * escaped (log text is often untrusted, and a log viewer shows what it decodes).
     */
    static void string(StringBuilder line, String text) {
        line.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20
                            || (c >= 0x7f && c < 0xa0)
                            || c == '\u2028'
                            || c == '\u2029'
                            || c == '\u061c'
                            || c == '\u200e'
                            || c == '\u200f'
                            || (c >= '\u202a' && c <= '\u202e')
                            || (c >= '\u2066' && c <= '\u2069')) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }
}
