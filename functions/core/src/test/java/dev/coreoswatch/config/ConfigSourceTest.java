package dev.coreoswatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigSourceTest {
    @Test
    void theBusNameTemplateYamlSetsReachesTheConfiguration() {
        WatchConfig config =
                WatchConfig.load(ConfigSource.system(Map.of("EVENT_BUS_NAME", "coreos-watch-prod-events")));

        assertEquals(Optional.of("coreos-watch-prod-events"), config.eventBusName());
    }
}
