package dev.coreoswatch.functions.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coreoswatch.invocation.InspectorService;
import dev.coreoswatch.testing.PrimingFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SnapStart hooks, called directly as the runtime would call them. This module ships no DynamoDB SDK, and
 * without registry.credentials-secret-arn no Secrets Manager client is built: priming needs neither here.
 */
class RegistryInspectorHandlerPrimingTest {

    @Test
    void primingBuildsTheBusClientWithoutSendingAnythingOrAskingTheRegistry() throws Exception {
        try (PrimingFixture fixture = new PrimingFixture()) {
            RegistryInspectorHandler handler = new RegistryInspectorHandler(
                    new InspectorService(fixture.setup(Map.of("target.image", "ghcr.io/acme/custom-coreos"), false)));

            handler.beforeCheckpoint(null);
            handler.afterRestore(null);

            assertEquals(List.of("EventBridge"), fixture.built());
            assertEquals(0, fixture.awsRequests(), "a request reached AWS");
            assertEquals(List.of(), fixture.httpCalls(), "the registry was asked");
        }
    }
}
