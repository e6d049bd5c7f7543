package dev.coreoswatch.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coreoswatch.model.Arch;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * OCI documents in the shapes buildah/buildx push to ghcr (config with {@code config.Labels},
 * manifest with a config descriptor, index with per-platform entries), with real digests, for
 * stubs that must serve bytes matching what they name.
 */
final class StubImages {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A document and the digest of its exact bytes. */
    record Doc(byte[] bytes, String digest) {
        static Doc of(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            return new Doc(bytes, Digests.sha256(bytes));
        }

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private StubImages() {}

    static Doc config(Arch arch, Map<String, String> labels) {
        ObjectNode root = JSON.createObjectNode();
        root.put("created", "2026-11-20T03:14:07.123456789Z");
        root.put("architecture", arch.platform().architecture());
        root.put("os", arch.platform().os());
        ObjectNode config = root.putObject("config");
        config.putArray("Env").add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        config.putArray("Cmd").add("/sbin/init");
        ObjectNode l = config.putObject("Labels");
        labels.forEach(l::put);
        config.put("StopSignal", "SIGRTMIN+3");
        ObjectNode rootfs = root.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add("sha256:9b2c6c7c1a8a6a6e7f5d13bb8f1c1a2e6e3f5d7c9b1a3e5f7d9c1b3a5e7f9d1c");
        return write(root);
    }

    static Doc manifest(Doc config) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", MediaTypes.OCI_MANIFEST);
        ObjectNode c = root.putObject("config");
        c.put("mediaType", MediaTypes.OCI_CONFIG);
        c.put("digest", config.digest());
        c.put("size", config.bytes().length);
        ObjectNode layer = root.putArray("layers").addObject();
        layer.put("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip");
        layer.put("digest", "sha256:4f4fb700ef54461cfa02571ae0db9a0dc1e0cdb5577484a6d75e68dc38e8acc1");
        layer.put("size", 32);
        return write(root);
    }

    /** An index over {@code manifests}, with a buildx-style attestation entry after them when asked. */
    static Doc index(Map<Arch, Doc> manifests, boolean attestation) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode entries = root.putArray("manifests");
        manifests.forEach((arch, manifest) -> {
            ObjectNode e = entries.addObject();
            e.put("mediaType", MediaTypes.OCI_MANIFEST);
            e.put("digest", manifest.digest());
            e.put("size", manifest.bytes().length);
            ObjectNode p = e.putObject("platform");
            p.put("architecture", arch.platform().architecture());
            p.put("os", arch.platform().os());
        });
        if (attestation) {
            ObjectNode e = entries.addObject();
            e.put("mediaType", MediaTypes.OCI_MANIFEST);
            e.put("digest", "sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0");
            e.put("size", 566);
            e.putObject("annotations").put("vnd.docker.reference.type", "attestation-manifest");
            ObjectNode p = e.putObject("platform");
            p.put("architecture", "unknown");
            p.put("os", "unknown");
        }
        return write(root);
    }

    private static Doc write(ObjectNode root) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(root);
            return new Doc(bytes, Digests.sha256(bytes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
