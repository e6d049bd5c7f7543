package dev.coreoswatch.functiontests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The upstream the watcher reads, served from the fixtures in {@code src/test/resources/upstream}: FCOS stream
 * metadata and commitmeta on one server, OpenZFS releases and META through the GitHub API on another.
 */
final class Upstream {
    static final String STABLE = "44.20261020.3.0";
    static final String TESTING = "45.20261031.2.1";
    static final String STABLE_KERNEL = "6.19.11-200.fc44";
    static final String TESTING_KERNEL = "7.0.4-100.fc45";
    static final String ZFS = "2.4.7";
    static final String LINUX_RANGE = "4.18-6.19";

    private Upstream() {}

    static String fixture(String name) {
        try (InputStream in = Upstream.class.getResourceAsStream("/upstream/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture upstream/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** builds.coreos.fedoraproject.org: the stable and testing streams, each with commitmeta per arch. */
    static void serveFcos(WireMockServer fcos) {
        stream(fcos, "stable", STABLE);
        stream(fcos, "testing", TESTING);
    }

    private static void stream(WireMockServer fcos, String stream, String release) {
        fcos.stubFor(get(urlPathEqualTo("/streams/" + stream + ".json"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("Last-Modified", "Mon, 02 Nov 2026 17:40:03 GMT")
                        .withBody(fixture("fcos-stream-" + stream + "-variant.json"))));
        for (String arch : new String[] {"x86_64", "aarch64"}) {
            fcos.stubFor(get(urlPathEqualTo(
                            "/prod/streams/" + stream + "/builds/" + release + "/" + arch + "/commitmeta.json"))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withBody(fixture("commitmeta-" + release + "-" + arch + ".json"))));
        }
    }

    /** api.github.com: the OpenZFS releases (one page) and META of the release the policy picks. */
    static void serveOpenZfs(WireMockServer github) {
        github.stubFor(get(urlPathEqualTo("/repos/openzfs/zfs/releases"))
                .withQueryParam("per_page", equalTo("100"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json; charset=utf-8")
                        .withHeader("X-RateLimit-Limit", "60")
                        .withHeader("X-RateLimit-Remaining", "57")
                        .withBody(fixture("openzfs-releases-variant.json"))));
        github.stubFor(get(urlPathEqualTo("/repos/openzfs/zfs/contents/META"))
                .withQueryParam("ref", equalTo("zfs-" + ZFS))
                .withHeader("Accept", equalTo("application/vnd.github.raw+json"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/vnd.github.raw+json; charset=utf-8")
                        .withBody(fixture("openzfs-META-" + ZFS + "-variant.txt"))));
    }
}
