package dev.coreoswatch.functions.watcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coreoswatch.invocation.WatcherService;
import dev.coreoswatch.testing.PrimingFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SnapStart hooks, called directly as the runtime would call them before the snapshot and after a restore. */
class UpstreamWatcherHandlerPrimingTest {

    @Test
    void primingBuildsTheClientsWithoutSendingAnythingReadingTheSecretOrNotifying() throws Exception {
        try (PrimingFixture fixture = new PrimingFixture()) {
            UpstreamWatcherHandler handler = new UpstreamWatcherHandler(new WatcherService(fixture.setup(
                    Map.of("ledger.table", "coreos-watch-ledger", "target.image", "ghcr.io/acme/custom-coreos"),
                    true,
                    true)));

            handler.beforeCheckpoint(null);
            handler.afterRestore(null);

            assertEquals(List.of("EventBridge", "SecretsManager"), fixture.built());
            assertEquals(0, fixture.awsRequests(), "a request reached AWS (the secret read, a notification sent?)");
            assertEquals(List.of(), fixture.httpCalls());
        }
    }

    @Test
    void primingBuildsTheConfigurationParametersClientAndNeverReadsTheParameter() throws Exception {
        try (PrimingFixture fixture = new PrimingFixture()) {
            UpstreamWatcherHandler handler = new UpstreamWatcherHandler(
                    new WatcherService(fixture.setup(Map.of(), false).withConfigParameter(fixture.configParameter())));

            handler.beforeCheckpoint(null);
            handler.afterRestore(null);

            assertEquals(List.of("EventBridge", "SSM"), fixture.built());
            assertEquals(0, fixture.awsRequests(), "the configuration parameter was read into the snapshot");
            assertEquals(List.of(), fixture.httpCalls());
        }
    }

    @Test
    void primingTwiceIsHarmless() throws Exception {
        try (PrimingFixture fixture = new PrimingFixture()) {
            UpstreamWatcherHandler handler =
                    new UpstreamWatcherHandler(new WatcherService(fixture.setup(Map.of(), false)));

            handler.beforeCheckpoint(null);
            handler.beforeCheckpoint(null);

            assertEquals(List.of("EventBridge"), fixture.built());
            assertEquals(0, fixture.awsRequests());
        }
    }
}
