package dev.coreoswatch.registry;

/**
 * The registry, or its token realm, denied an anonymous read (401/403 {@code DENIED} or
 * {@code UNAUTHORIZED}, or a Basic challenge) while no credentials are configured for it. GHCR
 * answers so for a package that does not exist yet and for a private one (new packages are private):
 * for the target image that means "not visible", not "not built" and not a fault (docs/contract.md section 7).
 * Readers of other images (the base image) treat it as the refusal it also is.
 */
public final class RegistryDeniedException extends RegistryAuthenticationException {
    public RegistryDeniedException(String message) {
        super(message);
    }
}
