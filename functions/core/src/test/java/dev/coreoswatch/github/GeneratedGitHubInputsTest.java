package dev.coreoswatch.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coreoswatch.http.Http;
import dev.coreoswatch.json.Json;
import dev.coreoswatch.model.InvalidValueException;
import dev.coreoswatch.model.Printable;
import dev.coreoswatch.model.Secret;
import dev.coreoswatch.testing.Gen;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Generated values at the GitHub door: workflow inputs that pass validation are inert in a shell
 * {@code env:} and in JSON; run URLs are taken only in GitHub's shape; and a token GitHub echoes
 * back whole, split, percent- or base64-encoded never reaches an error message.
 */
class GeneratedGitHubInputsTest {
    /**
     * Characters with no meaning to a shell, YAML or JSON: what every input but the reason is made of (a ':' only
     * in a registry's port, never followed by a space).
     */
    private static final Pattern INERT = Pattern.compile("[A-Za-z0-9._,=/+~-]*(:[0-9]+[A-Za-z0-9._,=/+~-]*)?");

    private static final List<String> VERSIONS = List.of("44.20260707.3.1", "2.4.10", "6.19.14-200.fc44.x86_64");

    @Test
    void workflowInputsThatPassValidationAreInert() {
        Gen.forAll(
                "workflow inputs",
                gen -> List.of(
                        gen.nearly(List.of("stable", "testing", "next")),
                        gen.nearly(VERSIONS),
                        gen.nearly(VERSIONS),
                        gen.nearly(List.of("x86_64=6.19.14-200.fc44.x86_64,aarch64=unknown", "x86_64=unknown")),
                        gen.nearly(List.of("linux/amd64,linux/arm64", "linux/amd64")),
                        gen.chance(50) ? gen.text(220) : "a reason",
                        gen.nearly(List.of("ghcr.io/owner/custom-coreos", "registry.example.org:5000/team/coreos-zfs")),
                        gen.nearly(List.of("stable", "stable-lts"))),
                v -> {
                    WorkflowInputs inputs;
                    try {
                        inputs = new WorkflowInputs(
                                v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6), v.get(7));
                    } catch (InvalidValueException declared) {
                        assertTrue(Printable.isClean(declared.getMessage()), () -> Gen.show(declared.getMessage()));
                        return;
                    }
                    assertInert(inputs);
                });
    }

    @Test
    void anyReasonFoldsIntoAValidInput() {
        Gen.forAll("reason folded to one line", gen -> gen.text(400), reason -> {
            WorkflowInputs inputs = new WorkflowInputs(
                    "stable",
                    "44.20260707.3.1",
                    "2.4.10",
                    "x86_64=unknown",
                    "linux/amd64",
                    WorkflowInputs.oneLine(reason.isBlank() ? "x" + reason : reason),
                    "ghcr.io/owner/custom-coreos",
                    "stable");
            assertInert(inputs);
        });
    }

    @Test
    void runUrlsAreTakenOnlyInGitHubsShape() {
        RunUrl github = new RunUrl(URI.create("https://api.github.com"));
        String good = "https://github.com/acme/fcos-builds/actions/runs/17000000123";
        Gen.forAll(
                "run URL",
                gen -> gen.chance(20) ? good : gen.mutate(good),
                url -> github.accept("acme/fcos-builds", null, url).ifPresent(accepted -> {
                    assertTrue(
                            accepted.matches(
                                    "https://github\\.com/(?i:acme/fcos-builds)/actions/runs/[1-9][0-9]{0,18}"),
                            accepted);
                    assertTrue(Printable.isClean(accepted), accepted);
                }));
        assertEquals(Optional.of(good), github.accept("acme/fcos-builds", 17_000_000_123L, good));
        assertEquals("https://ghe.example", new RunUrl(URI.create("https://ghe.example/api/v3")).webBase());
        assertEquals("https://octo.ghe.com", new RunUrl(URI.create("https://api.octo.ghe.com")).webBase());
    }

    @Test
    void aTokenEchoedInAnyFormNeverReachesAMessage() {
        Gen.forAll(
                "token echoed by GitHub",
                gen -> {
                    String token = gen.oneOf("ghp_", "github_pat_", "ghs_", "")
                            + gen.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_", 8, 60)
                            + (gen.chance(20) ? gen.from("!#$%&'*+-.^`|~/=", 1, 4) : "");
                    return List.of(token, echo(gen, token), gen.oneOf("json", "text"));
                },
                c -> {
                    String token = c.get(0);
                    String body = c.get(2).equals("json") ? "{\"message\":" + Gen.quoted(c.get(1)) + "}" : c.get(1);
                    Http echoing = request ->
                            new Http.Response(403, Map.of(), body.getBytes(StandardCharsets.UTF_8), request.uri());
                    GitHubApi api = new GitHubApi(
                            echoing, URI.create("https://api.github.com"), () -> Optional.of(new Secret(token)));
                    String message;
                    try {
                        api.get("/repos/acme/fcos-builds");
                        throw new AssertionError("a 403 must throw");
                    } catch (GitHubApiException e) {
                        message = e.getMessage() + " " + e.githubMessage().orElse("");
                    }
                    String squeezed = message.replaceAll("[\\s\\p{Cntrl}\\u0085\\u2028\\u2029]", "");
                    assertFalse(squeezed.contains(token), () -> "token in " + Gen.show(message));
                    String encoded = URLEncoder.encode(token, StandardCharsets.UTF_8);
                    assertFalse(squeezed.contains(encoded), () -> "encoded token in " + Gen.show(message));
                });
    }

    /** The token as a server might repeat it: whole, split by line breaks, percent-encoded, in a URL, base64. */
    private static String echo(Gen gen, String token) {
        String form = switch (gen.between(0, 4)) {
            case 0 -> token;
            case 1 -> {
                int cut = gen.between(1, token.length() - 1);
                yield token.substring(0, cut)
                        + gen.oneOf("\n", "\r\n", "\n  ", " ", "\t", "\u2028", "\u0085")
                        + token.substring(cut);
            }
            case 2 -> URLEncoder.encode(token, StandardCharsets.UTF_8);
            case 3 ->
                "https://api.github.com/?access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&x=1";
            default -> Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
        };
        return gen.text(20) + "Bad credentials: " + form + gen.text(20);
    }

    private static void assertInert(WorkflowInputs inputs) {
        Map<String, String> values = inputs.asMap();
        values.forEach((name, value) -> {
            if (!name.equals("reason")) {
                assertTrue(INERT.matcher(value).matches(), name + "=" + Gen.show(value));
            }
        });
        String reason = values.get("reason");
        assertTrue(
                Printable.isClean(reason) && !reason.contains("\n") && reason.length() <= WorkflowInputs.REASON_MAX,
                Gen.show(reason));
        JsonNode body = Json.parse(WorkflowDispatchClient.body("main", values), "body");
        Map<String, String> back = new LinkedHashMap<>();
        body.get("inputs")
                .fields()
                .forEachRemaining(f -> back.put(f.getKey(), f.getValue().textValue()));
        assertEquals(values, back, "JSON carries every value as it is");
    }
}
