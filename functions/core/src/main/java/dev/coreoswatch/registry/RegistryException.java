package dev.coreoswatch.registry;

/** The registry could not answer the question; subclasses say why. Never means "not built". */
public class RegistryException extends RuntimeException {
    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
