package dev.coreoswatch.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.HttpFailure;
import dev.coreoswatch.http.UserAgent;
import dev.coreoswatch.model.Secret;
import dev.coreoswatch.upstream.LoopbackHttp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GitHubApiTest {
    static final String CANARY = "ghs_CANARYcanary0123456789TOKEN";

    @RegisterExtension
    static WireMockExtension github = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    @RegisterExtension
    static WireMockExtension elsewhere = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    private final LoopbackHttp net = new LoopbackHttp();

    private static String base() {
        return "http://127.0.0.1:" + github.getPort();
    }

    private GitHubApi api(String basePath) {
        return new GitHubApi(net.http, URI.create(base() + basePath), () -> Optional.of(new Secret(CANARY)));
    }

    private GitHubApi anonymous(String basePath) {
        return new GitHubApi(net.http, URI.create(base() + basePath), Optional::empty);
    }

    private static void assertNoToken(Throwable e) {
        assertFalse(String.valueOf(e.getMessage()).contains(CANARY), "token in message: " + e.getMessage());
        assertFalse(
                String.valueOf(e.getMessage()).contains("CANARY"), "part of the token in message: " + e.getMessage());
    }

    /** Issue 13, plain HTTP: a token for a plain-http API off this machine is refused before anything is sent. */
    @Test
    void theTokenIsNotSentOverPlainHttpToAHostThatIsNotLoopbackOrListed() {
        List<Http.Request> sent = new ArrayList<>();
        Http recording = request -> {
            sent.add(request);
            return new Http.Response(200, Map.of(), "{}".getBytes(StandardCharsets.UTF_8), request.uri());
        };
        GitHubApi plain = new GitHubApi(
                recording, URI.create("http://ghe.internal.example/api/v3"), () -> Optional.of(new Secret(CANARY)));

        GitHubApiException e = assertThrows(GitHubApiException.class, () -> plain.get("/repos/acme/fcos-builds"));

        assertTrue(e.getMessage().contains("not sent in clear text"), e.getMessage());
        assertEquals(List.of(), sent);
        assertNoToken(e);
        GitHubApi listed = new GitHubApi(
                recording,
                recording,
                URI.create("http://ghe.internal.example/api/v3"),
                () -> Optional.of(new Secret(CANARY)),
                Set.of("ghe.internal.example"));
        assertEquals(
                200,
                listed.get("/repos/acme/fcos-builds").status(),
                "a host listed in registry.plain-http may have it");
    }

    /** Issue 13 D1: a token no header can carry is refused at the door, before the HTTP client could quote it. */
    @Test
    void aTokenNoHeaderCanCarryIsRefusedBeforeSending() {
        GitHubApi api =
                new GitHubApi(net.http, URI.create(base()), () -> Optional.of(new Secret("ghs_\u201cCANARY\u201d")));

        GitHubApiException e = assertThrows(GitHubApiException.class, () -> api.get("/repos/acme/fcos-builds"));

        assertTrue(e.getMessage().contains("cannot go into an HTTP header"), e.getMessage());
        assertNoToken(e);
        github.verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest
    @CsvSource({
        "/api/v3, /api/v3/repos/openzfs/zfs/releases?per_page=100",
        "/api/v3/, /api/v3/repos/openzfs/zfs/releases?per_page=100",
        "'', /repos/openzfs/zfs/releases?per_page=100",
        "/, /repos/openzfs/zfs/releases?per_page=100"
    })
    void joinsPathsToTheBaseKeepingItsPath(String basePath, String expectedPath) {
        assertEquals(
                base() + expectedPath,
                api(basePath).uri("/repos/openzfs/zfs/releases?per_page=100").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"repos/o/r", "//evil.example/repos", "/../admin", "/repos/%2e%2e/%2e%2e/admin"})
    void refusesPathsThatLeaveTheBase(String path) {
        assertThrows(IllegalArgumentException.class, () -> api("/api/v3").uri(path));
    }

    @Test
    void refusesBaseUrlsWithUserInfoWithoutQuotingThem() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new GitHubApi(
                        net.http, URI.create("https://me:" + CANARY + "@ghe.example/api/v3"), Optional::empty));
        assertNoToken(e);
    }

    @Test
    void sendsGitHubHeadersAndTheTokenWhenOneIsConfigured() {
        github.stubFor(get("/api/v3/rate_limit").willReturn(okJson("{\"resources\":{}}")));

        Http.Response response = api("/api/v3").get("/rate_limit");

        assertEquals(200, response.status());
        github.verify(
                1,
                getRequestedFor(urlEqualTo("/api/v3/rate_limit"))
                        .withHeader("Accept", equalTo("application/vnd.github+json"))
                        .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
                        .withHeader("User-Agent", equalTo(UserAgent.VALUE))
                        .withHeader("Authorization", equalTo("Bearer " + CANARY)));
    }

    @Test
    void sendsNoAuthorizationWithoutAToken() {
        github.stubFor(get("/rate_limit").willReturn(okJson("{}")));

        anonymous("").get("/rate_limit");

        github.verify(
                1,
                getRequestedFor(urlEqualTo("/rate_limit"))
                        .withoutHeader("Authorization")
                        .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
    }

    @Test
    void acceptCanBeChosenPerCall() {
        github.stubFor(get("/api/v3/repos/o/r/contents/META?ref=zfs-2.4.4")
                .willReturn(aResponse().withStatus(200).withBody("Meta: 1\n")));

        api("/api/v3").get("/repos/o/r/contents/META?ref=zfs-2.4.4", GitHubApi.ACCEPT_RAW);

        github.verify(getRequestedFor(urlEqualTo("/api/v3/repos/o/r/contents/META?ref=zfs-2.4.4"))
                .withHeader("Accept", equalTo("application/vnd.github.raw+json")));
    }

    @Test
    void readsEveryPageTheLinkHeaderNamesBelowTheBasePath() {
        String pages = base() + "/api/v3/repositories/26305177/things";
        github.stubFor(get("/api/v3/repos/o/r/things?per_page=2")
                .willReturn(okJson("[1,2]")
                        .withHeader(
                                "Link",
                                "<" + pages + "?per_page=2&page=2>; rel=\"next\", <" + pages
                                        + "?per_page=2&page=3>; rel=\"last\"")));
        github.stubFor(get(urlPathEqualTo("/api/v3/repositories/26305177/things"))
                .withQueryParam("page", equalTo("2"))
                .willReturn(okJson("[3,4]")
                        .withHeader(
                                "Link",
                                "<" + pages + "?per_page=2&page=1>; rel=\"prev\", <" + pages
                                        + "?per_page=2&page=3>; rel=\"next\", <" + pages
                                        + "?per_page=2&page=3>; rel=\"last\"")));
        github.stubFor(get(urlPathEqualTo("/api/v3/repositories/26305177/things"))
                .withQueryParam("page", equalTo("3"))
                .willReturn(okJson("[5]")
                        .withHeader(
                                "Link",
                                "<" + pages + "?per_page=2&page=2>; rel=\"prev\", <" + pages
                                        + "?per_page=2&page=1>; rel=\"first\"")));

        List<Http.Response> read = api("/api/v3").getAllPages("/repos/o/r/things?per_page=2");

        assertEquals(
                List.of("[1,2]", "[3,4]", "[5]"),
                read.stream().map(Http.Response::text).toList());
        github.verify(3, getRequestedFor(anyUrl()).withHeader("Authorization", equalTo("Bearer " + CANARY)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "http://127.0.0.1:{other}/api/v3/repositories/1/things?page=2",
                "https://127.0.0.1:{port}/api/v3/repositories/1/things?page=2",
                "http://localhost:{port}/api/v3/repositories/1/things?page=2",
                "http://127.0.0.1:{port}/api/v2/repositories/1/things?page=2",
                "http://127.0.0.1:{port}/api/v3x/things?page=2",
                "http://127.0.0.1:{port}/api/v3/%2e%2e/admin?page=2",
                "http://127.0.0.1:{port}/api/v3/../admin?page=2",
                "http://u:p@127.0.0.1:{port}/api/v3/repositories/1/things?page=2"
            })
    void refusesANextPageOutsideTheBaseSoTheTokenStaysThere(String target) {
        String next = target.replace("{other}", String.valueOf(elsewhere.getPort()))
                .replace("{port}", String.valueOf(github.getPort()));
        github.stubFor(get("/api/v3/repos/o/r/things")
                .willReturn(okJson("[1]").withHeader("Link", "<" + next + ">; rel=\"next\"")));
        elsewhere.stubFor(get(anyUrl()).willReturn(okJson("[2]")));

        GitHubApiException e =
                assertThrows(GitHubApiException.class, () -> api("/api/v3").getAllPages("/repos/o/r/things"));

        assertEquals(GitHubApiException.Kind.REFUSED, e.kind());
        assertTrue(e.getMessage().contains("outside the GitHub API base"), e.getMessage());
        assertNoToken(e);
        github.verify(1, anyRequestedFor(anyUrl()));
        elsewhere.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void stopsAfterTwentyPages() {
        for (int page = 1; page <= 25; page++) {
            github.stubFor(get("/list?page=" + page)
                    .willReturn(okJson("[" + page + "]")
                            .withHeader("Link", "<" + base() + "/list?page=" + (page + 1) + ">; rel=\"next\"")));
        }

        GitHubApiException e = assertThrows(GitHubApiException.class, () -> api("").getAllPages("/list?page=1"));

        assertEquals(GitHubApiException.Kind.REFUSED, e.kind());
        assertTrue(e.getMessage().contains("more than " + GitHubApi.MAX_PAGES + " pages"), e.getMessage());
        github.verify(GitHubApi.MAX_PAGES, getRequestedFor(anyUrl()));
    }

    @Test
    void refusesALinkThatLoopsBack() {
        github.stubFor(get("/list?page=1")
                .willReturn(okJson("[1]").withHeader("Link", "<" + base() + "/list?page=2>; rel=\"next\"")));
        github.stubFor(get("/list?page=2")
                .willReturn(okJson("[2]").withHeader("Link", "<" + base() + "/list?page=1>; rel=\"next\"")));

        GitHubApiException e = assertThrows(GitHubApiException.class, () -> api("").getAllPages("/list?page=1"));

        assertTrue(e.getMessage().contains("links back"), e.getMessage());
        github.verify(2, getRequestedFor(anyUrl()));
    }

    @Test
    void a401GivesStatusAndGitHubsMessageAndIsNotRetried() {
        github.stubFor(
                get("/api/v3/repos/o/r/releases")
                        .willReturn(
                                aResponse()
                                        .withStatus(401)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}")));

        GitHubApiException e =
                assertThrows(GitHubApiException.class, () -> api("/api/v3").get("/repos/o/r/releases"));

        assertEquals(GitHubApiException.Kind.STATUS, e.kind());
        assertEquals(401, e.status());
        assertEquals(Optional.of("Bad credentials"), e.githubMessage());
        assertTrue(e.accessDenied());
        assertFalse(e.rateLimited());
        assertTrue(e.getMessage().contains("answered 401: Bad credentials"), e.getMessage());
        assertNoToken(e);
        github.verify(1, getRequestedFor(anyUrl()));
    }

    @Test
    void aSpentQuotaIsReportedWithItsResetTime() {
        Instant reset = Instant.now().plusSeconds(1800).truncatedTo(ChronoUnit.SECONDS);
        github.stubFor(get("/repos/o/r/releases")
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("x-ratelimit-remaining", "0")
                        .withHeader("x-ratelimit-limit", "60")
                        .withHeader("x-ratelimit-reset", String.valueOf(reset.getEpochSecond()))
                        .withBody("{\"message\":\"API rate limit exceeded for 127.0.0.1.\"}")));

        GitHubApiException e =
                assertThrows(GitHubApiException.class, () -> anonymous("").get("/repos/o/r/releases"));

        assertTrue(e.rateLimited());
        assertFalse(e.accessDenied());
        assertEquals(Optional.of(0L), e.rateLimit().remaining());
        assertEquals(Optional.of(reset), e.rateLimit().reset());
        assertTrue(e.getMessage().contains("rate limit remaining 0, resets at " + reset), e.getMessage());
        // The reset is further away than the policy may wait: no retry.
        github.verify(1, getRequestedFor(anyUrl()));
    }

    @Test
    void a429IsRetriedAndThenReportedWithRetryAfter() {
        github.stubFor(get("/repos/o/r/releases")
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("retry-after", "0")
                        .withBody("{\"message\":\"You have exceeded a secondary rate limit.\"}")));

        GitHubApiException e = assertThrows(GitHubApiException.class, () -> api("").get("/repos/o/r/releases"));

        assertEquals(429, e.status());
        assertTrue(e.rateLimited());
        assertEquals(Optional.of(Duration.ZERO), e.rateLimit().retryAfter());
        assertTrue(e.getMessage().contains("secondary rate limit"), e.getMessage());
        github.verify(LoopbackHttp.QUICK.maxAttempts(), getRequestedFor(anyUrl()));
        assertEquals(LoopbackHttp.QUICK.maxAttempts() - 1, net.waits.size());
    }

    @Test
    void aServerErrorIsRetriedThenReported() {
        github.stubFor(get("/repos/o/r/releases")
                .willReturn(aResponse().withStatus(502).withBody("<html>Bad gateway</html>")));

        GitHubApiException e = assertThrows(GitHubApiException.class, () -> api("").get("/repos/o/r/releases"));

        assertEquals(502, e.status());
        assertTrue(e.getMessage().contains("<html>Bad gateway</html>"), e.getMessage());
        github.verify(3, getRequestedFor(anyUrl()));
        assertEquals(2, net.waits.size());
    }

    @Test
    void aServerThatEchoesTheTokenDoesNotGetItIntoTheMessage() {
        github.stubFor(get("/json")
                .willReturn(aResponse()
                        .withStatus(400)
                        .withBody("{\"message\":\"Problems parsing header Authorization: Bearer " + CANARY + "\"}")));
        github.stubFor(
                get("/html").willReturn(aResponse().withStatus(404).withBody("Authorization: Bearer " + CANARY)));
        github.stubFor(get("/long")
                .willReturn(aResponse()
                        .withStatus(400)
                        .withBody("{\"message\":\"" + "x".repeat(150) + " " + CANARY + "\"}")));

        for (String path : List.of("/json", "/html", "/long")) {
            GitHubApiException e = assertThrows(GitHubApiException.class, () -> api("").get(path));
            assertNoToken(e);
            e.githubMessage().ifPresent(m -> assertFalse(m.contains("CANARY"), m));
        }
    }

    @Test
    void noAnswerIsReportedWithItsKind() {
        LoopbackHttp impatient = new LoopbackHttp(Duration.ofMillis(300));
        github.stubFor(get("/slow").willReturn(okJson("[]").withFixedDelay(2_000)));
        GitHubApi api = new GitHubApi(impatient.http, URI.create(base()), () -> Optional.of(new Secret(CANARY)));

        GitHubApiException e = assertThrows(GitHubApiException.class, () -> api.get("/slow"));

        assertEquals(GitHubApiException.Kind.NO_RESPONSE, e.kind());
        assertEquals(Optional.of(HttpFailure.Kind.TIMEOUT), e.failure());
        assertTrue(e.ambiguous());
        assertNoToken(e);
        github.verify(3, getRequestedFor(urlEqualTo("/slow")));
    }

    @Test
    void followsARedirectThatStaysBelowTheBase() {
        github.stubFor(get("/api/v3/repos/zfsonlinux/zfs/releases")
                .willReturn(aResponse()
                        .withStatus(301)
                        .withHeader("Location", base() + "/api/v3/repositories/26305177/releases")
                        .withBody("{\"message\":\"Moved Permanently\"}")));
        github.stubFor(get("/api/v3/repositories/26305177/releases").willReturn(okJson("[]")));

        assertEquals("[]", api("/api/v3").get("/repos/zfsonlinux/zfs/releases").text());
        github.verify(getRequestedFor(urlEqualTo("/api/v3/repositories/26305177/releases"))
                .withHeader("Authorization", equalTo("Bearer " + CANARY)));
    }

    @Test
    void refusesARedirectToAnotherHost() {
        github.stubFor(get("/repos/o/r/contents/META?ref=zfs-2.4.4")
                .willReturn(aResponse()
                        .withStatus(302)
                        .withHeader("Location", "http://127.0.0.1:" + elsewhere.getPort() + "/o/r/zfs-2.4.4/META")));

        GitHubApiException e =
                assertThrows(GitHubApiException.class, () -> api("").get("/repos/o/r/contents/META?ref=zfs-2.4.4"));

        assertEquals(GitHubApiException.Kind.REFUSED, e.kind());
        assertNoToken(e);
        elsewhere.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void exchangeReturnsAnyStatusForTheCallerToJudge() {
        String dispatch = "/api/v3/repos/o/r/actions/workflows/build.yaml/dispatches";
        github.stubFor(post(dispatch).willReturn(aResponse().withStatus(204)));
        byte[] body = "{\"ref\":\"main\",\"inputs\":{\"stream\":\"stable\"}}".getBytes(StandardCharsets.UTF_8);

        Http.Response response = api("/api/v3")
                .exchange("POST", "/repos/o/r/actions/workflows/build.yaml/dispatches", GitHubApi.ACCEPT_JSON, body);

        assertEquals(204, response.status());
        github.verify(postRequestedFor(urlEqualTo(dispatch))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Authorization", equalTo("Bearer " + CANARY))
                .withRequestBody(equalToJson("{\"ref\":\"main\",\"inputs\":{\"stream\":\"stable\"}}")));

        github.stubFor(post(dispatch)
                .willReturn(aResponse()
                        .withStatus(422)
                        .withBody("{\"message\":\"Workflow does not have 'workflow_dispatch' trigger\"}")));
        Http.Response refused = api("/api/v3")
                .exchange("POST", "/repos/o/r/actions/workflows/build.yaml/dispatches", GitHubApi.ACCEPT_JSON, body);
        GitHubApiException e = api("/api/v3").failure(refused);
        assertEquals(422, e.status());
        assertEquals(Optional.of("Workflow does not have 'workflow_dispatch' trigger"), e.githubMessage());
        assertFalse(e.ambiguous());
    }
}
