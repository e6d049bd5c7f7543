package dev.coreoswatch.registry;

/** 401/403, a token realm that refused us, or a Basic challenge without credentials. */
public class RegistryAuthenticationException extends RegistryException {
    public RegistryAuthenticationException(String message) {
        super(message);
    }
}
