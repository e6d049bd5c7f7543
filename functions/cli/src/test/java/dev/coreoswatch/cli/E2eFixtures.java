package dev.coreoswatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.model.Arch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Documents under src/test/resources/e2e (see SOURCES.md there) and variants made from the real
 * ones: a stream document keeps the published structure and only changes its release numbers; a
 * commitmeta keeps its package list and only changes arch and kernel.
 */
final class E2eFixtures {
    static final String STABLE_RELEASE = "44.20260707.3.1";
    /** The kernel the real-shaped x86_64 commitmeta of {@link #STABLE_RELEASE} lists. */
    static final String STABLE_KERNEL = "6.19.14-200.fc44";

    private E2eFixtures() {}

    static byte[] bytes(String name) {
        try (InputStream in = E2eFixtures.class.getResourceAsStream("/e2e/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture e2e/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    static ObjectNode object(String name) {
        return (ObjectNode) Json.parse(bytes(name), name).deepCopy();
    }

    static String json(JsonNode node) {
        return Json.pretty(node);
    }

    /**
     * The published stable document, renamed to {@code stream}, with every artifact of x86_64 (and
     * of the arches not listed) at {@code releases.get(X86_64)} and each listed arch at its own.
     */
    static String streamDocument(String stream, Map<Arch, String> releases) {
        ObjectNode root = object("fcos-stream-stable.json");
        root.put("stream", stream);
        String fallback =
                releases.getOrDefault(Arch.X86_64, releases.values().iterator().next());
        for (Map.Entry<String, JsonNode> arch : root.path("architectures").properties()) {
            String release = releases.getOrDefault(Arch.parse(arch.getKey()), fallback);
            arch.getValue().path("artifacts").forEach(artifact -> ((ObjectNode) artifact).put("release", release));
        }
        // The location URLs still name the stable build; nothing reads them, and a decision must not either.
        return json(root);
    }

    static String streamDocument(String stream, String release) {
        return streamDocument(stream, Map.of(Arch.X86_64, release, Arch.AARCH64, release));
    }

    /** The x86_64 commitmeta sample re-targeted: built for {@code arch}, listing kernel {@code kernel} (version-release). */
    static String commitmeta(String release, Arch arch, String kernel) {
        ObjectNode root = object("commitmeta-44.20260707.3.1-x86_64.json");
        int dash = kernel.indexOf('-');
        String version = kernel.substring(0, dash);
        String rpmRelease = kernel.substring(dash + 1);
        root.put("version", release);
        root.put("coreos-assembler.basearch", arch.fcosName());
        for (JsonNode entry : root.withArray("rpmostree.rpmdb.pkglist")) {
            ArrayNode pkg = (ArrayNode) entry;
            if ("x86_64".equals(pkg.get(4).asText())) {
                pkg.set(4, TextNode.valueOf(arch.fcosName()));
            }
            if (pkg.get(0).asText().startsWith("kernel")) {
                pkg.set(2, TextNode.valueOf(version));
                pkg.set(3, TextNode.valueOf(rpmRelease));
            }
        }
        return json(root);
    }

    /** The labels of a legacy (Fedora 42 and older) FCOS image, naming {@code kernel} in ostree.linux. */
    static Map<String, String> legacyBaseImageLabels(String release, String kernelWithArch) {
        Map<String, String> labels = new LinkedHashMap<>();
        object("fcos-image-labels-legacy-f37-okd.json").properties().forEach(e -> {
            if (!e.getKey().startsWith("io.openshift.") && !e.getKey().startsWith("vcs-")) { // OKD's own additions
                labels.put(e.getKey(), e.getValue().asText());
            }
        });
        labels.put("ostree.linux", kernelWithArch);
        labels.put("version", release);
        return labels;
    }

    /** The labels of a Fedora 43+ FCOS image (bootc pipeline): no ostree.linux at all. */
    static Map<String, String> bootcBaseImageLabels(String release) {
        Map<String, String> labels = new LinkedHashMap<>();
        object("fcos-image-config-f43-reconstructed.json")
                .path("config")
                .path("Labels")
                .properties()
                .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        labels.put("org.opencontainers.image.version", release);
        return labels;
    }
}
