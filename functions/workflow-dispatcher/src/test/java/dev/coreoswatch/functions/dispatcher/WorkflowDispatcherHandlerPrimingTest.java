package dev.coreoswatch.functions.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coreoswatch.invocation.DispatcherService;
import dev.coreoswatch.testing.PrimingFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SnapStart hooks, called directly as the runtime would call them before the snapshot and after a restore. */
class WorkflowDispatcherHandlerPrimingTest {

    @Test
    void primingBuildsTheClientsWithoutSendingAnythingReadingTheSecretOrNotifying() throws Exception {
        try (PrimingFixture fixture = new PrimingFixture()) {
            DispatcherService service = new DispatcherService(
                    fixture.setup(
                            Map.of(
                                    "target.image", "ghcr.io/acme/custom-coreos",
                                    "github.workflow.repository", "acme/fcos-builds",
                                    "ledger.table", "coreos-watch-ledger"),
                            true,
                            true),
                    fixture.ledger());
            WorkflowDispatcherHandler handler = new WorkflowDispatcherHandler(service);

            handler.beforeCheckpoint(null);
            handler.afterRestore(null);

            assertEquals(List.of("DynamoDB", "EventBridge", "SecretsManager"), fixture.built());
            assertEquals(0, fixture.awsRequests(), "a request reached AWS (the secret read, a notification sent?)");
            assertEquals(List.of(), fixture.httpCalls(), "GitHub was called");
        }
    }
}
