package dev.coreoswatch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.model.Arch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One WireMock on 127.0.0.1 playing both upstreams: FCOS metadata at its root
 * ({@code /streams/<stream>.json}, {@code /prod/streams/...}) and the GitHub API under
 * {@code /api/v3}, as on GitHub Enterprise Server. Tests keep out of each other's way by using
 * their own stream names and repositories, so one server serves a whole test class.
 */
final class FakeUpstream implements AutoCloseable {
    static final String API = "/api/v3";
    /** What {@link #defaultZfs()} makes the newest release of openzfs/zfs, and its META's range. */
    static final String ZFS = "2.4.7";

    static final String ZFS_RANGE = "4.18-6.19";

    private final WireMockServer server;

    private FakeUpstream(WireMockServer server) {
        this.server = server;
    }

    static FakeUpstream start() {
        WireMockServer server =
                new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return new FakeUpstream(server);
    }

    WireMockServer server() {
        return server;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The value for GITHUB_API_URL: a base with a path, as GitHub Enterprise Server has. */
    String githubApiUrl() {
        return baseUrl() + API;
    }

    /** COREOS_METADATA_URL and GITHUB_API_URL pointing here. */
    Map<String, String> env() {
        return Map.of("COREOS_METADATA_URL", baseUrl(), "GITHUB_API_URL", githubApiUrl());
    }

    // --- Fedora CoreOS ---

    void stream(String stream, Map<Arch, String> releases) {
        streamAnswer(stream, okJson(E2eFixtures.streamDocument(stream, releases)));
    }

    void stream(String stream, String release) {
        streamAnswer(stream, okJson(E2eFixtures.streamDocument(stream, release)));
    }

    void streamAnswer(String stream, ResponseDefinitionBuilder answer) {
        server.stubFor(get(urlEqualTo("/streams/" + stream + ".json")).willReturn(answer));
    }

    /** commitmeta.json of one build listing {@code kernel} (version-release, e.g. 6.19.14-200.fc44). */
    void commitmeta(String stream, String release, Arch arch, String kernel) {
        commitmetaAnswer(stream, release, arch, okJson(E2eFixtures.commitmeta(release, arch, kernel)));
    }

    void commitmetaAnswer(String stream, String release, Arch arch, ResponseDefinitionBuilder answer) {
        server.stubFor(get(urlEqualTo(commitmetaPath(stream, release, arch))).willReturn(answer));
    }

    static String commitmetaPath(String stream, String release, Arch arch) {
        return "/prod/streams/" + stream + "/builds/" + release + "/" + arch.fcosName() + "/commitmeta.json";
    }

    /** A stream of {@code release} on x86_64 and aarch64 whose commitmeta lists {@code kernel} on both. */
    void build(String stream, String release, String kernel) {
        stream(stream, release);
        for (Arch arch : List.of(Arch.X86_64, Arch.AARCH64)) {
            commitmeta(stream, release, arch, kernel);
        }
    }

    // --- GitHub: OpenZFS releases and META ---

    static String releasesPath(String repository) {
        return API + "/repos/" + repository + "/releases?per_page=100";
    }

    void releases(String repository, String fixture) {
        server.stubFor(get(urlEqualTo(releasesPath(repository))).willReturn(okJson(E2eFixtures.text(fixture))));
    }

    /**
     * Two pages as GitHub sends them: page 1 at the usual URL with a {@code Link} header naming page
     * 2 by repository id ({@code /repositories/<id>/releases?...&page=2}), back under /api/v3.
     */
    void releasePages(String repository, long repositoryId, String page1, String page2) {
        String second = API + "/repositories/" + repositoryId + "/releases?per_page=100&page=2";
        String link = "<" + baseUrl() + second + ">; rel=\"next\", <" + baseUrl() + second + ">; rel=\"last\"";
        server.stubFor(get(urlEqualTo(releasesPath(repository)))
                .willReturn(okJson(E2eFixtures.text(page1)).withHeader("Link", link)));
        String first = API + "/repositories/" + repositoryId + "/releases?per_page=100&page=1";
        String back = "<" + baseUrl() + first + ">; rel=\"prev\", <" + baseUrl() + first + ">; rel=\"first\"";
        server.stubFor(get(urlEqualTo(second))
                .willReturn(okJson(E2eFixtures.text(page2)).withHeader("Link", back)));
    }

    /** openzfs/zfs (the default zfs.repository) with {@link #ZFS} as its newest release, Linux {@link #ZFS_RANGE}. */
    void defaultZfs() {
        releases("openzfs/zfs", "openzfs-releases-variant-default.json");
        meta("openzfs/zfs", "zfs-" + ZFS, "openzfs-META-variant-" + ZFS + ".txt");
    }

    static String metaPath(String repository, String tag) {
        return API + "/repos/" + repository + "/contents/META?ref=" + tag;
    }

    /** META as the raw media type returns it. */
    void meta(String repository, String tag, String fixture) {
        server.stubFor(get(urlEqualTo(metaPath(repository, tag)))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/vnd.github.raw+json; charset=utf-8")
                        .withBody(E2eFixtures.text(fixture))));
    }

    /** META as the contents JSON (base64 in 60-character lines), which a proxy or older server may send. */
    void metaAsContents(String repository, String tag, String fixture) {
        String text = E2eFixtures.text(fixture);
        String encoded = Base64.getMimeEncoder(60, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(text.getBytes(StandardCharsets.UTF_8))
                + "\n";
        ObjectNode node = Json.object()
                .put("name", "META")
                .put("path", "META")
                .put("sha", "5b2c0e1d7f3a9a64c1b8e2d6f04a7c3e9d1b5f08")
                .put("size", text.length())
                .put("type", "file")
                .put("content", encoded)
                .put("encoding", "base64");
        server.stubFor(get(urlEqualTo(metaPath(repository, tag))).willReturn(okJson(E2eFixtures.json(node))));
    }

    static ResponseDefinitionBuilder okJson(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body);
    }

    /** Every request this server saw, oldest first. */
    List<ServeEvent> requests() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        Collections.reverse(events); // WireMock lists newest first
        return events;
    }

    /** Requests whose URL (path and query) starts with {@code prefix}. */
    List<ServeEvent> requestsTo(String prefix) {
        return requests().stream()
                .filter(e -> e.getRequest().getUrl().startsWith(prefix))
                .toList();
    }

    @Override
    public void close() {
        server.stop();
    }
}
