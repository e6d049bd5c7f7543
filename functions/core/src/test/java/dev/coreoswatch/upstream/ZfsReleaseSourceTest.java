package dev.coreoswatch.upstream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.coreoswatch.github.GitHubApi;
import dev.coreoswatch.github.GitHubApiException;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.model.LinuxRange;
import dev.coreoswatch.model.MajorMinor;
import dev.coreoswatch.model.Secret;
import dev.coreoswatch.model.Version;
import dev.coreoswatch.model.ZfsRelease;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZfsReleaseSourceTest {
    static final String CANARY = "github_pat_CANARY_0123456789abcdefCANARY";
    static final String RELEASES = "/api/v3/repos/openzfs/zfs/releases?per_page=100";

    @RegisterExtension
    static WireMockExtension github = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    @RegisterExtension
    static WireMockExtension elsewhere = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    private final LoopbackHttp net = new LoopbackHttp();

    private String base() {
        return "http://127.0.0.1:" + github.getPort();
    }

    private ZfsReleaseSource source() {
        return new ZfsReleaseSource(
                new GitHubApi(net.http, URI.create(base() + "/api/v3"), () -> Optional.of(new Secret(CANARY))),
                "openzfs/zfs");
    }

    private static ZfsRelease release(String tag, String version) {
        return new ZfsRelease(tag, Version.parse(version), false, tag.contains("-rc"), Optional.empty());
    }

    private static String meta(String tag) {
        return "/api/v3/repos/openzfs/zfs/contents/META?ref=" + tag;
    }

    /** GitHub's contents answer: base64 broken into 60-character lines, as the API sends it. */
    private static String contentsJson(String text) {
        String encoded = Base64.getMimeEncoder(60, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(text.getBytes(StandardCharsets.UTF_8))
                + "\n";
        ObjectNode node = Json.object()
                .put("name", "META")
                .put("path", "META")
                .put("sha", "a3c5d4b0e6f21e5c7d0f5f0c2d8b8e4b5b3d6e71")
                .put("size", text.length())
                .put("type", "file")
                .put("content", encoded)
                .put("encoding", "base64");
        return Fixtures.json(node);
    }

    private static void assertNoToken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains("CANARY"), "token in message: " + t.getMessage());
        }
    }

    @Test
    void listsTheRealReleasesInApiOrderWithCandidatesAsPrereleases() {
        github.stubFor(get(RELEASES).willReturn(okJson(Fixtures.text("openzfs-releases-api-reconstructed.json"))));
        List<String> expectedTags = new ArrayList<>();
        Json.parse(Fixtures.bytes("openzfs-releases-api-reconstructed.json"), "fixture")
                .forEach(r -> expectedTags.add(r.get("tag_name").asText()));

        List<ZfsRelease> releases = source().releases();

        assertEquals(expectedTags, releases.stream().map(ZfsRelease::tag).toList());
        ZfsRelease candidate = releases.stream()
                .filter(r -> r.tag().equals("zfs-2.4.0-rc5"))
                .findFirst()
                .orElseThrow();
        assertEquals(Version.parse("2.4.0"), candidate.version());
        assertTrue(candidate.prerelease());
        ZfsRelease newest = releases.stream()
                .filter(r -> r.tag().equals("zfs-2.4.4"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                new ZfsRelease(
                        "zfs-2.4.4",
                        Version.parse("2.4.4"),
                        false,
                        false,
                        Optional.of(Instant.parse("2026-08-21T20:34:28Z"))),
                newest);
        github.verify(
                1, getRequestedFor(urlEqualTo(RELEASES)).withHeader("Authorization", equalTo("Bearer " + CANARY)));
    }

    @Test
    void readsEveryPageBelowTheEnterpriseBase() {
        String pages = base() + "/api/v3/repositories/26305177/releases";
        github.stubFor(get(RELEASES)
                .willReturn(okJson(Fixtures.text("openzfs-releases-variant-page1.json"))
                        .withHeader(
                                "Link",
                                "<" + pages + "?per_page=100&page=2>; rel=\"next\", <" + pages
                                        + "?per_page=100&page=3>; rel=\"last\"")));
        github.stubFor(get(urlPathEqualTo("/api/v3/repositories/26305177/releases"))
                .withQueryParam("page", equalTo("2"))
                .willReturn(okJson(Fixtures.text("openzfs-releases-variant-page2.json"))
                        .withHeader(
                                "Link",
                                "<" + pages + "?per_page=100&page=1>; rel=\"prev\", <" + pages
                                        + "?per_page=100&page=3>; rel=\"next\", <" + pages
                                        + "?per_page=100&page=3>; rel=\"last\", <" + pages
                                        + "?per_page=100&page=1>; rel=\"first\"")));
        github.stubFor(get(urlPathEqualTo("/api/v3/repositories/26305177/releases"))
                .withQueryParam("page", equalTo("3"))
                .willReturn(okJson(Fixtures.text("openzfs-releases-variant-page3.json"))
                        .withHeader(
                                "Link",
                                "<" + pages + "?per_page=100&page=2>; rel=\"prev\", <" + pages
                                        + "?per_page=100&page=1>; rel=\"first\"")));

        List<ZfsRelease> releases = source().releases();

        assertEquals(
                List.of(
                        "zfs-2.5.3",
                        "zfs-2.5.2",
                        "zfs-2.4.10",
                        "zfs-2.3.12",
                        "zfs-2.5.1",
                        "zfs-2.4.9",
                        "zfs-2.5.0",
                        "zfs-2.5.0-rc3",
                        "zfs-2.5.0-rc2",
                        "zfs-2.4.8"),
                releases.stream().map(ZfsRelease::tag).toList());
        ZfsRelease draft = releases.get(0);
        assertTrue(draft.draft());
        assertEquals(Optional.empty(), draft.publishedAt());
        assertEquals(Version.parse("2.4.10"), releases.get(2).version());
        assertTrue(releases.get(2).version().compareTo(releases.get(5).version()) > 0, "2.4.10 > 2.4.9");
        assertEquals(
                Optional.of(Instant.parse("2026-10-01T08:45:30Z")),
                releases.get(9).publishedAt());
        github.verify(3, getRequestedFor(anyUrl()).withHeader("Authorization", equalTo("Bearer " + CANARY)));
    }

    @Test
    void tagsThatAreNotZfsReleasesNeverBecomeVersions() {
        github.stubFor(get(RELEASES).willReturn(okJson(Fixtures.text("openzfs-releases-variant-hostile-tags.json"))));

        List<ZfsRelease> releases = source().releases();

        assertEquals(
                List.of("zfs-2.4.6", "zfs-2.3.11"),
                releases.stream().map(ZfsRelease::tag).toList());
        assertEquals(
                List.of(Version.parse("2.4.6"), Version.parse("2.3.11")),
                releases.stream().map(ZfsRelease::version).toList());
    }

    @Test
    void aCandidateIsAPrereleaseEvenWhenItsFlagSaysOtherwise() {
        github.stubFor(
                get(RELEASES)
                        .willReturn(
                                okJson(
                                        "[{\"tag_name\":\"zfs-2.6.0-rc1\",\"draft\":false,\"prerelease\":false,"
                                                + "\"published_at\":\"2027-03-01T12:00:00Z\"},{\"tag_name\":\"zfs-0.6.5.11\",\"draft\":false,\"prerelease\":false}]")));

        List<ZfsRelease> releases = source().releases();

        assertTrue(releases.get(0).prerelease());
        assertEquals(Version.parse("2.6.0"), releases.get(0).version());
        assertEquals(Version.parse("0.6.5.11"), releases.get(1).version());
        assertFalse(releases.get(1).prerelease());
    }

    @Test
    void anEmptyListIsEmpty() {
        github.stubFor(get(RELEASES).willReturn(okJson("[]")));

        assertEquals(List.of(), source().releases());
    }

    @Test
    void a401IsUnavailableWithGitHubsMessageAndNoToken() {
        github.stubFor(
                get(RELEASES)
                        .willReturn(
                                aResponse()
                                        .withStatus(401)
                                        .withBody(
                                                "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}")));

        UpstreamUnavailableException e = assertThrows(UpstreamUnavailableException.class, () -> source().releases());

        assertTrue(
                e.getMessage()
                        .startsWith("releases of openzfs/zfs: GitHub API " + base() + RELEASES
                                + " answered 401: Bad credentials"),
                e.getMessage());
        assertEquals(
                401, assertInstanceOf(GitHubApiException.class, e.getCause()).status());
        assertNoToken(e);
        github.verify(1, getRequestedFor(anyUrl()));
    }

    @Test
    void aSpentQuotaIsUnavailableAndSaysWhenItResets() {
        github.stubFor(get(RELEASES)
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("x-ratelimit-remaining", "0")
                        .withHeader("x-ratelimit-reset", "4102444800")
                        .withBody("{\"message\":\"API rate limit exceeded\"}")));

        UpstreamUnavailableException e = assertThrows(UpstreamUnavailableException.class, () -> source().releases());

        assertTrue(e.getMessage().contains("rate limit remaining 0, resets at 2100-01-01T00:00:00Z"), e.getMessage());
    }

    @Test
    void anUnknownRepositoryIsNotFound() {
        github.stubFor(get(RELEASES).willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));

        assertThrows(UpstreamNotFoundException.class, () -> source().releases());
    }

    @Test
    void aServerErrorIsRetriedThenUnavailable() {
        github.stubFor(
                get(RELEASES).willReturn(aResponse().withStatus(500).withBody("{\"message\":\"Server Error\"}")));

        assertThrows(UpstreamUnavailableException.class, () -> source().releases());
        github.verify(LoopbackHttp.QUICK.maxAttempts(), getRequestedFor(urlEqualTo(RELEASES)));
        assertEquals(LoopbackHttp.QUICK.maxAttempts() - 1, net.waits.size());
    }

    @Test
    void aNextPageOnAnotherHostIsRefused() {
        github.stubFor(get(RELEASES)
                .willReturn(okJson(Fixtures.text("openzfs-releases-variant-page1.json"))
                        .withHeader(
                                "Link",
                                "<http://127.0.0.1:" + elsewhere.getPort()
                                        + "/api/v3/repositories/26305177/releases?page=2>; rel=\"next\"")));
        elsewhere.stubFor(get(anyUrl()).willReturn(okJson("[]")));

        UpstreamFormatException e = assertThrows(UpstreamFormatException.class, () -> source().releases());

        assertTrue(e.getMessage().contains("outside the GitHub API base"), e.getMessage());
        assertNoToken(e);
        elsewhere.verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"message\":\"Moved\"}",
                "[\"zfs-2.4.4\"]",
                "[{\"name\":\"zfs-2.4.4\",\"draft\":false}]",
                "[{\"tag_name\":244,\"draft\":false}]",
                "[{\"tag_name\":\"zfs-2.4.4\",\"draft\":\"false\"}]",
                "[{\"tag_name\":\"zfs-2.4.4\",\"prerelease\":1}]",
                "[{\"tag_name\":\"zfs-2.4.4\"}",
                "<html>GitHub is down</html>"
            })
    void aListOfTheWrongShapeIsAFormatError(String body) {
        github.stubFor(get(RELEASES).willReturn(okJson(body)));

        UpstreamFormatException e = assertThrows(UpstreamFormatException.class, () -> source().releases());

        assertTrue(e.getMessage().startsWith("releases of openzfs/zfs (page 1)"), e.getMessage());
    }

    @Test
    void refusesARepositoryThatIsNotOwnerSlashName() {
        GitHubApi api = new GitHubApi(net.http, URI.create(base()), Optional::empty);
        for (String bad : List.of("openzfs", "openzfs/zfs/../../x", "../zfs", "openzfs/zfs?x=1", "openzfs/zfs\n")) {
            assertThrows(InvalidValueException.class, () -> new ZfsReleaseSource(api, bad), bad);
        }
    }

    @Test
    void readsTheRangeFromRawMeta() {
        github.stubFor(get(meta("zfs-2.4.4"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/vnd.github.raw+json; charset=utf-8")
                        .withBody(Fixtures.text("openzfs-META-2.4.4.txt"))));
        github.stubFor(get(meta("zfs-2.5.0"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/vnd.github.raw+json; charset=utf-8")
                        .withBody(Fixtures.text("openzfs-META-variant-2.5.0.txt"))));

        assertEquals(
                new LinuxRange(new MajorMinor(4, 18), new MajorMinor(7, 2)),
                source().linuxRange(release("zfs-2.4.4", "2.4.4")));
        assertEquals(
                new LinuxRange(new MajorMinor(5, 10), new MajorMinor(6, 19)),
                source().linuxRange(release("zfs-2.5.0", "2.5.0")));
        github.verify(getRequestedFor(urlEqualTo(meta("zfs-2.4.4")))
                .withHeader("Accept", equalTo("application/vnd.github.raw+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
    }

    @Test
    void readsTheRangeFromTheBase64ContentsAnswer() {
        github.stubFor(
                get(meta("zfs-2.2.6")).willReturn(okJson(contentsJson(Fixtures.text("openzfs-META-2.2.6.txt")))));
        github.stubFor(get(meta("zfs-2.5.0"))
                .willReturn(okJson(contentsJson(Fixtures.text("openzfs-META-variant-2.5.0.txt")))));

        assertEquals(
                new LinuxRange(new MajorMinor(3, 10), new MajorMinor(6, 10)),
                source().linuxRange(release("zfs-2.2.6", "2.2.6")));
        assertEquals(
                new LinuxRange(new MajorMinor(5, 10), new MajorMinor(6, 19)),
                source().linuxRange(release("zfs-2.5.0", "2.5.0")));
    }

    @Test
    void readsTheRangeOfAReleaseCandidate() {
        String rc = Fixtures.text("openzfs-META-variant-2.5.0.txt")
                .replace("Release:       1", "Release:       rc3")
                .replace("Linux-Maximum: 6.19", "Linux-Maximum: 6.18");
        github.stubFor(get(meta("zfs-2.5.0-rc3"))
                .willReturn(aResponse().withStatus(200).withBody(rc)));

        assertEquals(
                new LinuxRange(new MajorMinor(5, 10), new MajorMinor(6, 18)),
                source().linuxRange(release("zfs-2.5.0-rc3", "2.5.0")));
    }

    @Test
    void metaWithoutTheLinuxLinesIsAFormatError() {
        github.stubFor(get(meta("zfs-0.6.5.11"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody(Fixtures.text("openzfs-META-variant-0.6.5.11-no-range.txt"))));

        UpstreamFormatException e = assertThrows(
                UpstreamFormatException.class, () -> source().linuxRange(release("zfs-0.6.5.11", "0.6.5.11")));

        assertEquals(
                "META of openzfs/zfs at zfs-0.6.5.11 has no Linux-Minimum line, so the supported kernels are unknown",
                e.getMessage());
    }

    @Test
    void metaOfAnotherVersionIsAFormatError() {
        github.stubFor(get(meta("zfs-2.5.0"))
                .willReturn(aResponse().withStatus(200).withBody(Fixtures.text("openzfs-META-2.4.4.txt"))));

        UpstreamFormatException e =
                assertThrows(UpstreamFormatException.class, () -> source().linuxRange(release("zfs-2.5.0", "2.5.0")));

        assertTrue(e.getMessage().contains("says Version \"2.4.4\""), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":\"file\",\"encoding\":\"none\",\"content\":\"\"}",
                "{\"type\":\"dir\",\"encoding\":\"base64\",\"content\":\"\"}",
                "{\"type\":\"file\",\"encoding\":\"base64\",\"content\":\"!!not base64!!\"}",
                "{\"type\":\"file\",\"encoding\":\"base64\"}",
                "[{\"type\":\"file\",\"name\":\"META\"}]",
                "{\"type\":\"file\",\"encoding\":\"base64\",\"content\":\"TWV0YTogMQo=\"",
                ""
            })
    void aContentsAnswerOfTheWrongShapeIsAFormatError(String body) {
        github.stubFor(
                get(meta("zfs-2.4.4")).willReturn(aResponse().withStatus(200).withBody(body)));

        UpstreamFormatException e =
                assertThrows(UpstreamFormatException.class, () -> source().linuxRange(release("zfs-2.4.4", "2.4.4")));

        assertTrue(e.getMessage().startsWith("META of openzfs/zfs at zfs-2.4.4"), e.getMessage());
    }

    @Test
    void missingMetaIsNotFoundAndAServerErrorIsUnavailable() {
        github.stubFor(
                get(meta("zfs-2.4.4")).willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));
        github.stubFor(get(meta("zfs-2.3.9")).willReturn(aResponse().withStatus(503)));

        assertThrows(UpstreamNotFoundException.class, () -> source().linuxRange(release("zfs-2.4.4", "2.4.4")));
        assertThrows(UpstreamUnavailableException.class, () -> source().linuxRange(release("zfs-2.3.9", "2.3.9")));
        github.verify(LoopbackHttp.QUICK.maxAttempts(), getRequestedFor(urlEqualTo(meta("zfs-2.3.9"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zfs-2.4.4&ref=main", "zfs-2.4.4/../../x", "main", "zfs-2.4.4;id", "zfs-2.4.4\n"})
    void aHostileTagIsNeverSent(String tag) {
        ZfsRelease hostile = new ZfsRelease(tag, Version.parse("2.4.4"), false, false, Optional.empty());

        UpstreamFormatException e = assertThrows(UpstreamFormatException.class, () -> source().linuxRange(hostile));

        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        github.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void sendsNoTokenWhenNoneIsConfigured() {
        github.stubFor(get("/repos/openzfs/zfs/releases?per_page=100").willReturn(okJson("[]")));
        github.stubFor(get("/repos/openzfs/zfs/contents/META?ref=zfs-2.4.4")
                .willReturn(aResponse().withStatus(200).withBody(Fixtures.text("openzfs-META-2.4.4.txt"))));
        ZfsReleaseSource anonymous =
                new ZfsReleaseSource(new GitHubApi(net.http, URI.create(base()), Optional::empty), "openzfs/zfs");

        anonymous.releases();
        anonymous.linuxRange(release("zfs-2.4.4", "2.4.4"));

        github.verify(2, getRequestedFor(anyUrl()).withoutHeader("Authorization"));
    }
}
