package dev.coreoswatch.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.UrlConnectionHttp;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.model.Secret;
import dev.coreoswatch.testing.TestClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AppAuthenticatorTest {
    private static final String CLIENT_ID = "Iv23liQ7cW0Xzq9Tb1Kd";
    private static final long INSTALLATION = 58_301_442L;
    private static final String TOKEN_PATH = "/api/v3/app/installations/" + INSTALLATION + "/access_tokens";
    private static final Instant START = Instant.parse("2026-11-27T01:00:00Z");

    private static WireMockServer github;
    private static KeyPair keys;
    private static String pkcs8Pem;
    private static String pkcs1Pem;

    private final TestClock clock = new TestClock(START);
    private final Http http =
            new UrlConnectionHttp(new Http.Limits(Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20));

    @BeforeAll
    static void setUp() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        pkcs8Pem = pem("PRIVATE KEY", keys.getPrivate().getEncoded());
        pkcs1Pem = pem("RSA PRIVATE KEY", pkcs1((RSAPrivateCrtKey) keys.getPrivate()));
        github = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        github.start();
    }

    @AfterAll
    static void tearDown() {
        github.stop();
    }

    @BeforeEach
    void reset() {
        github.resetAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PKCS#8", "PKCS#1"})
    void theJwtIsSignedWithTheAppKeyAndCarriesIssuedAtExpiryAndIssuer(String form) throws Exception {
        stubToken("ghs_first", START.plus(Duration.ofHours(1)));
        AppAuthenticator auth = authenticator(CLIENT_ID, form.equals("PKCS#8") ? pkcs8Pem : pkcs1Pem);

        assertEquals("ghs_first", auth.get().value());

        String jwt = bearerOf(onlyRequest());
        String[] parts = jwt.split("\\.");
        assertEquals(3, parts.length);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(keys.getPublic());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(
                verifier.verify(Base64.getUrlDecoder().decode(parts[2])),
                "signature must verify with the app's public key");
        JsonNode header = decode(parts[0]);
        assertEquals("RS256", header.get("alg").textValue());
        JsonNode claims = decode(parts[1]);
        assertEquals(START.getEpochSecond() - 60, claims.get("iat").longValue());
        assertEquals(START.getEpochSecond() + 9 * 60, claims.get("exp").longValue());
        assertTrue(claims.get("iss").isTextual());
        assertEquals(CLIENT_ID, claims.get("iss").textValue());
    }

    @Test
    void aNumericAppIdIsSentAsANumber() {
        stubToken("ghs_first", START.plus(Duration.ofHours(1)));

        authenticator("1210387", pkcs1Pem).get();

        JsonNode claims = decode(bearerOf(onlyRequest()).split("\\.")[1]);
        assertTrue(claims.get("iss").isIntegralNumber(), claims.toString());
        assertEquals(1_210_387L, claims.get("iss").longValue());
    }

    @Test
    void theTokenIsAskedForTheBuildRepositoryOnlyWithActionsWrite() {
        stubToken("ghs_first", START.plus(Duration.ofHours(1)));

        authenticator(CLIENT_ID, pkcs8Pem).get();

        github.verify(
                1,
                postRequestedFor(urlEqualTo(TOKEN_PATH))
                        .withHeader("Accept", equalTo("application/vnd.github+json"))
                        .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
                        .withRequestBody(equalToJson(
                                "{\"repositories\":[\"coreos-builds\"],\"permissions\":{\"actions\":\"write\"}}")));
    }

    @Test
    void theTokenIsReusedUntilFiveMinutesBeforeItExpiresThenRenewed() {
        Instant expiry = START.plus(Duration.ofMinutes(58));
        stubToken("ghs_first", expiry);
        AppAuthenticator auth = authenticator(CLIENT_ID, pkcs8Pem);

        InstallationToken first = auth.installationToken();
        clock.set(expiry.minus(Duration.ofMinutes(5)).minusSeconds(1));
        Secret stillFirst = auth.get();

        assertEquals("ghs_first", stillFirst.value());
        assertEquals(expiry, first.expiresAt());
        github.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));

        Instant renewal = expiry.minus(Duration.ofMinutes(5));
        clock.set(renewal);
        stubToken("ghs_second", renewal.plus(Duration.ofHours(1)));
        Secret second = auth.get();

        assertEquals("ghs_second", second.value());
        github.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        List<LoggedRequest> requests = github.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)));
        JsonNode renewedClaims = decode(bearerOf(requests.get(1)).split("\\.")[1]);
        assertEquals(
                renewal.getEpochSecond() - 60,
                renewedClaims.get("iat").longValue(),
                "a new JWT is signed for the renewal");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(
                        401,
                        "{\"message\":\"A JSON web token could not be decoded\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}",
                        "rejected the JWT",
                        "A JSON web token could not be decoded"),
                Arguments.of(
                        403,
                        "{\"message\":\"This installation has been suspended\",\"documentation_url\":\"https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app\",\"status\":\"403\"}",
                        "refused an installation token",
                        "suspended"),
                Arguments.of(
                        404,
                        "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app\",\"status\":\"404\"}",
                        "knows no installation " + INSTALLATION,
                        "Not Found"),
                Arguments.of(
                        422,
                        "{\"message\":\"There is at least one repository that does not exist or is not accessible to the parent installation.\",\"documentation_url\":\"https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app\",\"status\":\"422\"}",
                        "repository coreos-builds",
                        "not accessible to the parent installation"),
                Arguments.of(502, "<html><body>Bad gateway</body></html>", "answered 502", "Bad gateway"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void aRefusalIsATypedErrorNamingAppAndInstallationButNoSecret(
            int status, String body, String says, String githubMessage) {
        github.stubFor(post(urlEqualTo(TOKEN_PATH))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody(body)));
        AppAuthenticator auth = authenticator(CLIENT_ID, pkcs1Pem);

        AppAuthenticationException e = assertThrows(AppAuthenticationException.class, auth::get);

        assertTrue(e.getMessage().contains(says), e.getMessage());
        assertTrue(e.getMessage().contains(githubMessage), e.getMessage());
        assertTrue(e.getMessage().contains(CLIENT_ID), e.getMessage());
        assertTrue(e.getMessage().contains(Long.toString(INSTALLATION)), e.getMessage());
        assertNoSecretIn(e.getMessage(), bearerOf(onlyRequest()));
    }

    @Test
    void aJwtEchoedBackByTheServerIsCutFromTheMessage() {
        github.stubFor(post(urlEqualTo(TOKEN_PATH))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Bad credentials: {{request.headers.Authorization}}\"}")
                        .withTransformers("response-template")));

        AppAuthenticationException e =
                assertThrows(AppAuthenticationException.class, authenticator(CLIENT_ID, pkcs8Pem)::get);

        String jwt = bearerOf(onlyRequest());
        assertTrue(e.getMessage().contains("Bad credentials: Bearer ****"), e.getMessage());
        assertNoSecretIn(e.getMessage(), jwt);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"token\":\"ghs_CANARY0123456789abcdefghij\",\"expires_at\":\"2026-11-27T02:00",
                "{\"token\":\"ghs_CANARY0123456789abcdefghij\"}",
                "{\"token\":\"ghs_CANARY0123456789abcdefghij\",\"expires_at\":\"in an hour\"}",
                "{\"token\":\"ghs_CANARY0123456789abcdefghij\",\"expires_at\":1796000000}",
                "{\"expires_at\":\"2026-11-27T02:00:00Z\"}",
                "{\"token\":12345,\"expires_at\":\"2026-11-27T02:00:00Z\"}",
                "{\"token\":\"   \",\"expires_at\":\"2026-11-27T02:00:00Z\"}",
                "",
            })
    void anUnusableTokenResponseIsAnErrorThatNeverQuotesTheToken(String body) {
        github.stubFor(post(urlEqualTo(TOKEN_PATH))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody(body)));

        AppAuthenticationException e =
                assertThrows(AppAuthenticationException.class, authenticator(CLIENT_ID, pkcs8Pem)::get);

        assertTrue(e.getMessage().contains("installation token response for GitHub App " + CLIENT_ID), e.getMessage());
        assertNoSecretIn(e.getMessage(), bearerOf(onlyRequest()));
    }

    @Test
    void anUnreachableGitHubIsATypedError() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        AppAuthenticator auth = AppAuthenticator.fromPem(
                http,
                URI.create("http://127.0.0.1:" + closed + "/api/v3"),
                CLIENT_ID,
                INSTALLATION,
                "owner/coreos-builds",
                new Secret(pkcs8Pem),
                clock);

        AppAuthenticationException e = assertThrows(AppAuthenticationException.class, auth::get);

        assertTrue(
                e.getMessage().startsWith("cannot get an installation token for GitHub App " + CLIENT_ID),
                e.getMessage());
        assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
    }

    @Test
    void aKeyWithEscapedNewlinesIsRead() {
        stubToken("ghs_first", START.plus(Duration.ofHours(1)));

        AppAuthenticator auth = authenticator(CLIENT_ID, pkcs1Pem.replace("\n", "\\n"));

        assertEquals("ghs_first", auth.get().value());
    }

    static Stream<Arguments> badKeys() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        byte[] ecPkcs8 = ec.generateKeyPair().getPrivate().getEncoded();
        byte[] brokenPkcs1 = pkcs1((RSAPrivateCrtKey) keys.getPrivate());
        brokenPkcs1[4] = (byte) 0x30; // the first INTEGER becomes a SEQUENCE
        return Stream.of(
                Arguments.of("no PEM markers", "just some text", "is not PEM"),
                Arguments.of(
                        "bad base64",
                        "-----BEGIN RSA PRIVATE KEY-----\nMIIE*not*base64\n-----END RSA PRIVATE KEY-----",
                        "not valid base64"),
                Arguments.of("encrypted PKCS#8", pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}), "encrypted"),
                Arguments.of(
                        "encrypted PKCS#1",
                        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----",
                        "encrypted"),
                Arguments.of("EC key", pem("EC PRIVATE KEY", ecPkcs8), "a GitHub App key is RSA"),
                Arguments.of("EC key as PKCS#8", pem("PRIVATE KEY", ecPkcs8), "not a valid RSA private key"),
                Arguments.of("broken PKCS#1", pem("RSA PRIVATE KEY", brokenPkcs1), "not a valid RSA private key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badKeys")
    void anUnusableKeyIsATypedErrorThatQuotesNoKeyMaterial(String name, String pem, String says) {
        AppAuthenticationException e = assertThrows(
                AppAuthenticationException.class,
                () -> AppAuthenticator.fromPem(
                        http,
                        URI.create(github.baseUrl()),
                        "1210387",
                        INSTALLATION,
                        "coreos-builds",
                        new Secret(pem),
                        clock));

        assertTrue(e.getMessage().contains(says), e.getMessage());
        assertTrue(e.getMessage().contains("GitHub App 1210387"), e.getMessage());
        String body = pem.replaceAll("-----[A-Z ]+-----", "").strip();
        if (body.length() >= 12) {
            assertFalse(e.getMessage().contains(body.substring(0, 12)), e.getMessage());
        }
        assertEquals(0, github.getAllServeEvents().size(), "nothing is sent with an unusable key");
    }

    @Test
    void malformedIdentifiersAreRejectedBeforeAnythingIsSent() {
        assertThrows(InvalidValueException.class, () -> authenticator("Iv1\"; rm -rf", pkcs8Pem));
        assertThrows(
                InvalidValueException.class,
                () -> AppAuthenticator.fromPem(
                        http,
                        URI.create(github.baseUrl()),
                        CLIENT_ID,
                        0,
                        "owner/coreos-builds",
                        new Secret(pkcs8Pem),
                        clock));
        assertThrows(
                InvalidValueException.class,
                () -> AppAuthenticator.fromPem(
                        http,
                        URI.create(github.baseUrl()),
                        CLIENT_ID,
                        INSTALLATION,
                        "owner/builds/extra",
                        new Secret(pkcs8Pem),
                        clock));
        assertEquals(0, github.getAllServeEvents().size());
    }

    @Test
    void theTokenNeverShowsInToString() {
        stubToken("ghs_CANARY0123456789", START.plus(Duration.ofHours(1)));

        InstallationToken token = authenticator(CLIENT_ID, pkcs8Pem).installationToken();

        assertFalse(token.toString().contains("CANARY"), token.toString());
        assertNotEquals(-1, token.toString().indexOf("expiresAt=2026-11-27T02:00:00Z"), token.toString());
    }

    /** Issue 13 D1: an installation token no header can carry is refused where it is received, never shown. */
    @Test
    void anInstallationTokenWithALineBreakIsRefusedWithoutShowingIt() {
        stubToken("ghs_lineCanary\\r\\nX-Injected: 1", Instant.parse("2026-12-06T08:00:00Z"));

        AppAuthenticationException e =
                assertThrows(AppAuthenticationException.class, authenticator(CLIENT_ID, pkcs8Pem)::get);

        assertTrue(e.getMessage().contains("cannot go into an HTTP header"), e.getMessage());
        assertFalse(e.getMessage().contains("lineCanary") || e.getMessage().contains("X-Injected"), e.getMessage());
    }

    /** Plain HTTP: the App's signed JWT does not cross the network in clear text. */
    @Test
    void theJwtIsNotSentOverPlainHttpToAnotherHost() {
        AppAuthenticator auth = AppAuthenticator.fromPem(
                http,
                URI.create("http://ghe.internal.example/api/v3"),
                CLIENT_ID,
                INSTALLATION,
                "owner/coreos-builds",
                new Secret(pkcs8Pem),
                clock);

        AppAuthenticationException e = assertThrows(AppAuthenticationException.class, auth::get);

        assertTrue(e.getMessage().contains("not sent in clear text"), e.getMessage());
    }

    // --- helpers -------------------------------------------------------------------------------

    private AppAuthenticator authenticator(String issuer, String pem) {
        return AppAuthenticator.fromPem(
                http,
                URI.create(github.baseUrl() + "/api/v3/"),
                issuer,
                INSTALLATION,
                "owner/coreos-builds",
                new Secret(pem),
                clock);
    }

    /** GitHub's 201 for POST /app/installations/{id}/access_tokens, trimmed to the fields that matter. */
    private static void stubToken(String token, Instant expiresAt) {
        github.stubFor(post(urlPathMatching("/api/v3/app/installations/[0-9]+/access_tokens"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody("""
                        {
                          "token": "%s",
                          "expires_at": "%s",
                          "permissions": {"actions": "write", "metadata": "read"},
                          "repository_selection": "selected",
                          "repositories": [{"id": 1296269, "name": "coreos-builds", "full_name": "owner/coreos-builds", "private": false}]
                        }""".formatted(token, expiresAt))));
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = github.findAll(postRequestedFor(urlPathMatching(".*")));
        assertEquals(1, requests.size());
        return requests.get(0);
    }

    private static String bearerOf(LoggedRequest request) {
        String authorization = request.getHeader("Authorization");
        assertTrue(authorization.startsWith("Bearer "), "expected a Bearer JWT");
        return authorization.substring("Bearer ".length());
    }

    private static void assertNoSecretIn(String message, String jwt) {
        assertFalse(message.contains(jwt), "the JWT leaked into: " + message);
        assertFalse(message.contains(jwt.substring(jwt.lastIndexOf('.') + 1)), "the JWT signature leaked");
        assertFalse(message.contains("CANARY"), "the token leaked into: " + message);
        for (String pem : List.of(pkcs8Pem, pkcs1Pem)) {
            pem.lines()
                    .filter(line -> !line.startsWith("-----"))
                    .forEach(line -> assertFalse(
                            message.contains(line.substring(0, 16)), "key material leaked into: " + message));
        }
    }

    private static JsonNode decode(String part) {
        return Json.parse(Base64.getUrlDecoder().decode(part), "JWT part");
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** RSAPrivateKey (RFC 8017 A.1.2) encoded from the key's numbers, independently of the code under test. */
    private static byte[] pkcs1(RSAPrivateCrtKey key) {
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        for (BigInteger n : List.of(
                BigInteger.ZERO,
                key.getModulus(),
                key.getPublicExponent(),
                key.getPrivateExponent(),
                key.getPrimeP(),
                key.getPrimeQ(),
                key.getPrimeExponentP(),
                key.getPrimeExponentQ(),
                key.getCrtCoefficient())) {
            fields.writeBytes(der(0x02, n.toByteArray()));
        }
        return der(0x30, fields.toByteArray());
    }

    private static byte[] der(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (value.length < 128) {
            out.write(value.length);
        } else if (value.length < 256) {
            out.write(0x81);
            out.write(value.length);
        } else {
            out.write(0x82);
            out.write(value.length >> 8);
            out.write(value.length & 0xff);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
