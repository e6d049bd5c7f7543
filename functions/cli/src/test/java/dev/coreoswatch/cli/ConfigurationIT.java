package dev.coreoswatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad configuration stops the command line before it asks anything of anyone: exit 2, nothing on
 * stdout, and a message on stderr that names the key (or option) to fix. The URLs point at a
 * closed loopback port, so a check that slipped through would fail fast instead of going out.
 */
class ConfigurationIT {
    private static final Map<String, String> NOWHERE = Map.of(
            "COREOS_METADATA_URL", "http://127.0.0.1:9",
            "GITHUB_API_URL", "http://127.0.0.1:9/api/v3");

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("COREOS_ARCHITECTURES", "x86_64,sparc", "coreos.architectures", "\"sparc\""),
                Arguments.of("ZFS_SERIES", "abc", "zfs.series", "\"abc\""),
                Arguments.of("GITHUB_API_URL", "ftp://x", "github.api-url", "\"ftp://x\""),
                Arguments.of("ZFS_ALLOW_DOT_ZERO", "maybe", "zfs.allow-dot-zero", "\"maybe\""));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void aBadEnvironmentVariableNamesItsKey(String variable, String value, String key, String shown) {
        CliRun.Result run =
                new CliRun().env(NOWHERE).env(variable, value).args("--json").run();

        assertUsageError(run, "coreos-watch: configuration error: " + key + ": ");
        assertTrue(run.stderr().contains(shown), run::toString);
    }

    @Test
    void aSystemPropertyIsReadToo() {
        CliRun.Result run = new CliRun()
                .env(NOWHERE)
                .jvm("-Dtarget.image=Not A Reference")
                .args("--json")
                .run();

        assertUsageError(run, "coreos-watch: configuration error: target.image: ");
    }

    @Test
    void dispatchWithoutATokenSaysWhichKeyIsMissing() {
        CliRun.Result run = new CliRun()
                .env(NOWHERE)
                .env("TARGET_IMAGE", "ghcr.io/owner/custom-coreos")
                .env("GITHUB_WORKFLOW_REPOSITORY", "owner/custom-coreos")
                .args("--json", "--dispatch")
                .run();

        assertUsageError(run, "coreos-watch: configuration error: github.token: ");
        assertTrue(run.stderr().contains("GITHUB_TOKEN"), run::toString);
    }

    @Test
    void anUnknownOptionIsAUsageErrorThatSuggestsTheRealOne() {
        CliRun.Result run =
                new CliRun().env(NOWHERE).args("--json", "--target-imag").run();

        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("", run.stdout(), run::toString);
        assertTrue(run.stderr().contains("Unknown option: '--target-imag'"), run::toString);
        assertTrue(run.stderr().contains("Possible solutions: --target-image"), run::toString);
    }

    private static void assertUsageError(CliRun.Result run, String message) {
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("", run.stdout(), run::toString);
        assertTrue(run.stderr().contains(message), run::toString);
    }
}
