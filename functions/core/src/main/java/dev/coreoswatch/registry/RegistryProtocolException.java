package dev.coreoswatch.registry;

/** The registry answered, but not with something we can read (bad JSON, unknown media type, digest mismatch). */
public final class RegistryProtocolException extends RegistryException {
    public RegistryProtocolException(String message) {
        super(message);
    }
}
