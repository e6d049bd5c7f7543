package dev.coreoswatch.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.UriPaths;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.json.JsonFormatException;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.model.Printable;
import dev.coreoswatch.model.StreamName;
import dev.coreoswatch.model.Version;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code {coreos.metadata-url}/streams/<stream>.json}: the CoreOS release per architecture.
 *
 * <p>The release of an arch is {@code artifacts.metal.release}. When an arch has no {@code metal}
 * artifact (FCOS publishes metal for every arch today) the release shared by all its other
 * artifacts is used, and artifacts that disagree are a format error rather than a guess.
 * Architectures this program does not know (a future {@code riscv64}) are skipped; the caller
 * decides what a configured but missing arch means.
 */
public final class FcosStreamMetadata {
    private static final Logger LOG = LoggerFactory.getLogger(FcosStreamMetadata.class);

    private final Http http;
    private final URI metadataUrl;

    public FcosStreamMetadata(Http http, URI metadataUrl) {
        this.http = http;
        this.metadataUrl = metadataUrl;
    }

    /**
     * @throws dev.coreoswatch.model.InvalidValueException for a stream name of the wrong shape (checked before any URL is built)
     * @throws UpstreamNotFoundException on 404
     * @throws UpstreamUnavailableException on any other failed answer or no answer
     * @throws UpstreamFormatException when the document is not stream metadata we can read
     */
    public StreamRelease read(String stream) {
        StreamName.require(stream);
        URI uri = UriPaths.join(metadataUrl, "/streams/" + stream + ".json");
        String what = "stream metadata of " + stream;
        byte[] body = UpstreamHttp.fetch(http, uri, what)
                .orElseThrow(() -> new UpstreamNotFoundException("stream " + stream + " not found at " + uri));
        try {
            return parse(stream, Json.parse(body, what + " at " + uri), uri, what);
        } catch (JsonFormatException e) {
            throw new UpstreamFormatException(e.getMessage());
        }
    }

    private static StreamRelease parse(String stream, JsonNode root, URI uri, String what) {
        if (!root.isObject()) {
            throw new UpstreamFormatException(what + " at " + uri + " is not a JSON object");
        }
        Optional<String> named = Json.optionalText(root, "stream");
        if (named.isPresent() && !named.get().equals(stream)) {
            throw new UpstreamFormatException(
                    what + " at " + uri + " describes stream " + Printable.quote(named.get()));
        }
        JsonNode architectures = Json.require(root, "architectures", what);
        if (!architectures.isObject()) {
            throw new UpstreamFormatException(what + ": architectures is not an object");
        }
        Map<Arch, Version> releases = new EnumMap<>(Arch.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = architectures.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Optional<Arch> arch = knownArch(entry.getKey());
            if (arch.isEmpty()) {
                LOG.debug("{}: skipping architecture {}", what, Printable.quote(entry.getKey()));
                continue;
            }
            releases.put(arch.get(), release(entry.getValue(), "architectures." + entry.getKey(), what));
        }
        if (releases.isEmpty()) {
            throw new UpstreamFormatException(what + " at " + uri + " lists no known architecture");
        }
        return new StreamRelease(stream, releases, lastModified(root), uri);
    }

    private static Version release(JsonNode arch, String path, String what) {
        JsonNode artifacts = arch.get("artifacts");
        if (artifacts == null || !artifacts.isObject()) {
            throw new UpstreamFormatException(what + ": " + path + ".artifacts is missing or not an object");
        }
        JsonNode metal = artifacts.get("metal");
        if (metal != null) {
            return version(metal, path + ".artifacts.metal.release", what);
        }
        TreeSet<String> seen = new TreeSet<>();
        Version agreed = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = artifacts.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> platform = it.next();
            // The key is the server's: quoted, so it cannot carry controls into the message.
            Version v = version(
                    platform.getValue(), path + ".artifacts[" + Printable.quote(platform.getKey()) + "].release", what);
            seen.add(v.text());
            agreed = v;
        }
        if (agreed == null) {
            throw new UpstreamFormatException(what + ": " + path + " has no artifact with a release");
        }
        if (seen.size() > 1) {
            throw new UpstreamFormatException(what + ": " + path
                    + " has no metal artifact and its artifacts disagree on the release: " + String.join(", ", seen));
        }
        return agreed;
    }

    private static Version version(JsonNode artifact, String path, String what) {
        JsonNode release = artifact == null ? null : artifact.get("release");
        if (release == null || !release.isTextual()) {
            throw new UpstreamFormatException(what + ": " + path + " is missing or not a string");
        }
        try {
            return Version.parse(release.textValue());
        } catch (InvalidValueException e) {
            throw new UpstreamFormatException(
                    what + ": " + path + " " + Printable.quote(release.textValue()) + " is not a version");
        }
    }

    private static Optional<Arch> knownArch(String name) {
        try {
            Arch arch = Arch.parse(name);
            return arch.fcosName().equals(name) ? Optional.of(arch) : Optional.empty();
        } catch (InvalidValueException unknown) {
            return Optional.empty();
        }
    }

    /** Informational only, so a missing or odd timestamp is absent rather than an error. */
    private static Optional<Instant> lastModified(JsonNode root) {
        JsonNode metadata = root.get("metadata");
        return Json.optionalText(metadata, "last-modified").flatMap(text -> {
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException notIso) {
                return Optional.empty();
            }
        });
    }
}
