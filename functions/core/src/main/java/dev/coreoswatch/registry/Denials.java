package dev.coreoswatch.registry;

import dev.coreoswatch.http.Http;

/** The one wording of an anonymous read that a registry or its token realm denied. */
final class Denials {
    static final String HINT =
            "a package that does not exist yet or is private; make it public or configure registry credentials"
                    + " (registry.username and registry.password, or registry.credentials-secret-arn)";

    private Denials() {}

    static RegistryDeniedException denied(
            RegistryEndpoint endpoint, String who, Http.Response response, Redaction redaction) {
        return new RegistryDeniedException(who + " denied anonymous access to " + endpoint.repository() + " ("
                + response.status() + ": " + RegistryErrors.describe(response.body(), redaction) + "); " + HINT);
    }
}
