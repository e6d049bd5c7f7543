package dev.coreoswatch.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.json.JsonFormatException;

/** Registry documents (manifests, configs) are JSON objects; anything else is a protocol error. */
final class RegistryJson {
    private RegistryJson() {}

    static JsonNode object(byte[] body, String what) {
        JsonNode root;
        try {
            root = Json.parse(body, what);
        } catch (JsonFormatException e) {
            throw new RegistryProtocolException(e.getMessage());
        }
        if (!root.isObject()) {
            throw new RegistryProtocolException(what + " is not a JSON object");
        }
        return root;
    }
}
