package dev.coreoswatch.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.model.Platform;
import dev.coreoswatch.model.Printable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a manifest body. The media type comes from Content-Type; umoci-built manifests carry
 * no {@code mediaType} field, so the body's field is only checked when present, and a registry
 * that sends a generic Content-Type is understood by the body's field or, failing that, its
 * structure ({@code manifests[]} vs {@code config}).
 */
final class ManifestParser {
    private static final int MAX_ENTRIES = 1000;

    private ManifestParser() {}

    static Manifest parse(byte[] body, String contentType, String what) {
        JsonNode root = RegistryJson.object(body, what);
        String mediaType = mediaType(root, MediaTypes.essence(contentType), what);
        JsonNode schemaVersion = root.get("schemaVersion");
        if (schemaVersion != null && !(schemaVersion.isInt() && schemaVersion.intValue() == 2)) {
            throw new RegistryProtocolException(
                    what + " has schemaVersion " + Printable.quote(Json.write(schemaVersion)) + "; only 2 is read");
        }
        return MediaTypes.isIndex(mediaType) ? index(root, mediaType, what) : image(root, mediaType, what);
    }

    private static String mediaType(JsonNode root, String contentType, String what) {
        Optional<String> declared = Json.optionalText(root, "mediaType");
        if (contentType != null && MediaTypes.isKnownManifest(contentType)) {
            if (declared.isPresent() && !declared.get().equals(contentType)) {
                throw new RegistryProtocolException(
                        what + " was served as " + contentType + " but declares " + Printable.quote(declared.get()));
            }
            return contentType;
        }
        if (contentType != null
                && !contentType.equals("application/json")
                && !contentType.equals("application/octet-stream")) {
            throw new RegistryProtocolException(what + " has media type " + Printable.quote(contentType)
                    + ", which is not an OCI or Docker v2 manifest or index");
        }
        if (declared.isPresent()) {
            if (!MediaTypes.isKnownManifest(declared.get())) {
                throw new RegistryProtocolException(what + " has media type " + Printable.quote(declared.get())
                        + ", which is not an OCI or Docker v2 manifest or index");
            }
            return declared.get();
        }
        if (root.path("manifests").isArray()) {
            return MediaTypes.OCI_INDEX;
        }
        if (root.path("config").isObject()) {
            return MediaTypes.OCI_MANIFEST;
        }
        throw new RegistryProtocolException(what + " is neither an index (manifests) nor an image manifest (config)");
    }

    private static Manifest.Index index(JsonNode root, String mediaType, String what) {
        JsonNode manifests = root.get("manifests");
        if (manifests == null || !manifests.isArray()) {
            throw new RegistryProtocolException(what + " is an index without a manifests array");
        }
        if (manifests.size() > MAX_ENTRIES) {
            throw new RegistryProtocolException(
                    what + " lists " + manifests.size() + " manifests; at most " + MAX_ENTRIES + " are read");
        }
        List<Manifest.Entry> entries = new ArrayList<>();
        for (JsonNode entry : manifests) {
            if (!entry.isObject()) {
                throw new RegistryProtocolException(what + " has an index entry that is not an object");
            }
            entries.add(
                    new Manifest.Entry(digest(entry, what), Json.optionalText(entry, "mediaType"), platform(entry)));
        }
        return new Manifest.Index(mediaType, entries);
    }

    private static Optional<Platform> platform(JsonNode entry) {
        JsonNode platform = entry.get("platform");
        Optional<String> os = Json.optionalText(platform, "os");
        Optional<String> architecture = Json.optionalText(platform, "architecture");
        if (os.isEmpty() || architecture.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Platform(
                os.get(),
                architecture.get(),
                Json.optionalText(platform, "variant").orElse(null)));
    }

    private static Manifest.Image image(JsonNode root, String mediaType, String what) {
        JsonNode config = root.get("config");
        if (config == null || !config.isObject()) {
            throw new RegistryProtocolException(what + " is an image manifest without a config descriptor");
        }
        return new Manifest.Image(mediaType, digest(config, what), Json.optionalText(config, "mediaType"));
    }

    private static String digest(JsonNode descriptor, String what) {
        JsonNode digest = descriptor.get("digest");
        if (digest == null || !digest.isTextual()) {
            throw new RegistryProtocolException(what + " has a descriptor without a digest");
        }
        if (!Digests.isValid(digest.textValue())) {
            throw new RegistryProtocolException(
                    what + " has digest " + Printable.quote(digest.textValue()) + "; only sha256 digests are read");
        }
        return digest.textValue();
    }
}
