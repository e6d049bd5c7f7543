package dev.coreoswatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coreoswatch.model.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * An OCI image layout on disk, filled by umoci (one empty-rootfs image per platform: zero
 * layers are enough to carry labels) and by hand where umoci 0.4 cannot help: it builds no
 * image index, so {@link #addIndex} writes the index blob and its {@code index.json} entry.
 */
final class OciLayout {
    static final String REF_NAME = "org.opencontainers.image.ref.name";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A content descriptor as the layout's index.json holds it. */
    record Descriptor(String mediaType, String digest, long size) {
    }

    /** One entry of an index to build: a manifest, its platform and optional annotations. */
    record IndexEntry(Descriptor manifest, Platform platform, Map<String, String> annotations) {
    }

    private final Path dir;
    private final Path workDir;

    private OciLayout(Path dir, Path workDir) {
        this.dir = dir;
        this.workDir = workDir;
    }

    static OciLayout init(Path dir, Path workDir) {
        ExternalTool.run(workDir, List.of("umoci", "init", "--layout", dir.toString()), null);
        return new OciLayout(dir, workDir);
    }

    Path dir() {
        return dir;
    }

    /** Creates image {@code name} for {@code platform} with {@code labels} in its config. */
    Descriptor addImage(String name, Platform platform, Map<String, String> labels) {
        String image = dir + ":" + name;
        ExternalTool.run(workDir, List.of("umoci", "new", "--image", image), null);
        List<String> config = new ArrayList<>(List.of("umoci", "config", "--image", image,
                "--os", platform.os(), "--architecture", platform.architecture()));
        labels.forEach((key, value) -> {
            config.add("--config.label");
            config.add(key + "=" + value);
        });
        ExternalTool.run(workDir, config, null);
        return descriptor(name);
    }

    /** Writes an OCI index of {@code entries} and names it {@code name} in index.json. */
    Descriptor addIndex(String name, List<IndexEntry> entries) {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", "application/vnd.oci.image.index.v1+json");
        ArrayNode manifests = index.putArray("manifests");
        for (IndexEntry entry : entries) {
            ObjectNode m = manifests.addObject();
            m.put("mediaType", entry.manifest().mediaType());
            m.put("digest", entry.manifest().digest());
            m.put("size", entry.manifest().size());
            ObjectNode platform = m.putObject("platform");
            platform.put("architecture", entry.platform().architecture());
            platform.put("os", entry.platform().os());
            if (!entry.annotations().isEmpty()) {
                ObjectNode annotations = m.putObject("annotations");
                entry.annotations().forEach(annotations::put);
            }
        }
        try {
            byte[] bytes = JSON.writeValueAsBytes(index);
            String digest = sha256(bytes);
            Files.write(dir.resolve("blobs/sha256").resolve(digest.substring("sha256:".length())), bytes);
            Descriptor descriptor = new Descriptor("application/vnd.oci.image.index.v1+json", digest, bytes.length);
            ObjectNode layoutIndex = (ObjectNode) JSON.readTree(dir.resolve("index.json").toFile());
            ObjectNode ref = ((ArrayNode) layoutIndex.get("manifests")).addObject();
            ref.put("mediaType", descriptor.mediaType());
            ref.put("digest", digest);
            ref.put("size", bytes.length);
            ref.putObject("annotations").put(REF_NAME, name);
            JSON.writeValue(dir.resolve("index.json").toFile(), layoutIndex);
            return descriptor;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the index " + name + " into " + dir, e);
        }
    }

    /** The descriptor index.json holds for {@code name}. */
    Descriptor descriptor(String name) {
        try {
            JsonNode layoutIndex = JSON.readTree(dir.resolve("index.json").toFile());
            for (JsonNode m : layoutIndex.get("manifests")) {
                if (name.equals(m.path("annotations").path(REF_NAME).asText(null))) {
                    return new Descriptor(m.get("mediaType").asText(), m.get("digest").asText(), m.get("size").asLong());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve("index.json"), e);
        }
        throw new IllegalStateException("umoci wrote no image named " + name + " into " + dir);
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
