package dev.coreoswatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.Platform;
import dev.coreoswatch.model.Secret;
import dev.coreoswatch.registry.ImageReference;
import dev.coreoswatch.registry.RegistryCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OCI registry ({@code docker-registry serve}, distribution 2.8) on a free 127.0.0.1 port
 * in a temporary directory, seeded with images built by umoci and pushed by skopeo. One per test
 * class through {@link RegistryExtension}, seeded in {@code @BeforeAll}:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RegistryExtension<LocalRegistry> REGISTRY = RegistryExtension.of(LocalRegistry::anonymous);
 * private static final LocalRegistry registry = REGISTRY.get();
 *
 * @BeforeAll
 * static void seed() {
 *     registry.seed()
 *             .image("owner/custom-coreos", "stable", Layout.OCI_INDEX, Map.of(Arch.X86_64, labels, Arch.AARCH64, labels2))
 *             .image("owner/custom-coreos", "next", Layout.OCI_MANIFEST, Map.of(Arch.X86_64, labels))
 *             .push();
 * }
 * }</pre>
 *
 * Point the code under test at {@link #image}, with {@link #plainHttpHosts()} as
 * {@code registry.plain-http} (and {@link #credentialsByHost()} in Basic-auth mode). Needs
 * {@code apt-get install -y docker-registry skopeo umoci}; Basic auth also needs {@code htpasswd}
 * (apache2-utils) or a python3 with the crypt module.
 */
public final class LocalRegistry implements AutoCloseable {
    /** How a tag is pushed. */
    public enum Layout {
        /** OCI image index over OCI manifests, one per arch. */
        OCI_INDEX,
        /**
         * As {@link #OCI_INDEX}, with an attestation-style {@code unknown/unknown} entry first (buildx puts
         * them last; first makes a reader that takes the first entry fail). Its config carries
         * {@link #ATTESTATION_LABEL}.
         */
        OCI_INDEX_WITH_ATTESTATION,
        /**
         * An index as {@code docker buildx build --provenance=mode=max --sbom=true --push} writes it: the platform
         * manifests, then per platform one attestation manifest ({@code unknown/unknown}, annotated
         * {@code vnd.docker.reference.type: attestation-manifest} and {@code vnd.docker.reference.digest} = that
         * platform's manifest) whose layers are in-toto statements (SLSA provenance, SPDX SBOM).
         */
        OCI_INDEX_WITH_BUILDX_ATTESTATIONS,
        /** Docker manifest list over Docker v2 schema 2 manifests ({@code skopeo --format v2s2}). */
        DOCKER_MANIFEST_LIST,
        /** One OCI image manifest, no index; exactly one arch. */
        OCI_MANIFEST,
        /** One Docker v2 schema 2 manifest, no list; exactly one arch. */
        DOCKER_MANIFEST;

        boolean isIndex() {
            return this == OCI_INDEX
                    || this == OCI_INDEX_WITH_ATTESTATION
                    || this == OCI_INDEX_WITH_BUILDX_ATTESTATIONS
                    || this == DOCKER_MANIFEST_LIST;
        }

        boolean isDocker() {
            return this == DOCKER_MANIFEST_LIST || this == DOCKER_MANIFEST;
        }
    }

    /** The label the attestation entry's config carries, so a reader that picks it is caught. */
    public static final String ATTESTATION_LABEL = "test.attestation";

    private static final Duration READY_WITHIN = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 3;

    private final Path dir;
    private final Process process;
    private final int port;
    private final Optional<RegistryCredentials> credentials;
    private final Optional<String> htpasswdTool;
    private final Thread shutdownHook;
    private int layouts;
    private boolean closed;

    private LocalRegistry(
            Path dir,
            Process process,
            int port,
            Optional<RegistryCredentials> credentials,
            Optional<String> htpasswdTool) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.credentials = credentials;
        this.htpasswdTool = htpasswdTool;
        // Last resort if a test run dies before @AfterAll: never leave a registry behind.
        this.shutdownHook = new Thread(this::stopProcess, "local-registry-stop-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A registry anyone may read and push to. */
    public static LocalRegistry anonymous() {
        return start(null, null);
    }

    /** A registry behind htpasswd Basic auth: a {@code Basic realm=...} challenge, like a plain private registry. */
    public static LocalRegistry withBasicAuth(String username, String password) {
        return start(username, password);
    }

    private static LocalRegistry start(String username, String password) {
        ExternalTool.require("docker-registry", "skopeo", "umoci");
        Path dir;
        try {
            dir = Files.createTempDirectory("local-registry-");
            Files.createDirectories(dir.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the registry's directory", e);
        }
        try {
            Optional<Htpasswd> htpasswd = Optional.empty();
            if (username != null) {
                htpasswd = Optional.of(Htpasswd.create(dir, username, password));
                Files.writeString(dir.resolve("htpasswd"), htpasswd.get().line() + "\n");
                System.err.println("LocalRegistry: htpasswd line made with "
                        + htpasswd.get().tool());
            }
            Optional<RegistryCredentials> credentials = username == null
                    ? Optional.empty()
                    : Optional.of(new RegistryCredentials(username, new Secret(password)));
            IllegalStateException last = null;
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                int port = freePort();
                Process process = launch(dir, port, htpasswd.isPresent());
                try {
                    awaitReady(process, port, dir.resolve("registry.log"));
                    return new LocalRegistry(dir, process, port, credentials, htpasswd.map(Htpasswd::tool));
                } catch (IllegalStateException notReady) {
                    stop(process);
                    last = notReady; // most likely the port was taken between probe and bind: try another
                }
            }
            throw last;
        } catch (IOException | RuntimeException e) {
            deleteTree(dir);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot start the local registry", io);
            }
            throw (RuntimeException) e;
        }
    }

    private static Process launch(Path dir, int port, boolean basicAuth) throws IOException {
        StringBuilder yaml = new StringBuilder()
                .append("version: 0.1\n")
                .append("log:\n  level: warn\n  accesslog:\n    disabled: true\n")
                .append("storage:\n  filesystem:\n    rootdirectory: \"")
                .append(dir.resolve("data"))
                .append("\"\n")
                .append("  delete:\n    enabled: true\n")
                // draintimeout: without it a stop waits for idle keep-alive connections (~1.3 s).
                .append("http:\n  addr: 127.0.0.1:")
                .append(port)
                .append('\n')
                .append("  secret: ")
                .append(UUID.randomUUID())
                .append('\n')
                .append("  draintimeout: 100ms\n");
        if (basicAuth) {
            yaml.append("auth:\n  htpasswd:\n    realm: local-registry\n    path: \"")
                    .append(dir.resolve("htpasswd"))
                    .append("\"\n");
        }
        Path config = dir.resolve("config-" + port + ".yml");
        Files.writeString(config, yaml.toString());
        return new ProcessBuilder("docker-registry", "serve", config.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("registry.log").toFile()))
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Polls GET /v2/ (200 anonymous, 401 with auth) for a bounded time. */
    private static void awaitReady(Process process, int port, Path log) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/"))
                .timeout(Duration.ofSeconds(1))
                .build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited with " + process.exitValue()
                        + " before answering on port " + port + ": " + ExternalTool.tail(log));
            }
            try {
                int status = client.send(ping, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status == 200 || status == 401) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the registry", e);
            }
            try {
                Thread.sleep(25); // readiness polling, bounded by the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the registry", e);
            }
        }
        throw new IllegalStateException("docker-registry did not answer GET /v2/ on port " + port + " within "
                + READY_WITHIN.toSeconds() + " s: " + ExternalTool.tail(log));
    }

    /** {@code 127.0.0.1:<port>}, the registry part of image references and of {@code registry.plain-http}. */
    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    /** The value for {@code registry.plain-http}. */
    public Set<String> plainHttpHosts() {
        return Set.of(hostPort());
    }

    /** {@code 127.0.0.1:<port>/<repository>:<tag>}. */
    public ImageReference image(String repository, String tag) {
        return ImageReference.parse(hostPort() + "/" + repository + ":" + tag);
    }

    /** The Basic-auth credentials, empty for an anonymous registry. */
    public Optional<RegistryCredentials> credentials() {
        return credentials;
    }

    /** Credentials keyed by this registry's host, as RegistryClient takes them (empty when anonymous). */
    public Map<String, RegistryCredentials> credentialsByHost() {
        return credentials.map(c -> Map.of(hostPort(), c)).orElse(Map.of());
    }

    /** Which tool made the htpasswd line ("htpasswd (apache2-utils)" or "python3 crypt"), if any. */
    public Optional<String> htpasswdTool() {
        return htpasswdTool;
    }

    /** The registry's own log, for a failing test's message. */
    public String logTail() {
        return ExternalTool.tail(dir.resolve("registry.log"));
    }

    /** Pushes one tag; see {@link #seed()} to push several in one go. */
    public void push(String repository, String tag, Layout layout, Map<Arch, Map<String, String>> labelsByArch) {
        seed().image(repository, tag, layout, labelsByArch).push();
    }

    /**
     * Moves {@code tag} to a new manifest that differs from the current one only by an annotation:
     * a new digest over the very same children (an index) or config (an image manifest), as when
     * a build is re-tagged with new metadata. Works on OCI media types; returns the new digest.
     */
    public String annotate(String repository, String tag, String key, String value) {
        checkOpen();
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI uri = URI.create("http://" + hostPort() + "/v2/" + repository + "/manifests/" + tag);
        try {
            HttpRequest.Builder get = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(5))
                    .header(
                            "Accept",
                            "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json");
            credentials.ifPresent(c -> get.header("Authorization", basic(c)));
            HttpResponse<byte[]> current = client.send(get.build(), HttpResponse.BodyHandlers.ofByteArray());
            String mediaType = current.headers().firstValue("Content-Type").orElseThrow();
            if (current.statusCode() != 200 || !mediaType.startsWith("application/vnd.oci.")) {
                throw new IllegalStateException(
                        repository + ":" + tag + " answered " + current.statusCode() + " " + mediaType);
            }
            ObjectNode manifest = (ObjectNode) new ObjectMapper().readTree(current.body());
            JsonNode annotations = manifest.get("annotations");
            (annotations instanceof ObjectNode o ? o : manifest.putObject("annotations")).put(key, value);
            byte[] body = new ObjectMapper().writeValueAsBytes(manifest);
            HttpRequest.Builder put = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", mediaType)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
            credentials.ifPresent(c -> put.header("Authorization", basic(c)));
            HttpResponse<String> stored = client.send(put.build(), HttpResponse.BodyHandlers.ofString());
            if (stored.statusCode() != 201) {
                throw new IllegalStateException(
                        "PUT " + repository + ":" + tag + " answered " + stored.statusCode() + ": " + stored.body());
            }
            return stored.headers().firstValue("Docker-Content-Digest").orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot re-tag " + repository + ":" + tag, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while re-tagging", e);
        }
    }

    private static String basic(RegistryCredentials credentials) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((credentials.username() + ":"
                                        + credentials.password().value())
                                .getBytes(StandardCharsets.UTF_8));
    }

    /** Collects tags and pushes them together (one umoci layout, one skopeo copy per tag). */
    public Seeding seed() {
        return new Seeding();
    }

    /** Tags to push; nothing happens until {@link #push()}. */
    public final class Seeding {
        private record Tag(String repository, String tag, Layout layout, Map<Arch, Map<String, String>> labels) {}

        private final List<Tag> tags = new ArrayList<>();

        private Seeding() {}

        public Seeding image(
                String repository, String tag, Layout layout, Map<Arch, Map<String, String>> labelsByArch) {
            if (labelsByArch.isEmpty()) {
                throw new IllegalArgumentException("an image needs at least one arch");
            }
            if (!layout.isIndex() && labelsByArch.size() != 1) {
                throw new IllegalArgumentException(layout + " holds exactly one arch, not " + labelsByArch.keySet());
            }
            // Validates repository and tag the way the client will see them.
            LocalRegistry.this.image(repository, tag);
            tags.add(new Tag(repository, tag, layout, new EnumMap<>(labelsByArch)));
            return this;
        }

        public void push() {
            checkOpen();
            Path layoutDir = dir.resolve("oci-" + (++layouts));
            OciLayout layout = OciLayout.init(layoutDir, dir);
            for (int i = 0; i < tags.size(); i++) {
                Tag tag = tags.get(i);
                String source = build(layout, "t" + i, tag);
                copy(layoutDir, source, tag);
            }
        }

        private String build(OciLayout layout, String name, Tag tag) {
            List<OciLayout.IndexEntry> entries = new ArrayList<>();
            Map<Arch, OciLayout.Descriptor> byArch = new LinkedHashMap<>();
            tag.labels().forEach((arch, labels) -> {
                OciLayout.Descriptor image = layout.addImage(name + "-" + arch.fcosName(), arch.platform(), labels);
                byArch.put(arch, image);
            });
            if (!tag.layout().isIndex()) {
                return name + "-" + byArch.keySet().iterator().next().fcosName();
            }
            if (tag.layout() == Layout.OCI_INDEX_WITH_ATTESTATION) {
                OciLayout.Descriptor attestation = layout.addImage(
                        name + "-attestation", new Platform("unknown", "unknown"), Map.of(ATTESTATION_LABEL, "true"));
                OciLayout.Descriptor first = byArch.values().iterator().next();
                entries.add(new OciLayout.IndexEntry(
                        attestation,
                        new Platform("unknown", "unknown"),
                        Map.of(
                                "vnd.docker.reference.type",
                                "attestation-manifest",
                                "vnd.docker.reference.digest",
                                first.digest())));
            }
            byArch.forEach((arch, image) -> entries.add(new OciLayout.IndexEntry(image, arch.platform(), Map.of())));
            if (tag.layout() == Layout.OCI_INDEX_WITH_BUILDX_ATTESTATIONS) {
                byArch.values()
                        .forEach(image -> entries.add(new OciLayout.IndexEntry(
                                layout.addAttestation(image),
                                new Platform("unknown", "unknown"),
                                Map.of(
                                        "vnd.docker.reference.digest",
                                        image.digest(),
                                        "vnd.docker.reference.type",
                                        "attestation-manifest"))));
            }
            layout.addIndex(name, entries);
            return name;
        }

        private void copy(Path layoutDir, String source, Tag tag) {
            List<String> command = new ArrayList<>(List.of("skopeo", "--insecure-policy", "copy", "-q"));
            if (tag.layout().isIndex()) {
                command.add("--all");
            }
            if (tag.layout().isDocker()) {
                command.addAll(List.of("--format", "v2s2"));
            }
            if (tag.layout() == Layout.OCI_INDEX_WITH_BUILDX_ATTESTATIONS) {
                command.add("--preserve-digests"); // the attestations name their subjects by digest
            }
            command.add("--dest-tls-verify=false");
            String secret = null;
            if (credentials.isPresent()) {
                secret = credentials.get().password().value();
                command.addAll(List.of("--dest-creds", credentials.get().username() + ":" + secret));
            } else {
                command.add("--dest-no-creds");
            }
            command.add("oci:" + layoutDir + ":" + source);
            command.add("docker://" + hostPort() + "/" + tag.repository() + ":" + tag.tag());
            ExternalTool.run(dir, command, secret);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the local registry is closed");
        }
    }

    /** Stops the registry (SIGTERM, then SIGKILL) and removes its directory. Safe to call twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
        deleteTree(dir);
    }

    private void stopProcess() {
        stop(process);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover file in /tmp must not fail the test run
                }
            });
        } catch (IOException ignored) {
            // best effort, as above
        }
    }

    @Override
    public String toString() {
        return "LocalRegistry[" + hostPort() + (credentials.isPresent() ? ", basic auth" : "") + "]";
    }
}
