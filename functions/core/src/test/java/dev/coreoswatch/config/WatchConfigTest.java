package dev.coreoswatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.model.Arch;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WatchConfigTest {

    /** Every variable of docs/contract.md section 2, spelt exactly as there. */
    @ParameterizedTest
    @CsvSource({
        "coreos.streams, COREOS_STREAMS",
        "coreos.architectures, COREOS_ARCHITECTURES",
        "coreos.metadata-url, COREOS_METADATA_URL",
        "coreos.image, COREOS_IMAGE",
        "coreos.blocked-versions, COREOS_BLOCKED_VERSIONS",
        "zfs.repository, ZFS_REPOSITORY",
        "zfs.series, ZFS_SERIES",
        "zfs.allow-dot-zero, ZFS_ALLOW_DOT_ZERO",
        "target.image, TARGET_IMAGE",
        "target.tag, TARGET_TAG",
        "registry.plain-http, REGISTRY_PLAIN_HTTP",
        "registry.username, REGISTRY_USERNAME",
        "registry.password, REGISTRY_PASSWORD",
        "github.api-url, GITHUB_API_URL",
        "github.token, GITHUB_TOKEN",
        "github.token-secret-arn, GITHUB_TOKEN_SECRET_ARN",
        "github.workflow.repository, GITHUB_WORKFLOW_REPOSITORY",
        "github.workflow.file, GITHUB_WORKFLOW_FILE",
        "github.workflow.ref, GITHUB_WORKFLOW_REF",
        "dispatch.in-flight-window, DISPATCH_IN_FLIGHT_WINDOW",
        "dispatch.dry-run, DISPATCH_DRY_RUN",
        "ledger.table, LEDGER_TABLE",
        "events.bus-name, EVENT_BUS_NAME",
        "notify.topic-arn, NOTIFY_TOPIC_ARN",
    })
    void environmentVariablesAreTheContractsNames(String key, String variable) {
        assertEquals(variable, ConfigSource.environmentName(key));
        assertEquals(
                Optional.of("value"),
                ConfigSource.system(Map.of(variable, "value")).get(key));
    }

    @Test
    void defaultsAreForRealUse() {
        WatchConfig c = WatchConfig.load(ConfigSource.of(Map.of()));
        assertEquals(List.of("stable"), c.streams());
        assertEquals(List.of(Arch.X86_64, Arch.AARCH64), c.architectures());
        assertEquals("https://builds.coreos.fedoraproject.org", c.metadataUrl().toString());
        assertEquals("quay.io/fedora/fedora-coreos", c.coreosImage().name());
        assertEquals("https://api.github.com", c.githubApiUrl().toString());
        assertEquals(Duration.ofHours(3), c.inFlightWindow());
        assertEquals("stable", c.tagFor("stable"));
        assertFalse(c.dryRun());
        assertFalse(c.isSet("target.image"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "coreos.architectures | sparc",
                "coreos.streams | Stable!",
                "zfs.series | abc",
                "github.api-url | ftp://example.org",
                "github.api-url | https://user:pw@example.org",
                "dispatch.in-flight-window | three hours",
                "dispatch.in-flight-window | -PT1H",
                "dispatch.dry-run | maybe",
                "target.image | ghcr.io/Owner/Custom",
                "github.workflow.repository | owner/repo;rm",
                "notify.topic-arn | arn:aws:sqs:eu-west-1:111122223333:not-a-topic",
                "notify.topic-arn | coreos-watch-notices",
                "coreos.blocked-versions | 44.1,$(id)",
                "registry.plain-http | host:port:extra",
                "dispatch.max-attempts | 0",
                "dispatch.max-attempts | two",
                "dispatch.verify-grace | -PT1M",
                "dispatch.verify-grace | 15m",
                "coreos.allow-downgrade | sometimes",
            })
    void badValuesNameTheirKey(String key, String value) {
        ConfigException e =
                assertThrows(ConfigException.class, () -> WatchConfig.load(ConfigSource.of(Map.of(key, value))));
        assertEquals(key, e.key());
        assertTrue(e.getMessage().startsWith(key + ":"), e.getMessage());
    }

    /** Each kind of value says what it takes instead, so the operator can fix it without the docs. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "coreos.architectures | s390 | architecture \"s390\" is not valid: use x86_64, aarch64, ppc64le or s390x",
                "dispatch.in-flight-window | three hours | duration \"three hours\" is not valid: use an ISO-8601 duration such as PT3H",
                "dispatch.in-flight-window | -PT1H | duration \"-PT1H\" is not valid: use a positive ISO-8601 duration such as PT3H",
                "dispatch.in-flight-window | P31D | duration \"PT744H\" is not valid: use at most 30 days such as PT3H",
                "dispatch.verify-grace | -PT1M | duration \"-PT1M\" is not valid: use a duration of zero or more such as PT15M",
                "dispatch.dry-run | maybe | boolean \"maybe\" is not valid: use true or false",
                "coreos.streams | Stable! | stream name \"Stable!\" is not valid: use [a-z][a-z0-9-]{0,31} such as stable",
                "zfs.series | abc | version \"abc\" is not valid: use dot-separated numbers such as 43.20251110.3.1",
                "github.api-url | ftp://example.org | URL \"ftp://example.org\" is not valid: use an http(s) URL without query or user info such as https://api.github.com",
                "github.workflow.repository | owner/repo;rm | repository \"owner/repo;rm\" is not valid: use owner/name such as openzfs/zfs",
                "github.workflow.repository | owner/.. | repository \"owner/..\" is not valid: use owner/name with no . or .. part",
                "registry.plain-http | host:port:extra | host:port \"host:port:extra\" is not valid: use a host or host:port such as localhost:5000",
                "target.image | ghcr.io/acme/custom:stable | image repository \"ghcr.io/acme/custom:stable\" is not valid: use a repository without a tag or digest such as ghcr.io/owner/custom-coreos (the tag comes from target.tag)",
                "coreos.image | Quay.io/Fedora | image reference \"Quay.io/Fedora\" is not valid: use host/repository[:tag][@sha256:digest] in lower case such as ghcr.io/owner/custom-coreos:stable",
            })
    void badValuesNameTheFormExpected(String key, String value, String message) {
        ConfigException e =
                assertThrows(ConfigException.class, () -> WatchConfig.load(ConfigSource.of(Map.of(key, value))));
        assertEquals(key + ": " + message, e.getMessage());
    }

    @Test
    void buildsAreFollowedWithTwoAttemptsAndAQuarterHourOfGraceByDefault() {
        assertEquals(
                new BuildPolicy(false, 2, Duration.ofMinutes(15)),
                WatchConfig.load(ConfigSource.of(Map.of())).builds());
        WatchConfig c = WatchConfig.load(ConfigSource.system(Map.of(
                "DISPATCH_MAX_ATTEMPTS", "5", "DISPATCH_VERIFY_GRACE", "PT0S", "COREOS_ALLOW_DOWNGRADE", "true")));
        assertEquals(new BuildPolicy(true, 5, Duration.ZERO), c.builds());
    }

    @Test
    void aPasswordWithoutAUserIsRejectedAndNeverShown() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> WatchConfig.load(ConfigSource.of(Map.of("registry.password", "hunter2-canary"))));
        assertFalse(e.getMessage().contains("hunter2-canary"));
    }

    @Test
    void requireNamesTheMissingKeyAndItsVariable() {
        WatchConfig c = WatchConfig.load(ConfigSource.of(Map.of("target.image", "ghcr.io/acme/custom-coreos")));
        ConfigException e =
                assertThrows(ConfigException.class, () -> c.require(List.of("target.image", "events.bus-name"), "x"));
        assertEquals("events.bus-name", e.key());
        assertTrue(e.getMessage().contains("EVENT_BUS_NAME"), e.getMessage());
    }

    @Test
    void theActionsVariableOfTheSameNameBreaksNoDryRunAndIsExplainedWhenADispatchNeedsIt() {
        Map<String, String> env =
                Map.of("GITHUB_WORKFLOW_REF", "octo/infra/.github/workflows/watch.yml@refs/heads/main");
        WatchConfig c = WatchConfig.load(ConfigSource.system(env));
        ConfigException e = assertThrows(ConfigException.class, c::dispatchRef);
        assertEquals("github.workflow.ref", e.key());
        assertTrue(
                e.getMessage().contains("GitHub Actions") && e.getMessage().contains("-Dgithub.workflow.ref"),
                e.getMessage());
        assertEquals(
                "release/2026",
                WatchConfig.load(ConfigSource.of(Map.of("github.workflow.ref", "release/2026")))
                        .dispatchRef());
        assertThrows(
                ConfigException.class,
                () -> WatchConfig.load(ConfigSource.of(Map.of("github.workflow.ref", "main;rm")))
                        .dispatchRef());
        assertThrows(
                ConfigException.class,
                () -> WatchConfig.load(ConfigSource.of(Map.of("github.workflow.ref", "../x")))
                        .dispatchRef());
    }
}
