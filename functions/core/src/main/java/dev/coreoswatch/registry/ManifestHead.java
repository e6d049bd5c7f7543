package dev.coreoswatch.registry;

import dev.coreoswatch.http.Http;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manifest HEAD operation: which digest a tag points at now ({@code Docker-Content-Digest}),
 * without downloading the manifest, and free of Docker Hub's pull count. Sent with the same
 * Accept list as the GET, because the digest names the representation the registry would serve.
 * Anything short of a clear digest (404, 405, no header) is "cannot tell": the caller then GETs
 * the manifest, whose answer is the one that classifies. Refusals and outages throw as for a GET.
 */
final class ManifestHead {
    private static final Logger LOG = LoggerFactory.getLogger(ManifestHead.class);

    private final RegistryCaller caller;

    ManifestHead(RegistryCaller caller) {
        this.caller = caller;
    }

    Optional<String> digest(RegistryEndpoint endpoint, String tag) {
        Http.Response response;
        try {
            response = caller.head(endpoint, endpoint.manifest(tag), Map.of("Accept", MediaTypes.MANIFEST_ACCEPT));
        } catch (RegistryProtocolException unexpected) {
            LOG.debug(
                    "HEAD of {}:{} gave no digest ({}); reading the manifest", endpoint, tag, unexpected.getMessage());
            return Optional.empty();
        }
        if (!response.ok()) {
            return Optional.empty();
        }
        return response.header("docker-content-digest").map(String::strip).filter(Digests::isValid);
    }
}
