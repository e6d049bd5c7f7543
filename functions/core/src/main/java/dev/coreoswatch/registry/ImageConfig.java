package dev.coreoswatch.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.model.Platform;
import dev.coreoswatch.model.Printable;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What we read of an image config blob: its platform and {@code config.Labels}. */
record ImageConfig(Optional<Platform> platform, Map<String, String> labels) {
    private static final int MAX_LABELS = 1000;

    ImageConfig {
        labels = Map.copyOf(labels);
    }

    static ImageConfig parse(byte[] body, String what) {
        JsonNode root = RegistryJson.object(body, what);
        Optional<String> os = Json.optionalText(root, "os");
        Optional<String> architecture = Json.optionalText(root, "architecture");
        Optional<Platform> platform = os.isPresent() && architecture.isPresent()
                ? Optional.of(new Platform(
                        os.get(),
                        architecture.get(),
                        Json.optionalText(root, "variant").orElse(null)))
                : Optional.empty();
        return new ImageConfig(platform, labels(root, what));
    }

    /** Absent or null {@code config} or {@code Labels} is an image without labels, not an error. */
    private static Map<String, String> labels(JsonNode root, String what) {
        JsonNode config = root.get("config");
        if (config == null || config.isNull()) {
            return Map.of();
        }
        if (!config.isObject()) {
            throw new RegistryProtocolException(what + ": config is not an object");
        }
        JsonNode labels = config.get("Labels");
        if (labels == null || labels.isNull()) {
            return Map.of();
        }
        if (!labels.isObject()) {
            throw new RegistryProtocolException(what + ": config.Labels is not an object");
        }
        if (labels.size() > MAX_LABELS) {
            throw new RegistryProtocolException(
                    what + " has " + labels.size() + " labels; at most " + MAX_LABELS + " are read");
        }
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, JsonNode> label : labels.properties()) {
            if (!label.getValue().isTextual()) {
                throw new RegistryProtocolException(
                        what + ": label " + Printable.quote(label.getKey()) + " is not a string");
            }
            out.put(label.getKey(), label.getValue().textValue());
        }
        return out;
    }
}
