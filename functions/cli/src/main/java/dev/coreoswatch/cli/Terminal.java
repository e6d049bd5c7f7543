package dev.coreoswatch.cli;

import java.io.Console;
import java.util.Map;

/** Colour only on a terminal, and never when NO_COLOR is set or TERM is dumb. */
final class Terminal {
    private Terminal() {}

    static boolean colour(Map<String, String> env) {
        if (env.containsKey("NO_COLOR") || "dumb".equals(env.get("TERM")) || env.get("TERM") == null) {
            return false;
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Console.isTerminal() (JDK 22+) tells a redirected stdout apart; older JDKs return no console then.
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
