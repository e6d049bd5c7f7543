package dev.coreoswatch.functions.inspector;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.coreoswatch.service.FunctionSetup;
import dev.coreoswatch.service.LogContext;
import dev.coreoswatch.service.InspectorService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lambda door of the registry inspector: raw JSON in, raw JSON out; everything else is the core's InspectorService. */
public final class RegistryInspectorHandler implements RequestStreamHandler, Resource {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryInspectorHandler.class);

    private final InspectorService service;

    /** Built during init (and so inside a SnapStart snapshot): configuration only, no network, no secret. */
    public RegistryInspectorHandler() {
        this(new InspectorService(FunctionSetup.fromEnvironment()));
        // SnapStart runs the hooks of registered resources (CRaC's API); elsewhere this does nothing. The global
        // context may hold resources weakly: the runtime's strong reference to this handler keeps it registered.
        Core.getGlobalContext().register(this);
    }

    RegistryInspectorHandler(InspectorService service) {
        this.service = service;
    }

    /**
     * Before the SnapStart snapshot: run the invocation's JSON and SDK paths once, locally (see the service's prime).
     * It is deterministic local code, so a failure is a bug that would fail invocations too: it fails the publish.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        long started = System.nanoTime();
        service.prime();
        LOG.info("primed for the snapshot in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    /** After a restore: nothing to renew (no connection or secret was made before the snapshot). */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        // Lambda's request id on every log line of the invocation (the service adds the correlation id).
        try (LogContext.Scope ignored = LogContext.request(context == null ? null : context.getAwsRequestId())) {
            output.write(service.handle(input.readAllBytes()));
        }
    }
}
