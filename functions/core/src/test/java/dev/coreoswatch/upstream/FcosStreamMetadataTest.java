package dev.coreoswatch.upstream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.coreoswatch.model.Arch;
import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.model.Printable;
import dev.coreoswatch.model.Version;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FcosStreamMetadataTest {
    @RegisterExtension
    static WireMockExtension fcos = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    private final LoopbackHttp net = new LoopbackHttp();

    private URI base() {
        return URI.create("http://127.0.0.1:" + fcos.getPort());
    }

    private FcosStreamMetadata metadata() {
        return new FcosStreamMetadata(net.http, base());
    }

    private void serve(String stream, String body) {
        fcos.stubFor(get("/streams/" + stream + ".json").willReturn(okJson(body)));
    }

    @Test
    void readsTheMetalReleaseOfEveryArchFromTheRealStableDocument() {
        serve("stable", Fixtures.text("fcos-stream-stable.json"));

        StreamRelease release = metadata().read("stable");

        Version expected = Version.parse("44.20260707.3.1");
        assertEquals(
                Map.of(Arch.X86_64, expected, Arch.AARCH64, expected, Arch.PPC64LE, expected, Arch.S390X, expected),
                release.releases());
        assertEquals("stable", release.stream());
        assertEquals(Optional.of(Instant.parse("2026-07-21T14:07:12Z")), release.lastModified());
        assertEquals(URI.create(base() + "/streams/stable.json"), release.source());
    }

    @Test
    void keepsEachArchsOwnReleaseFallsBackWithoutMetalAndSkipsUnknownArches() {
        serve("testing", Fixtures.text("fcos-stream-testing-variant.json"));

        StreamRelease release = metadata().read("testing");

        assertEquals(
                Map.of(
                        Arch.X86_64, Version.parse("45.20261103.2.0"),
                        Arch.AARCH64, Version.parse("45.20261103.2.1"),
                        Arch.S390X, Version.parse("45.20261020.2.0")),
                release.releases());
        assertEquals(Optional.of(Instant.parse("2026-11-03T18:22:41Z")), release.lastModified());
    }

    @Test
    void keepsThePathOfTheMetadataUrl() {
        fcos.stubFor(get("/mirror/fcos/streams/next.json")
                .willReturn(
                        okJson(Fixtures.text("fcos-stream-testing-variant.json").replace("\"testing\"", "\"next\""))));

        StreamRelease release = new FcosStreamMetadata(net.http, URI.create(base() + "/mirror/fcos/")).read("next");

        assertEquals(Version.parse("45.20261103.2.1"), release.releases().get(Arch.AARCH64));
        fcos.verify(1, getRequestedFor(urlEqualTo("/mirror/fcos/streams/next.json")));
    }

    @Test
    void aMissingStreamIsNotFound() {
        fcos.stubFor(get("/streams/rawhide.json")
                .willReturn(aResponse().withStatus(404).withBody("<Error><Code>NoSuchKey</Code></Error>")));

        UpstreamNotFoundException e =
                assertThrows(UpstreamNotFoundException.class, () -> metadata().read("rawhide"));

        assertEquals("stream rawhide not found at " + base() + "/streams/rawhide.json", e.getMessage());
        fcos.verify(1, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../streams/stable", "Stable", "stable.json?x=1", "", "a/b", "stable\nINFO forged"})
    void checksTheStreamNameBeforeBuildingAUrl(String stream) {
        assertThrows(InvalidValueException.class, () -> metadata().read(stream));
        fcos.verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "44.2026;rm -rf /",
                "$(id)",
                "44.20260707.3.1`reboot`",
                "44.20260707.3.1\nERROR forged line",
                "44.20260707.3.1-rc1",
                " 44.1"
            })
    void aReleaseThatIsNotAVersionIsAFormatErrorQuotedSafely(String hostile) {
        ObjectNode doc = Fixtures.object("fcos-stream-stable.json");
        ((ObjectNode) doc.at("/architectures/x86_64/artifacts/metal")).put("release", hostile);
        serve("stable", Fixtures.json(doc));

        UpstreamFormatException e =
                assertThrows(UpstreamFormatException.class, () -> metadata().read("stable"));

        assertTrue(e.getMessage().contains("architectures.x86_64.artifacts.metal.release"), e.getMessage());
        assertTrue(e.getMessage().contains("is not a version"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "newline in message: " + e.getMessage());
        assertTrue(e.getMessage().contains(Printable.quote(hostile)), e.getMessage());
    }

    @Test
    void aTruncatedDocumentIsAFormatError() {
        String whole = Fixtures.text("fcos-stream-stable.json");
        serve("stable", whole.substring(0, whole.length() / 2));

        UpstreamFormatException e =
                assertThrows(UpstreamFormatException.class, () -> metadata().read("stable"));

        assertTrue(
                e.getMessage()
                        .startsWith(
                                "stream metadata of stable at " + base() + "/streams/stable.json is not valid JSON"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<html><body>Maintenance</body></html>",
                "",
                "[]",
                "{\"stream\":\"stable\"}",
                "{\"stream\":\"stable\",\"architectures\":[]}",
                "{\"stream\":\"stable\",\"architectures\":{}}",
                "{\"stream\":\"stable\",\"architectures\":{\"x86_64\":{}}}",
                "{\"stream\":\"stable\",\"architectures\":{\"x86_64\":{\"artifacts\":{}}}}",
                "{\"stream\":\"stable\",\"architectures\":{\"x86_64\":{\"artifacts\":{\"metal\":{}}}}}",
                "{\"stream\":\"stable\",\"architectures\":{\"x86_64\":{\"artifacts\":{\"metal\":{\"release\":44}}}}}",
                "{\"stream\":\"stable\",\"architectures\":{\"x86_64\":{\"artifacts\":{\"metal\":{\"release\":\"44.1\"}}}}} {}",
                "{\"stream\":\"testing\",\"architectures\":{\"x86_64\":{\"artifacts\":{\"metal\":{\"release\":\"44.1\"}}}}}",
                "{\"stream\":\"stable\",\"architectures\":{\"riscv64\":{\"artifacts\":{\"metal\":{\"release\":\"44.1\"}}}}}",
                "{\"stream\":\"stable\",\"architectures\":{\"s390x\":{\"artifacts\":{\"qemu\":{\"release\":\"44.1\"},\"kubevirt\":{\"release\":\"44.2\"}}}}}"
            })
    void aDocumentOfTheWrongShapeIsAFormatError(String body) {
        serve("stable", body);

        UpstreamFormatException e =
                assertThrows(UpstreamFormatException.class, () -> metadata().read("stable"));

        assertTrue(e.getMessage().startsWith("stream metadata of stable"), e.getMessage());
    }

    @Test
    void anUnreadableTimestampIsAbsentNotAnError() {
        ObjectNode doc = Fixtures.object("fcos-stream-stable.json");
        ((ObjectNode) doc.get("metadata")).put("last-modified", "yesterday");
        serve("stable", Fixtures.json(doc));

        assertEquals(Optional.empty(), metadata().read("stable").lastModified());
    }

    @Test
    void aServerErrorIsRetriedThenUnavailable() {
        fcos.stubFor(get("/streams/stable.json").willReturn(aResponse().withStatus(503)));

        UpstreamUnavailableException e = assertThrows(
                UpstreamUnavailableException.class, () -> metadata().read("stable"));

        assertTrue(e.getMessage().contains("answered HTTP 503"), e.getMessage());
        fcos.verify(LoopbackHttp.QUICK.maxAttempts(), getRequestedFor(urlEqualTo("/streams/stable.json")));
        assertEquals(LoopbackHttp.QUICK.maxAttempts() - 1, net.waits.size());
    }

    @Test
    void aServerErrorThatClearsUpIsRead() {
        fcos.stubFor(get("/streams/stable.json")
                .inScenario("flaky")
                .whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(500))
                .willSetStateTo("recovered"));
        fcos.stubFor(get("/streams/stable.json")
                .inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(okJson(
                        Fixtures.text("fcos-stream-testing-variant.json").replace("\"testing\"", "\"stable\""))));

        assertEquals(
                Version.parse("45.20261103.2.0"),
                metadata().read("stable").releases().get(Arch.X86_64));
        fcos.verify(2, getRequestedFor(urlEqualTo("/streams/stable.json")));
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 429, 301, 410})
    void refusalsAndRateLimitsAreUnavailableNeverAbsent(int status) {
        fcos.stubFor(get("/streams/stable.json")
                .willReturn(aResponse().withStatus(status).withHeader("Location", "http://elsewhere.example/")));

        UpstreamUnavailableException e = assertThrows(
                UpstreamUnavailableException.class, () -> metadata().read("stable"));

        assertTrue(e.getMessage().contains("answered HTTP " + status), e.getMessage());
    }

    @Test
    void noAnswerIsUnavailable() {
        LoopbackHttp impatient = new LoopbackHttp(Duration.ofMillis(300));
        fcos.stubFor(get("/streams/stable.json").willReturn(okJson("{}").withFixedDelay(2_000)));

        UpstreamUnavailableException e = assertThrows(
                UpstreamUnavailableException.class,
                () -> new FcosStreamMetadata(impatient.http, base()).read("stable"));

        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        fcos.verify(LoopbackHttp.QUICK.maxAttempts(), getRequestedFor(urlEqualTo("/streams/stable.json")));
    }
}
