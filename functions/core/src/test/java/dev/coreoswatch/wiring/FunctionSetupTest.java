package dev.coreoswatch.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.config.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the functions read from their environment for notifications (system properties stand in for it here). */
class FunctionSetupTest {
    private static final List<String> KEYS = List.of(
            "notify.topic-arn",
            "ledger.table",
            "target.image",
            "events.bus-name",
            "registry.credentials-secret-arn",
            "registry.username",
            "registry.password");
    private static final String REGISTRY_SECRET =
            "arn:aws:secretsmanager:eu-west-1:111122223333:secret:coreos-watch/registry-Rg7pQz";

    @AfterEach
    void clear() {
        KEYS.forEach(System::clearProperty);
    }

    private static void set(Map<String, String> values) {
        values.forEach(System::setProperty);
    }

    @Test
    void aTopicWithoutATableToKeepTheStateInIsAConfigurationError() {
        set(Map.of(
                "notify.topic-arn",
                "arn:aws:sns:eu-west-1:111122223333:coreos-watch-AlarmTopic-1Q2W3E4R5T6Y",
                "target.image",
                "ghcr.io/acme/custom-coreos",
                "events.bus-name",
                "coreos-watch-events"));

        ConfigException e = assertThrows(ConfigException.class, FunctionSetup::fromEnvironment);

        assertEquals("ledger.table", e.key());
        assertTrue(
                e.getMessage().contains("notifications (notify.topic-arn) needs ledger.table (LEDGER_TABLE)"),
                e.getMessage());
    }

    @Test
    void withoutATopicNobodyIsNotified() {
        set(Map.of("events.bus-name", "coreos-watch-events"));

        assertEquals(Optional.empty(), FunctionSetup.fromEnvironment().notifier());
    }

    @Test
    void withTopicTableAndImageTheNotifierIsMadeOnFirstUse() {
        set(Map.of(
                "notify.topic-arn",
                "arn:aws:sns:eu-west-1:111122223333:coreos-watch-AlarmTopic-1Q2W3E4R5T6Y",
                "ledger.table",
                "coreos-watch-LedgerTable-7Y6T5R4E3W2Q",
                "target.image",
                "ghcr.io/acme/custom-coreos",
                "events.bus-name",
                "coreos-watch-events"));
        System.setProperty("aws.region", "eu-west-1");
        try {
            assertTrue(FunctionSetup.fromEnvironment().notifier().isPresent());
        } finally {
            System.clearProperty("aws.region");
        }
    }

    @Test
    void aRegistrySecretArnThatIsNoSecretArnIsAConfigurationErrorNamingTheKey() {
        set(Map.of(
                "registry.credentials-secret-arn",
                "coreos-watch/registry",
                "target.image",
                "ghcr.io/acme/custom-coreos"));

        ConfigException e = assertThrows(ConfigException.class, FunctionSetup::fromEnvironment);

        assertEquals("registry.credentials-secret-arn", e.key());
    }

    @Test
    void aRegistrySecretBesideAUsernameAndPasswordIsAConfigurationError() {
        set(Map.of(
                "registry.credentials-secret-arn",
                REGISTRY_SECRET,
                "target.image",
                "ghcr.io/acme/custom-coreos",
                "registry.username",
                "ci-bot",
                "registry.password",
                "canary-password-77aa"));

        ConfigException e = assertThrows(ConfigException.class, FunctionSetup::fromEnvironment);

        assertEquals("registry.credentials-secret-arn", e.key());
        assertTrue(!e.getMessage().contains("canary-password-77aa"), e.getMessage());
    }

    @Test
    void aRegistrySecretIsNotReadWhileTheFunctionIsSetUp() {
        set(Map.of(
                "registry.credentials-secret-arn",
                REGISTRY_SECRET,
                "target.image",
                "ghcr.io/acme/custom-coreos",
                "events.bus-name",
                "coreos-watch-events"));
        System.setProperty("aws.region", "eu-west-1");
        // Nothing listens here: a read of the secret during set-up would fail it.
        System.setProperty("aws.endpointUrlSecretsManager", "http://127.0.0.1:9");
        try {
            assertTrue(FunctionSetup.fromEnvironment().components().registry() != null);
        } finally {
            System.clearProperty("aws.region");
            System.clearProperty("aws.endpointUrlSecretsManager");
        }
    }
}
