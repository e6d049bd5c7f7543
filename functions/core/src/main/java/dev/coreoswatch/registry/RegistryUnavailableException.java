package dev.coreoswatch.registry;

/** 429, 5xx, timeouts and connection failures that outlasted the retry policy. */
public final class RegistryUnavailableException extends RegistryException {
    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
