package dev.coreoswatch.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.model.Printable;
import dev.coreoswatch.testing.Gen;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Generated {@code WWW-Authenticate} headers and image references: a value or the declared error, nothing else. */
class GeneratedRegistryParsersTest {
    private static final List<String> CHALLENGES = List.of(
            "Bearer realm=\"https://ghcr.io/token\",service=\"ghcr.io\",scope=\"repository:acme/custom-coreos:pull\"",
            "Basic realm=\"Registry Realm\"",
            "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/x:pull,push\", Basic realm=\"x\"",
            "Bearer realm=https://quay.io/v2/auth,service=quay.io",
            "Negotiate, Bearer realm=\"r\"");
    private static final List<String> REFERENCES = List.of(
            "ghcr.io/acme/custom-coreos",
            "quay.io/fedora/fedora-coreos:stable",
            "localhost:5000/a/b@sha256:" + "a".repeat(64),
            "ubuntu",
            "[::1]:5000/x/y:tag",
            "registry-1.docker.io/library/ubuntu:24.04");

    @Test
    void challengesParseToSchemesAndParametersOrNothing() {
        Gen.forAll("WWW-Authenticate", gen -> List.of(gen.nearly(CHALLENGES), gen.nearly(CHALLENGES)), headers -> {
            for (AuthChallenge challenge : AuthChallengeParser.parse(headers)) {
                assertTrue(
                        !challenge.scheme().isEmpty()
                                && challenge.scheme().chars().allMatch(c -> c > 0x20 && c < 0x7f),
                        challenge::toString);
            }
            AuthChallengeParser.preferred(headers).ifPresent(c -> assertTrue(c.isBearer() || c.isBasic(), c::toString));
        });
    }

    @Test
    void referencesParseToThemselvesOrAreDeclaredInvalid() {
        Gen.forAll("image reference", gen -> gen.nearly(REFERENCES), text -> {
            ImageReference ref;
            try {
                ref = ImageReference.parse(text);
            } catch (InvalidValueException declared) {
                assertTrue(Printable.isClean(declared.getMessage()), declared::getMessage);
                return;
            }
            assertEquals(
                    ref, ImageReference.parse(ref.toString()), "printing and parsing again gives the same reference");
            assertTrue(Printable.isClean(ref.toString()) && !ref.toString().contains(" "), ref::toString);
        });
    }
}
