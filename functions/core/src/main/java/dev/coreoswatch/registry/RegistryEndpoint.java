package dev.coreoswatch.registry;

import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One repository on one registry: where its API lives and the credentials configured for that
 * registry host (if any). Credentials never leave this pairing: they go to this origin or to
 * the token realm its challenge names, nowhere else. {@code configured} says whether there are
 * credentials without reading them (a secret is read when a request first needs it).
 */
record RegistryEndpoint(
        URI origin, String host, String repository, Optional<Supplier<RegistryCredentials>> configured) {

    /** The credentials, read on first use; empty when none are configured for this registry. */
    Optional<RegistryCredentials> credentials() {
        return configured.map(Supplier::get);
    }

    boolean hasCredentials() {
        return configured.isPresent();
    }

    URI manifest(String reference) {
        return origin.resolve("/v2/" + repository + "/manifests/" + reference);
    }

    URI blob(String digest) {
        return origin.resolve("/v2/" + repository + "/blobs/" + digest);
    }

    /** {@code ghcr.io/owner/custom-coreos}, for messages. */
    String describe() {
        return host + "/" + repository;
    }

    @Override
    public String toString() {
        return describe(); // never the credentials
    }
}
