package dev.coreoswatch.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.RetryPolicy;
import dev.coreoswatch.http.RetryingHttp;
import dev.coreoswatch.http.UrlConnectionHttp;
import dev.coreoswatch.model.Arch;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Three loopback WireMock servers shaped like ghcr.io: the registry, its token realm
 * ({@code https://ghcr.io/token} in real life) and the blob storage its 307s point at
 * ({@code pkg-containers.githubusercontent.com}). Headers and bodies are ghcr's, with the
 * hosts rewritten to loopback.
 */
public final class GhcrStubs implements AutoCloseable {
    public static final String REPO = "owner/custom-coreos";
    static final String SERVICE = "ghcr.io";
    static final String SCOPE = "repository:" + REPO + ":pull";
    /** ghcr tokens are base64 of {@code v1:<repository>:<expiry>}; shape only. */
    public static final String TOKEN = "djE6b3duZXIvY3VzdG9tLWNvcmVvczoxNzY0MjA1MjAw";

    public static final String UNAUTHORIZED =
            "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}";
    /** ghcr's answer to an anonymous read of a package that does not exist, or is private. */
    public static final String DENIED =
            "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}";

    static final RetryPolicy TINY_RETRIES = new RetryPolicy(
            3, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofSeconds(10));

    public final WireMockServer registry = server();
    public final WireMockServer realm = server();
    public final WireMockServer storage = server();
    /** Every wait RetryingHttp asked for, instead of sleeping. */
    final List<Duration> waits = new ArrayList<>();

    private static WireMockServer server() {
        WireMockServer server =
                new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server;
    }

    public void reset() {
        registry.resetAll();
        realm.resetAll();
        storage.resetAll();
        waits.clear();
    }

    @Override
    public void close() {
        registry.stop();
        realm.stop();
        storage.stop();
    }

    public static String hostPort(WireMockServer server) {
        return "127.0.0.1:" + server.port();
    }

    public String registryHost() {
        return hostPort(registry);
    }

    ImageReference image(String tag) {
        return ImageReference.parse(registryHost() + "/" + REPO + ":" + tag);
    }

    public Set<String> plainHttpHosts() {
        return Set.of(hostPort(registry), hostPort(realm), hostPort(storage));
    }

    Http http() {
        return new RetryingHttp(
                new UrlConnectionHttp(Http.Limits.DEFAULT), TINY_RETRIES, Clock.systemUTC(), waits::add);
    }

    RegistryClient client() {
        return new RegistryClient(http(), plainHttpHosts(), Map.of());
    }

    /** ghcr's challenge, realm rewritten to the loopback realm server. */
    String challenge() {
        return "Bearer realm=\"http://" + hostPort(realm) + "/token\",service=\"" + SERVICE + "\",scope=\"" + SCOPE
                + "\"";
    }

    /** Anything under /v2/ without a matching Bearer token gets ghcr's 401 and challenge. */
    public void requireBearer() {
        registry.stubFor(any(urlPathMatching("/v2/.*"))
                .atPriority(10)
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("WWW-Authenticate", challenge())
                        .withBody(UNAUTHORIZED)));
    }

    /** The realm hands out {@code body} for our service and scope, to anyone. */
    void realmAnswers(String body) {
        realm.stubFor(get(urlPathEqualTo("/token"))
                .withQueryParam("service", equalTo(SERVICE))
                .withQueryParam("scope", equalTo(SCOPE))
                .willReturn(okJson(body)));
    }

    public void issueToken() {
        realmAnswers("{\"token\":\"" + TOKEN + "\"}");
    }

    /**
     * ghcr for a package that does not exist yet, or is private, read anonymously, as the realm
     * answers it: the token request is denied with 403 {@code DENIED}. Token requests that carry
     * credentials are not matched here (add a stub for them).
     */
    public void realmDeniesAnonymousReads() {
        requireBearer();
        realm.stubFor(get(urlPathEqualTo("/token"))
                .atPriority(5)
                .withHeader("Authorization", absent())
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody(DENIED)));
    }

    /**
     * ghcr for a private package as the registry answers it: the realm issues an anonymous token,
     * and the manifest read with it is denied ({@code status} 401 {@code UNAUTHORIZED} or 403
     * {@code DENIED}).
     */
    public void manifestDeniesAnonymousReads(int status) {
        requireBearer();
        issueToken();
        registry.stubFor(authorized(any(urlPathMatching("/v2/" + REPO + "/manifests/.*")))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(status == 401 ? UNAUTHORIZED : DENIED)));
    }

    /** GET and HEAD of {@code path} on the registry answer {@code response} (HEAD without the body) when they carry the token. */
    public void onRegistry(String path, ResponseDefinitionBuilder response) {
        registry.stubFor(authorized(any(urlPathEqualTo(path))).willReturn(response));
    }

    private static MappingBuilder authorized(MappingBuilder mapping) {
        return mapping.withHeader("Authorization", equalTo("Bearer " + TOKEN)).atPriority(1);
    }

    /** What {@link #serve} put on the registry. */
    public record Served(
            StubImages.Doc index, Map<Arch, StubImages.Doc> manifests, Map<Arch, StubImages.Doc> configs) {}

    /**
     * Serves {@code tag} as an OCI index (plus an attestation entry) over one manifest and config
     * per arch, all behind the token. With {@code redirectBlobs}, config blobs answer ghcr's 307
     * to the storage server, which serves them without any authorization.
     */
    public Served serve(String tag, Map<Arch, Map<String, String>> labels, boolean redirectBlobs) {
        Map<Arch, StubImages.Doc> manifests = new LinkedHashMap<>();
        Map<Arch, StubImages.Doc> configs = new LinkedHashMap<>();
        new TreeMap<>(labels).forEach((arch, l) -> {
            StubImages.Doc config = StubImages.config(arch, l);
            StubImages.Doc manifest = StubImages.manifest(config);
            configs.put(arch, config);
            manifests.put(arch, manifest);
            String blobPath = "/v2/" + REPO + "/blobs/" + config.digest();
            if (redirectBlobs) {
                String storagePath = "/ghcr1/blobs/" + config.digest();
                onRegistry(
                        blobPath,
                        aResponse()
                                .withStatus(307)
                                .withHeader(
                                        "Location",
                                        "http://" + hostPort(storage) + storagePath
                                                + "?se=2026-11-27T01%3A40%3A00Z&sig=Zm9vYmFyc2lnbmF0dXJl&sp=r&spr=https&sr=b&sv=2019-12-12"));
                storage.stubFor(get(urlPathEqualTo(storagePath))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/octet-stream")
                                .withBody(config.bytes())));
            } else {
                onRegistry(
                        blobPath,
                        aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/octet-stream")
                                .withBody(config.bytes()));
            }
            onRegistry(
                    "/v2/" + REPO + "/manifests/" + manifest.digest(),
                    manifestResponse(manifest, MediaTypes.OCI_MANIFEST));
        });
        StubImages.Doc index = StubImages.index(manifests, true);
        onRegistry("/v2/" + REPO + "/manifests/" + tag, manifestResponse(index, MediaTypes.OCI_INDEX));
        return new Served(index, manifests, configs);
    }

    static ResponseDefinitionBuilder manifestResponse(StubImages.Doc doc, String mediaType) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", mediaType)
                .withHeader("Docker-Content-Digest", doc.digest())
                .withBody(doc.bytes());
    }

    /** Every request any of the three servers saw. */
    List<LoggedRequest> allRequests() {
        List<LoggedRequest> all = new ArrayList<>();
        for (WireMockServer server : List.of(registry, realm, storage)) {
            server.getAllServeEvents().forEach(e -> all.add(e.getRequest()));
        }
        return all;
    }
}
