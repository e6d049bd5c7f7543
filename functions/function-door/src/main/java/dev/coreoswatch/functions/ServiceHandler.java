package dev.coreoswatch.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.coreoswatch.http.UrlConnectionHttp;
import dev.coreoswatch.invocation.FunctionService;
import dev.coreoswatch.wiring.LogContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Lambda door over one core service: raw JSON in, raw JSON out, and SnapStart priming. Each function
 * names its handler class (template.yaml's {@code Handler}) as a subclass that only builds its service.
 */
public abstract class ServiceHandler implements RequestStreamHandler, Resource {
    static {
        // Before any connection of the function (the configuration read, the SDK, the core's door): a POST is never
        // re-sent.
        UrlConnectionHttp.forbidPostResend();
    }

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final FunctionService service;

    protected ServiceHandler(FunctionService service) {
        this.service = service;
    }

    /**
     * For the no-argument constructor Lambda calls: SnapStart runs the hooks of registered resources (CRaC's
     * API); elsewhere this does nothing. The global context may hold resources weakly: the runtime's strong
     * reference to the handler keeps it registered.
     */
    protected final void registerForSnapshot() {
        Core.getGlobalContext().register(this);
    }

    /**
     * Before the SnapStart snapshot: run the invocation's JSON and SDK paths once, locally (see the service's prime).
     * It is deterministic local code, so a failure is a bug that would fail invocations too: it fails the publish.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        long started = System.nanoTime();
        service.prime();
        log.info("primed for the snapshot in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    /** After a restore: nothing to renew (no connection or secret was made before the snapshot). */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {}

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        // Lambda's request id on every log line of the invocation (the service adds the correlation id).
        try (LogContext.Scope ignored = LogContext.request(context == null ? null : context.getAwsRequestId())) {
            output.write(service.handle(input.readAllBytes()));
        }
    }
}
