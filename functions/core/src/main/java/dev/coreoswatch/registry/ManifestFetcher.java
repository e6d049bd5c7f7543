package dev.coreoswatch.registry;

import dev.coreoswatch.http.Http;
import java.util.Map;

/** The manifest operation: {@code GET /v2/<name>/manifests/<tag or digest>} with our Accept list. */
final class ManifestFetcher {

    /** What the registry said about a reference. */
    sealed interface Result permits Found, Missing {
    }

    /** The manifest and the digest of the bytes served (verified when fetched by digest). */
    record Found(String digest, Manifest manifest) implements Result {
    }

    /** 404 with MANIFEST_UNKNOWN / NAME_UNKNOWN or a bare 404; {@code why} is for the report. */
    record Missing(String why) implements Result {
    }

    private final RegistryCaller caller;
    private final Redaction redaction;

    ManifestFetcher(RegistryCaller caller, Redaction redaction) {
        this.caller = caller;
        this.redaction = redaction;
    }

    Result fetch(RegistryEndpoint endpoint, String reference) {
        String what = "manifest " + endpoint.describe() + (Digests.isValid(reference) ? "@" : ":") + reference;
        Http.Response response = caller.get(endpoint, endpoint.manifest(reference),
                Map.of("Accept", MediaTypes.MANIFEST_ACCEPT));
        if (response.status() == 404) {
            RegistryErrors errors = RegistryErrors.parse(response.body());
            if (errors.isEmpty() || errors.onlyOf(RegistryErrors.MANIFEST_UNKNOWN, RegistryErrors.NAME_UNKNOWN)) {
                String code = errors.has(RegistryErrors.NAME_UNKNOWN) ? "repository unknown"
                        : errors.has(RegistryErrors.MANIFEST_UNKNOWN) ? "manifest unknown" : "404";
                return new Missing(what + " does not exist (" + code + ")");
            }
            throw new RegistryProtocolException(what + ": registry answered 404 with "
                    + RegistryErrors.describe(response.body(), redaction));
        }
        byte[] body = response.body() == null ? new byte[0] : response.body();
        if (Digests.isValid(reference)) {
            Digests.verify(body, reference, what);
        }
        Manifest manifest = ManifestParser.parse(body, response.header("content-type").orElse(null), what);
        return new Found(Digests.sha256(body), manifest);
    }
}
