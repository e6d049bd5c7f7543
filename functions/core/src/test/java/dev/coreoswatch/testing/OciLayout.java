package dev.coreoswatch.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

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
    record Descriptor(String mediaType, String digest, long size) {}

    /** One entry of an index to build: a manifest, its platform and optional annotations. */
    record IndexEntry(Descriptor manifest, Platform platform, Map<String, String> annotations) {}

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
        List<String> config = new ArrayList<>(List.of(
                "umoci", "config", "--image", image, "--os", platform.os(), "--architecture", platform.architecture()));
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
            ObjectNode m = descriptorNode(entry.manifest());
            manifests.add(m);
            ObjectNode platform = m.putObject("platform");
            platform.put("architecture", entry.platform().architecture());
            platform.put("os", entry.platform().os());
            if (!entry.annotations().isEmpty()) {
                ObjectNode annotations = m.putObject("annotations");
                entry.annotations().forEach(annotations::put);
            }
        }
        try {
            Descriptor descriptor = writeBlob("application/vnd.oci.image.index.v1+json", JSON.writeValueAsBytes(index));
            ObjectNode layoutIndex =
                    (ObjectNode) JSON.readTree(dir.resolve("index.json").toFile());
            ObjectNode ref = descriptorNode(descriptor);
            ((ArrayNode) layoutIndex.get("manifests")).add(ref);
            ref.putObject("annotations").put(REF_NAME, name);
            JSON.writeValue(dir.resolve("index.json").toFile(), layoutIndex);
            return descriptor;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the index " + name + " into " + dir, e);
        }
    }

    /**
     * Writes an attestation manifest for {@code subject} as {@code docker buildx build --provenance --sbom} pushes
     * one: an OCI image manifest whose config says {@code unknown/unknown} and whose layers are in-toto statements
     * (SLSA provenance and an SPDX SBOM) about the subject. umoci cannot make non-tar layers, so it is written by hand;
     * it is reachable only through the index that names it.
     */
    Descriptor addAttestation(Descriptor subject) {
        String hex = subject.digest().substring("sha256:".length());
        String statement = """
                {"_type":"https://in-toto.io/Statement/v0.1","predicateType":"%s",\
                "subject":[{"name":"pkg:docker/owner/custom-coreos?platform=linux","digest":{"sha256":"%s"}}],"predicate":%s}""";
        byte[] provenance = statement
                .formatted(
                        "https://slsa.dev/provenance/v0.2",
                        hex,
                        "{\"builder\":{\"id\":\"\"},\"buildType\":\"https://mobyproject.org/buildkit@v1\"}")
                .getBytes(UTF_8);
        byte[] sbom = statement
                .formatted(
                        "https://spdx.dev/Document",
                        hex,
                        "{\"spdxVersion\":\"SPDX-2.3\",\"dataLicense\":\"CC0-1.0\",\"SPDXID\":\"SPDXRef-DOCUMENT\",\"packages\":[]}")
                .getBytes(UTF_8);
        try {
            ObjectNode config = JSON.createObjectNode();
            config.put("architecture", "unknown");
            config.put("os", "unknown");
            config.putObject("config");
            ObjectNode rootfs = config.putObject("rootfs");
            rootfs.put("type", "layers");
            rootfs.putArray("diff_ids").add(sha256(provenance)).add(sha256(sbom));
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("schemaVersion", 2);
            manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
            manifest.set(
                    "config",
                    descriptorNode(
                            writeBlob("application/vnd.oci.image.config.v1+json", JSON.writeValueAsBytes(config))));
            ArrayNode layers = manifest.putArray("layers");
            for (byte[] layer : List.of(provenance, sbom)) {
                ObjectNode node = descriptorNode(writeBlob("application/vnd.in-toto+json", layer));
                node.putObject("annotations")
                        .put(
                                "in-toto.io/predicate-type",
                                layer == provenance ? "https://slsa.dev/provenance/v0.2" : "https://spdx.dev/Document");
                layers.add(node);
            }
            return writeBlob("application/vnd.oci.image.manifest.v1+json", JSON.writeValueAsBytes(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an attestation into " + dir, e);
        }
    }

    private static ObjectNode descriptorNode(Descriptor descriptor) {
        ObjectNode node = JSON.createObjectNode();
        node.put("mediaType", descriptor.mediaType());
        node.put("digest", descriptor.digest());
        node.put("size", descriptor.size());
        return node;
    }

    private Descriptor writeBlob(String mediaType, byte[] bytes) throws IOException {
        String digest = sha256(bytes);
        Files.write(dir.resolve("blobs/sha256").resolve(digest.substring("sha256:".length())), bytes);
        return new Descriptor(mediaType, digest, bytes.length);
    }

    /** The descriptor index.json holds for {@code name}. */
    Descriptor descriptor(String name) {
        try {
            JsonNode layoutIndex = JSON.readTree(dir.resolve("index.json").toFile());
            for (JsonNode m : layoutIndex.get("manifests")) {
                if (name.equals(m.path("annotations").path(REF_NAME).asText(null))) {
                    return new Descriptor(
                            m.get("mediaType").asText(),
                            m.get("digest").asText(),
                            m.get("size").asLong());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve("index.json"), e);
        }
        throw new IllegalStateException("umoci wrote no image named " + name + " into " + dir);
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
