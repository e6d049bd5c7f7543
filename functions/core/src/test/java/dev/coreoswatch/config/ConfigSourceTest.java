package dev.coreoswatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigSourceTest {
    /** Every row of docs/contract.md section 2: the key and the environment variable the Lambda functions are given. */
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
        "events.bus-name, EVENT_BUS_NAME"
    })
    void eachKeyIsReadFromTheVariableTheContractNames(String key, String variable) {
        assertEquals(variable, ConfigSource.environmentName(key));
        assertEquals(
                Optional.of("value"),
                ConfigSource.system(Map.of(variable, "value")).get(key));
    }

    @Test
    void theBusNameTemplateYamlSetsReachesTheConfiguration() {
        WatchConfig config =
                WatchConfig.load(ConfigSource.system(Map.of("EVENT_BUS_NAME", "coreos-watch-prod-events")));

        assertEquals(Optional.of("coreos-watch-prod-events"), config.eventBusName());
    }
}
