package dev.coreoswatch.config;

import dev.coreoswatch.model.Printable;

/** A configuration value is missing or malformed; the message names the key, and the target in a fleet (exit code 2). */
public final class ConfigException extends RuntimeException {
    private final String key;
    private final String detail;

    public ConfigException(String key, String message) {
        super(key + ": " + message);
        this.key = key;
        this.detail = message;
    }

    private ConfigException(String target, String key, String message) {
        super("target " + Printable.quote(target) + ": " + key + ": " + message);
        this.key = key;
        this.detail = message;
    }

    public String key() {
        return key;
    }

    /** The same error, said of one target of the configuration document (section 2b). */
    public ConfigException inTarget(String target) {
        return new ConfigException(target, key, detail);
    }
}
