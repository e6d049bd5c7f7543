package dev.coreoswatch.cli;

import java.nio.file.Path;
import java.util.Map;

/** Where the local ledger and caches live when {@code --state-dir} is not given (XDG base directories). */
final class StateDir {
    private StateDir() {}

    static Path defaultFor(Map<String, String> env) {
        String xdg = env.get("XDG_STATE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "coreos-watch");
        }
        return Path.of(System.getProperty("user.home"), ".local", "state", "coreos-watch");
    }
}
