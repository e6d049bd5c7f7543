package dev.coreoswatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an adversarial run found at the command line (issue 13): configuration values that used
 * to crash later or print a secret are exit 2 naming the key, and {@code status} tells an
 * unreadable state directory from an empty one.
 */
class HostileInputIT {
    /** A GitHub token with a smart quote in it: must never be printed, and never reach an HTTP header. */
    static final String SMART_TOKEN = "ghp_\u201ccanarySmart0token\u201d";

    static final String LINE_TOKEN = "ghp_canaryLine0token\nX-Injected: 1";
    static final String URL_PASSWORD = "urlCanaryPassw0rd";

    @TempDir
    Path stateDir;

    private static CliRun.Result check(Map<String, String> env) {
        return new CliRun().env(env).args("--json").run();
    }

    private static void assertConfigError(CliRun.Result result, String key, String... neverShown) {
        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains(key), result::toString);
        assertFalse(result.stderr().contains("\tat "), () -> "a stack trace: " + result);
        for (String secret : neverShown) {
            assertFalse(result.everything().contains(secret), () -> "shows a secret: " + result);
        }
    }

    /** D1: the token is checked where configuration is loaded; its value appears nowhere. */
    @Test
    void aTokenNoHeaderCanCarryIsExit2NamingTheKey() {
        for (String token : List.of(SMART_TOKEN, LINE_TOKEN)) {
            CliRun.Result result = check(Map.of("GITHUB_TOKEN", token));
            assertConfigError(result, "github.token", "canarySmart0token", "canaryLine0token", "X-Injected");
        }
        CliRun.Result password =
                check(Map.of("REGISTRY_USERNAME", "robot", "REGISTRY_PASSWORD", "pw-canary-one\r\npw-canary-two"));
        assertConfigError(password, "registry.password", "pw-canary-one", "pw-canary-two");
    }

    /** D3: values that passed the old patterns and crashed later. */
    @Test
    void valuesThatCrashedLaterAreExit2NamingTheirKey() {
        assertConfigError(check(Map.of("GITHUB_WORKFLOW_FILE", "..")), "github.workflow.file");
        assertConfigError(check(Map.of("GITHUB_WORKFLOW_REPOSITORY", "owner/..")), "github.workflow.repository");
        assertConfigError(check(Map.of("ZFS_REPOSITORY", "../..")), "zfs.repository");
        assertConfigError(
                check(Map.of("DISPATCH_IN_FLIGHT_WINDOW", "PT9223372036854775807S")), "dispatch.in-flight-window");
    }

    /** D6: a tag or digest on the target image is not silently dropped. */
    @Test
    void aTargetImageWithATagOrDigestIsExit2() {
        assertConfigError(check(Map.of("TARGET_IMAGE", "ghcr.io/acme/custom-coreos:v1")), "target.image");
        assertConfigError(
                check(Map.of("TARGET_IMAGE", "ghcr.io/acme/custom-coreos@sha256:" + "0".repeat(64))), "target.image");
        assertConfigError(
                new CliRun()
                        .args("--json", "--target-image", "localhost:5000/acme/x:v1")
                        .run(),
                "--target-image");
    }

    /** D9: a URL with user info is refused without showing it. */
    @Test
    void aMetadataUrlWithUserInfoIsRefusedWithoutShowingThePassword() {
        assertConfigError(
                check(Map.of("COREOS_METADATA_URL", "https://robot:" + URL_PASSWORD + "@builds.example")),
                "coreos.metadata-url",
                URL_PASSWORD);
        assertConfigError(
                check(Map.of("COREOS_METADATA_URL", "https://robot:" + URL_PASSWORD + "@bad host/x")),
                "coreos.metadata-url",
                URL_PASSWORD);
    }

    /** Plain HTTP: the token would cross the network in clear text, so nothing is sent at all. */
    @Test
    void aTokenForAPlainHttpApiOffThisMachineIsRefusedBeforeAnythingIsSent() {
        CliRun.Result result = check(Map.of(
                "GITHUB_API_URL", "http://github.internal.example/api/v3", "GITHUB_TOKEN", "ghp_plainCanary0123"));
        assertConfigError(result, "github.api-url", "ghp_plainCanary0123");
    }

    /** D7: a ledger the user cannot read is an error, not "no dispatches recorded". */
    @Test
    void statusOnAnUnreadableStateDirectoryFails() throws IOException {
        Files.writeString(stateDir.resolve("ledger.json"), "{\"schemaVersion\": 1, \"entries\": []}");
        Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("---------"));
        try {
            CliRun.Result result = asAnotherUser(
                            new CliRun().command("status").args("--state-dir", stateDir.toString()))
                    .run();
            assertEquals(1, result.exitCode(), result::toString);
            assertFalse(result.stdout().contains("no dispatches recorded"), result::toString);
            assertTrue(result.stderr().contains(stateDir.toString()), result::toString);
        } finally {
            Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** D7: status only reads, so a read-only state directory is no obstacle, and no lock file appears. */
    @Test
    void statusOnAReadOnlyStateDirectoryLists() throws IOException {
        Files.writeString(
                stateDir.resolve("ledger.json"),
                "{\"schemaVersion\": 1, \"entries\": [{\"key\": "
                        + "\"ghcr.io/acme/custom-coreos|stable|44.20260707.3.1|2.4.10\", \"status\": \"DISPATCHED\","
                        + " \"claimedAt\": \"2026-12-06T07:00:00Z\", \"updatedAt\": \"2026-12-06T07:00:05Z\","
                        + " \"expiresAt\": \"2026-12-06T10:00:00Z\", \"runId\": 17, \"runUrl\": null, \"reason\": \"new\", \"correlationId\": null}]}");
        Files.setPosixFilePermissions(stateDir.resolve("ledger.json"), PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            CliRun.Result result = asAnotherUser(
                            new CliRun().command("status").args("--state-dir", stateDir.toString()))
                    .run();
            assertEquals(0, result.exitCode(), result::toString);
            assertTrue(result.stdout().contains("stable 44.20260707.3.1 zfs 2.4.10"), result::toString);
            assertFalse(Files.exists(stateDir.resolve("ledger.lock")), "a read takes no lock it cannot create");
        } finally {
            Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * Permissions do not bind root, which these tests may run as: then the command runs as
     * {@code nobody} (setpriv, util-linux), which may read the jar and the JDK but not the state.
     */
    static CliRun asAnotherUser(CliRun run) {
        return "root".equals(System.getProperty("user.name"))
                ? run.wrappedIn(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"))
                : run;
    }
}
