package dev.coreoswatch.config;

/** A configuration value is missing or malformed; the message names the key (exit code 2). */
public final class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String message) {
        super(key + ": " + message);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
