package dev.coreoswatch.service;

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
    private static final List<String> KEYS = List.of("notify.topic-arn", "ledger.table", "target.image", "events.bus-name");

    @AfterEach
    void clear() {
        KEYS.forEach(System::clearProperty);
    }

    private static void set(Map<String, String> values) {
        values.forEach(System::setProperty);
    }

    @Test
    void aTopicWithoutATableToKeepTheStateInIsAConfigurationError() {
        set(Map.of("notify.topic-arn", "arn:aws:sns:eu-west-1:111122223333:coreos-watch-AlarmTopic-1Q2W3E4R5T6Y",
                "target.image", "ghcr.io/acme/custom-coreos", "events.bus-name", "coreos-watch-events"));

        ConfigException e = assertThrows(ConfigException.class, FunctionSetup::fromEnvironment);

        assertEquals("ledger.table", e.key());
        assertTrue(e.getMessage().contains("notifications (notify.topic-arn) needs ledger.table (LEDGER_TABLE)"), e.getMessage());
    }

    @Test
    void withoutATopicNobodyIsNotified() {
        set(Map.of("events.bus-name", "coreos-watch-events"));

        assertEquals(Optional.empty(), FunctionSetup.fromEnvironment().notifier());
    }

    @Test
    void withTopicTableAndImageTheNotifierIsMadeOnFirstUse() {
        set(Map.of("notify.topic-arn", "arn:aws:sns:eu-west-1:111122223333:coreos-watch-AlarmTopic-1Q2W3E4R5T6Y",
                "ledger.table", "coreos-watch-LedgerTable-7Y6T5R4E3W2Q", "target.image", "ghcr.io/acme/custom-coreos",
                "events.bus-name", "coreos-watch-events"));
        System.setProperty("aws.region", "eu-west-1");
        try {
            assertTrue(FunctionSetup.fromEnvironment().notifier().isPresent());
        } finally {
            System.clearProperty("aws.region");
        }
    }
}
