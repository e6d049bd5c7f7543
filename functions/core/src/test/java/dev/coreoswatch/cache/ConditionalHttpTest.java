package dev.coreoswatch.cache;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.HttpFailure;
import dev.coreoswatch.upstream.Fixtures;
import dev.coreoswatch.upstream.LoopbackHttp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The revalidating and the immutable view of the response cache, against WireMock speaking ETag and 304. */
class ConditionalHttpTest {
    private static final String DOC = "/streams/testing.json";
    private static final String ETAG = "\"5d41402abc4b2a76b9719d911017c592\"";
    private static final String LAST_MODIFIED = "Tue, 18 Aug 2026 09:12:40 GMT";

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    private final ResponseCache cache = new ResponseCache();
    private final Http conditional = new ConditionalHttp(new LoopbackHttp().http, cache);
    private final Http immutable = new ImmutableHttp(new LoopbackHttp().http, cache);

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    private Http.Response fetch(Http http, String path) throws HttpFailure {
        return http.send(Http.Request.get(uri(path)).header("Accept", "application/json"));
    }

    private static String body() {
        return Fixtures.text("fcos-stream-testing-variant.json");
    }

    @Test
    void aStoredDocumentIsRevalidatedWithItsETagAndA304GivesTheStoredBody() throws HttpFailure {
        server.stubFor(get(DOC).atPriority(5)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("ETag", ETAG)
                        .withBody(body())));
        server.stubFor(get(DOC).atPriority(1)
                .withHeader("If-None-Match", equalTo(ETAG))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", ETAG)));

        Http.Response first = fetch(conditional, DOC);
        Http.Response second = fetch(conditional, DOC);

        assertEquals(200, second.status());
        assertArrayEquals(first.body(), second.body());
        assertEquals("application/json", second.header("content-type").orElseThrow());
        server.verify(1, getRequestedFor(urlEqualTo(DOC)).withHeader("If-None-Match", absent()));
        server.verify(1, getRequestedFor(urlEqualTo(DOC)).withHeader("If-None-Match", equalTo(ETAG)));
    }

    @Test
    void lastModifiedAloneIsSentAsIfModifiedSince() throws HttpFailure {
        server.stubFor(get(DOC).atPriority(5)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Last-Modified", LAST_MODIFIED)
                        .withBody(body())));
        server.stubFor(get(DOC).atPriority(1)
                .withHeader("If-Modified-Since", equalTo(LAST_MODIFIED))
                .willReturn(aResponse().withStatus(304)));

        fetch(conditional, DOC);
        Http.Response second = fetch(conditional, DOC);

        assertEquals(body(), second.text());
        server.verify(1, getRequestedFor(urlEqualTo(DOC)).withHeader("If-Modified-Since", equalTo(LAST_MODIFIED)));
    }

    @Test
    void aChangedDocumentIsReturnedAndReplacesTheStoredOne() throws HttpFailure {
        server.stubFor(get(DOC).willReturn(
                        aResponse().withStatus(200).withHeader("ETag", ETAG).withBody("{\"v\":1}")));
        fetch(conditional, DOC);
        String newEtag = "\"7d793037a0760186574b0282f2f435e7\"";
        server.stubFor(get(DOC).willReturn(
                        aResponse().withStatus(200).withHeader("ETag", newEtag).withBody("{\"v\":2}")));

        Http.Response changed = fetch(conditional, DOC);
        fetch(conditional, DOC);

        assertEquals("{\"v\":2}", changed.text());
        assertEquals(
                newEtag,
                cache.get(new ResponseCache.Key(uri(DOC).toString(), "application/json"))
                        .orElseThrow()
                        .etag()
                        .orElseThrow());
        server.verify(1, getRequestedFor(urlEqualTo(DOC)).withHeader("If-None-Match", equalTo(newEtag)));
    }

    @Test
    void aNotModifiedWithANewValidatorUpdatesIt() throws HttpFailure {
        server.stubFor(get(DOC).atPriority(5)
                .willReturn(aResponse().withStatus(200).withHeader("ETag", ETAG).withBody(body())));
        server.stubFor(get(DOC).atPriority(1)
                .withHeader("If-None-Match", equalTo(ETAG))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", "W/\"weak-2\"")));

        fetch(conditional, DOC);
        fetch(conditional, DOC);

        assertEquals("W/\"weak-2\"", cache.entries().get(0).etag().orElseThrow());
    }

    @Test
    void aResponseWithoutValidatorsIsNotKept() throws HttpFailure {
        server.stubFor(get(DOC).willReturn(aResponse().withStatus(200).withBody(body())));

        fetch(conditional, DOC);
        fetch(conditional, DOC);

        assertEquals(0, cache.size());
        server.verify(2, getRequestedFor(urlEqualTo(DOC)).withHeader("If-None-Match", absent()));
    }

    @Test
    void aDocumentThatIsGoneIsForgotten() throws HttpFailure {
        server.stubFor(get(DOC).willReturn(
                        aResponse().withStatus(200).withHeader("ETag", ETAG).withBody(body())));
        fetch(conditional, DOC);
        server.stubFor(
                get(DOC).willReturn(aResponse().withStatus(404).withBody("<Error><Code>NoSuchKey</Code></Error>")));

        assertEquals(404, fetch(conditional, DOC).status());
        assertEquals(0, cache.size());
    }

    @Test
    void aServerErrorIsPassedOnNotHiddenByTheStoredBody() throws HttpFailure {
        server.stubFor(get(DOC).willReturn(
                        aResponse().withStatus(200).withHeader("ETag", ETAG).withBody(body())));
        fetch(conditional, DOC);
        server.stubFor(get(DOC).willReturn(aResponse().withStatus(503)));

        assertEquals(
                503, fetch(conditional, DOC).status()); // an outage stays an outage (ERROR), never yesterday's answer
        assertEquals(1, cache.size(), "the stored copy is kept to revalidate once the server is back");
    }

    @Test
    void theAcceptHeaderIsPartOfTheKey() throws HttpFailure {
        server.stubFor(get("/meta")
                .withHeader("Accept", equalTo("application/json"))
                .willReturn(
                        aResponse().withStatus(200).withHeader("ETag", "\"a\"").withBody("{\"json\":true}")));
        server.stubFor(get("/meta")
                .withHeader("Accept", equalTo("application/vnd.github.raw+json"))
                .willReturn(
                        aResponse().withStatus(200).withHeader("ETag", "\"b\"").withBody("Meta: 1")));

        fetch(conditional, "/meta");
        Http.Response raw =
                conditional.send(Http.Request.get(uri("/meta")).header("Accept", "application/vnd.github.raw+json"));

        assertEquals("Meta: 1", raw.text());
        assertEquals(2, cache.size());
    }

    @Test
    void onlyGetIsCachedAndACallersOwnConditionIsLeftAlone() throws HttpFailure {
        server.stubFor(
                post("/dispatches").willReturn(aResponse().withStatus(204).withHeader("ETag", ETAG)));
        server.stubFor(get(DOC).withHeader("If-None-Match", equalTo("\"mine\""))
                .willReturn(aResponse().withStatus(304)));

        conditional.send(Http.Request.post(uri("/dispatches"), "{}".getBytes(StandardCharsets.UTF_8)));
        Http.Response own = conditional.send(Http.Request.get(uri(DOC)).header("If-None-Match", "\"mine\""));

        assertEquals(304, own.status());
        assertEquals(0, cache.size());
    }

    @Test
    void theLinkHeaderOfAStoredPageSurvivesA304() throws HttpFailure {
        String link = "<http://127.0.0.1:" + server.getPort() + "/releases?page=2>; rel=\"next\"";
        server.stubFor(get("/releases")
                .atPriority(5)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("ETag", "W/\"p1\"")
                        .withHeader("Link", link)
                        .withBody("[]")));
        // GitHub's 304 repeats neither the body nor, reliably, the Link header
        server.stubFor(get("/releases")
                .atPriority(1)
                .withHeader("If-None-Match", equalTo("W/\"p1\""))
                .willReturn(aResponse().withStatus(304)));

        fetch(conditional, "/releases");
        Http.Response again = fetch(conditional, "/releases");

        assertEquals(List.of(link), again.headers("link"));
    }

    @Test
    void anImmutableDocumentIsReadOnceAndAbsenceIsAskedAgain() throws HttpFailure {
        String path = "/prod/streams/next/builds/45.20260820.1.0/x86_64/commitmeta.json";
        server.stubFor(get(path).willReturn(aResponse().withStatus(200).withBody("{\"version\":\"45.20260820.1.0\"}")));
        server.stubFor(get("/missing/commitmeta.json").willReturn(aResponse().withStatus(404)));

        Http.Response first = fetch(immutable, path);
        Http.Response second = fetch(immutable, path);
        fetch(immutable, "/missing/commitmeta.json");
        fetch(immutable, "/missing/commitmeta.json");

        assertArrayEquals(first.body(), second.body());
        server.verify(1, getRequestedFor(urlEqualTo(path)));
        server.verify(2, getRequestedFor(urlEqualTo("/missing/commitmeta.json")));
    }

    @Test
    void theCacheIsBoundedAndDropsTheLeastRecentlyUsedFirst() {
        ResponseCache bounded = new ResponseCache();
        for (int i = 0; i < ResponseCache.MAX_ENTRIES; i++) {
            bounded.put(entry("/doc/" + i, 10));
        }
        assertTrue(bounded.get(key("/doc/0")).isPresent()); // used: now the most recent
        bounded.put(entry("/doc/new", 10));

        assertEquals(ResponseCache.MAX_ENTRIES, bounded.size());
        assertTrue(bounded.get(key("/doc/0")).isPresent());
        assertFalse(bounded.get(key("/doc/1")).isPresent());

        bounded.put(entry("/huge", ResponseCache.MAX_ENTRY_BYTES + 1));
        assertFalse(bounded.get(key("/huge")).isPresent());
        for (int i = 0; i < 9; i++) {
            bounded.put(entry("/big/" + i, ResponseCache.MAX_ENTRY_BYTES));
        }
        long bytes = bounded.entries().stream().mapToLong(e -> e.body().length).sum();
        assertTrue(bytes <= ResponseCache.MAX_BYTES, "kept " + bytes + " bytes");
    }

    private static ResponseCache.Key key(String path) {
        return new ResponseCache.Key("http://upstream.example" + path, "application/json");
    }

    private static ResponseCache.Entry entry(String path, int size) {
        return new ResponseCache.Entry(
                key(path), Optional.of("\"e\""), Optional.empty(), Optional.empty(), List.of(), new byte[size]);
    }

    /**
     * D4: a validator beyond any real one (the adversarial run used 300 KB; here 4 KB, which every
     * HTTP client still reads) is not kept, so it is never sent back.
     */
    @Test
    void aHugeETagIsNotStored() throws HttpFailure {
        server.stubFor(get(DOC).willReturn(aResponse()
                .withStatus(200)
                .withHeader("ETag", "\"" + "e".repeat(4_000) + "\"")
                .withBody(body())));

        fetch(conditional, DOC);
        fetch(conditional, DOC);

        server.verify(2, getRequestedFor(urlEqualTo(DOC)).withHeader("If-None-Match", absent()));
    }

    /** D4: a 4xx to the conditional request itself drops the stored entry and asks once more without it. */
    @Test
    void aConditionalRequestTheServerRefusesIsRetriedOnceWithoutTheValidator() throws HttpFailure {
        cache.put(new ResponseCache.Entry(
                new ResponseCache.Key(uri(DOC).toString(), "application/json"),
                Optional.of(ETAG),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                "stale".getBytes(StandardCharsets.UTF_8)));
        server.stubFor(get(DOC).atPriority(1)
                .withHeader("If-None-Match", equalTo(ETAG))
                .willReturn(aResponse().withStatus(431).withBody("Request Header Fields Too Large")));
        server.stubFor(get(DOC).atPriority(5)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("ETag", "\"fresh\"")
                        .withBody(body())));

        Http.Response response = fetch(conditional, DOC);

        assertEquals(200, response.status());
        assertEquals(body(), response.text());
        server.verify(1, getRequestedFor(urlEqualTo(DOC)).withHeader("If-None-Match", equalTo(ETAG)));
        server.verify(1, getRequestedFor(urlEqualTo(DOC)).withHeader("If-None-Match", absent()));
        assertEquals(
                Optional.of("\"fresh\""),
                cache.get(ResponseCache.Key.of(Http.Request.get(uri(DOC)).header("Accept", "application/json")))
                        .orElseThrow()
                        .etag());
    }

    /** D9: a 200 whose body repeats the credential we sent (a server echoing headers) never reaches the cache file. */
    @Test
    void aBodyEchoingTheAuthorizationIsNotStored() throws HttpFailure {
        String token = "ghp_canaryEcho0123456789";
        server.stubFor(get(DOC).willReturn(aResponse()
                .withStatus(200)
                .withHeader("ETag", ETAG)
                .withBody("{\"headers\":{\"Authorization\":\"Bearer " + token + "\"}}")));

        Http.Response response = conditional.send(Http.Request.get(uri(DOC))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token));

        assertEquals(200, response.status());
        assertEquals(0, cache.size());
    }
}
