package dev.coreoswatch.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthChallengeParserTest {

    @Test
    void readsGhcrsBearerChallenge() {
        List<AuthChallenge> challenges = AuthChallengeParser.parse(
                List.of(
                        "Bearer realm=\"https://ghcr.io/token\",service=\"ghcr.io\",scope=\"repository:owner/custom-coreos:pull\""));

        assertEquals(
                List.of(new AuthChallenge(
                        "bearer",
                        Map.of(
                                "realm",
                                "https://ghcr.io/token",
                                "service",
                                "ghcr.io",
                                "scope",
                                "repository:owner/custom-coreos:pull"))),
                challenges);
    }

    @Test
    void keepsCommasInsideQuotedValues() {
        AuthChallenge challenge = AuthChallengeParser.parse(
                        List.of(
                                "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:samalba/my-app:pull,push\""))
                .get(0);

        assertEquals(Optional.of("repository:samalba/my-app:pull,push"), challenge.scope());
        assertEquals(Optional.of("registry.docker.io"), challenge.service());
    }

    @Test
    void readsABasicChallengeOfAPlainRegistry() {
        AuthChallenge challenge = AuthChallengeParser.parse(List.of("Basic realm=\"local-registry\""))
                .get(0);

        assertTrue(challenge.isBasic());
        assertEquals(Optional.of("local-registry"), challenge.realm());
    }

    @Test
    void schemeAndParameterNamesAreCaseInsensitiveAndSpacesAreAllowed() {
        AuthChallenge challenge = AuthChallengeParser.parse(
                        List.of("BEARER Realm = \"https://quay.io/v2/auth\" , Service=quay.io"))
                .get(0);

        assertTrue(challenge.isBearer());
        assertEquals(Optional.of("https://quay.io/v2/auth"), challenge.realm());
        assertEquals(Optional.of("quay.io"), challenge.service());
    }

    @Test
    void readsSeveralChallengesInOneHeaderAndPrefersBearer() {
        List<String> header =
                List.of("Basic realm=\"registry\", Bearer realm=\"https://r.example/token\",service=\"r.example\"");

        assertEquals(2, AuthChallengeParser.parse(header).size());
        assertEquals(
                Optional.of("https://r.example/token"),
                AuthChallengeParser.preferred(header).orElseThrow().realm());
    }

    @Test
    void readsChallengesFromSeveralHeaderLines() {
        List<String> headers = List.of("Negotiate", "Basic realm=\"x\"");

        assertTrue(AuthChallengeParser.preferred(headers).orElseThrow().isBasic());
    }

    @Test
    void unescapesQuotedPairs() {
        AuthChallenge challenge = AuthChallengeParser.parse(
                        List.of("Bearer realm=\"https://r.example/to\\\"ken\",error=\"invalid_token\""))
                .get(0);

        assertEquals(Optional.of("https://r.example/to\"ken"), challenge.realm());
        assertEquals(Optional.of("invalid_token"), challenge.param("error"));
    }

    @Test
    void acceptsAnUnquotedUrl() {
        assertEquals(
                Optional.of("https://r.example/token"),
                AuthChallengeParser.parse(List.of("Bearer realm=https://r.example/token,service=r"))
                        .get(0)
                        .realm());
    }

    @Test
    void anUnterminatedQuoteIsDropped() {
        assertEquals(List.of(), AuthChallengeParser.parse(List.of("Bearer realm=\"https://r.example/token")));
    }

    @Test
    void otherSchemesAndGarbageGiveNoUsableChallenge() {
        assertEquals(
                Optional.empty(),
                AuthChallengeParser.preferred(List.of("Negotiate abc", "", "=\"x\"", "Digest realm=\"d\"")));
        assertEquals(Optional.empty(), AuthChallengeParser.preferred(List.of()));
    }

    @Test
    void aHugeHeaderIsIgnored() {
        assertEquals(List.of(), AuthChallengeParser.parse(List.of("Bearer realm=\"" + "x".repeat(5000) + "\"")));
    }
}
