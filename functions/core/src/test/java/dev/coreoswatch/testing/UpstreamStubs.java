package dev.coreoswatch.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.upstream.Fixtures;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One loopback WireMock server playing FCOS (builds host: {@code /streams/<stream>.json},
 * {@code /prod/streams/.../commitmeta.json}) and GitHub Enterprise under {@code /api/v3} (the
 * OpenZFS release list in two pages, META at a tag), each with the conditional-request behaviour
 * of the real hosts: a 200 carries a validator (S3's strong ETag and Last-Modified, GitHub's weak
 * ETag), and a GET whose {@code If-None-Match} names the current ETag gets a bodyless 304. When a
 * document is served anew its old 304 goes away, as it does when the upstream file changes.
 * Bodies are variants of the real samples in {@code src/test/resources/upstream}.
 */
public final class UpstreamStubs implements AutoCloseable {
    public static final String ZFS_REPOSITORY = "openzfs/zfs";
    public static final String RELEASES = "/api/v3/repos/openzfs/zfs/releases?per_page=100";
    public static final String RELEASES_PAGE_2 = "/api/v3/repositories/26305177/releases?per_page=100&page=2";
    private static final String LAST_MODIFIED = "Tue, 21 Jul 2026 14:07:12 GMT";

    public final WireMockServer server;
    private final Map<String, List<StubMapping>> stubsByUrl = new HashMap<>();

    public UpstreamStubs() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    public URI metadataUrl() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public URI githubApiUrl() {
        return URI.create("http://127.0.0.1:" + server.port() + "/api/v3");
    }

    public void reset() {
        server.resetAll();
        stubsByUrl.clear();
    }

    @Override
    public void close() {
        server.stop();
    }

    public static String streamPath(String stream) {
        return "/streams/" + stream + ".json";
    }

    public static String commitmetaPath(String stream, String release, Arch arch) {
        return "/prod/streams/" + stream + "/builds/" + release + "/" + arch.fcosName() + "/commitmeta.json";
    }

    public static String metaPath(String tag) {
        return "/api/v3/repos/openzfs/zfs/contents/META?ref=" + tag;
    }

    /** {@code streams/<stream>.json} naming {@code release} for every artifact of every arch (the real stable document, renumbered). */
    public void stream(String stream, String release, String etag) {
        ObjectNode doc = Fixtures.object("fcos-stream-stable.json");
        doc.put("stream", stream);
        doc.get("architectures")
                .forEach(arch ->
                        arch.get("artifacts").forEach(artifact -> ((ObjectNode) artifact).put("release", release)));
        serve(streamPath(stream), "application/json", Fixtures.json(doc), "\"" + etag + "\"", true);
    }

    /** The commitmeta.json of one build and arch, its kernel package set to {@code version-release.arch}. */
    public void commitmeta(String stream, String release, Arch arch, String kernelVersion, String kernelRelease) {
        ObjectNode doc = Fixtures.object("commitmeta-44.20260707.3.1-x86_64.json");
        doc.put("version", release)
                .put("fedora-coreos.stream", stream)
                .put("coreos-assembler.basearch", arch.fcosName());
        ArrayNode packages = (ArrayNode) doc.get("rpmostree.rpmdb.pkglist");
        for (JsonNode entry : packages) {
            ArrayNode p = (ArrayNode) entry;
            p.set(4, p.textNode(arch.fcosName()));
            if (p.get(0).asText().startsWith("kernel")) {
                p.set(2, p.textNode(kernelVersion));
                p.set(3, p.textNode(kernelRelease));
            }
        }
        serve(
                commitmetaPath(stream, release, arch),
                "application/json",
                Fixtures.json(doc),
                "\"" + Integer.toHexString(doc.hashCode()) + "\"",
                true);
    }

    /**
     * The release list in two pages (the variant samples: the newest release is zfs-2.5.2, 2.5.3 is a draft), linked as GitHub
     * links them, each page with its own weak ETag derived from {@code version}.
     */
    public void releases(String version) {
        String page2 = "http://127.0.0.1:" + server.port() + RELEASES_PAGE_2;
        serve(
                RELEASES,
                "application/json; charset=utf-8",
                Fixtures.text("openzfs-releases-variant-page1.json"),
                "W/\"releases-1-" + version + "\"",
                false,
                r -> r.withHeader("Link", "<" + page2 + ">; rel=\"next\", <" + page2 + ">; rel=\"last\""));
        serve(
                RELEASES_PAGE_2,
                "application/json; charset=utf-8",
                Fixtures.text("openzfs-releases-variant-page2.json"),
                "W/\"releases-2-" + version + "\"",
                false,
                r -> r);
    }

    /** META at {@code tag} as the raw file (META of 2.4.4 with other numbers). */
    public void meta(String tag, String version, String minimum, String maximum) {
        String text = Fixtures.text("openzfs-META-2.4.4.txt")
                .replaceAll("(?m)^Version:( *).*$", "Version:$1" + version)
                .replaceAll("(?m)^Linux-Maximum:( *).*$", "Linux-Maximum:$1" + maximum)
                .replaceAll("(?m)^Linux-Minimum:( *).*$", "Linux-Minimum:$1" + minimum);
        serve(metaPath(tag), "application/vnd.github.raw+json; charset=utf-8", text, "\"meta-" + version + "\"", false);
    }

    private void serve(String url, String contentType, String body, String etag, boolean s3) {
        serve(url, contentType, body, etag, s3, r -> r);
    }

    private void serve(
            String url,
            String contentType,
            String body,
            String etag,
            boolean s3,
            UnaryOperator<ResponseDefinitionBuilder> extra) {
        stubsByUrl.getOrDefault(url, List.of()).forEach(server::removeStub);
        ResponseDefinitionBuilder ok = aResponse()
                .withStatus(200)
                .withHeader("Content-Type", contentType)
                .withHeader("ETag", etag)
                .withBody(body);
        ResponseDefinitionBuilder notModified = aResponse().withStatus(304).withHeader("ETag", etag);
        if (s3) {
            ok = ok.withHeader("Last-Modified", LAST_MODIFIED).withHeader("Server", "AmazonS3");
            notModified = notModified.withHeader("Last-Modified", LAST_MODIFIED).withHeader("Server", "AmazonS3");
        } else {
            ok = ok.withHeader("X-RateLimit-Limit", "5000")
                    .withHeader("X-RateLimit-Remaining", "4990")
                    .withHeader("X-GitHub-Api-Version-Selected", "2022-11-28");
            notModified =
                    notModified.withHeader("X-RateLimit-Limit", "5000").withHeader("X-RateLimit-Remaining", "4990");
        }
        List<StubMapping> stubs = new ArrayList<>();
        stubs.add(server.stubFor(get(urlEqualTo(url)).atPriority(5).willReturn(extra.apply(ok))));
        stubs.add(server.stubFor(get(urlEqualTo(url))
                .atPriority(1)
                .withHeader("If-None-Match", equalTo(etag))
                .willReturn(notModified)));
        stubsByUrl.put(url, stubs);
    }

    /** Every request the server saw, oldest first. */
    public List<LoggedRequest> requests() {
        List<LoggedRequest> all = new ArrayList<>(
                server.getAllServeEvents().stream().map(ServeEvent::getRequest).toList());
        all.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
        return all;
    }

    public long count(Predicate<LoggedRequest> which) {
        return server.getAllServeEvents().stream()
                .map(ServeEvent::getRequest)
                .filter(which)
                .count();
    }

    /** Answers the server gave with this status. */
    public long answered(int status, Predicate<LoggedRequest> which) {
        return server.getAllServeEvents().stream()
                .filter(e -> e.getResponse().getStatus() == status)
                .map(ServeEvent::getRequest)
                .filter(which)
                .count();
    }
}
