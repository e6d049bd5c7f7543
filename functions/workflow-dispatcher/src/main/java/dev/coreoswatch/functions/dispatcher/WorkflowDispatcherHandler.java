package dev.coreoswatch.functions.dispatcher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.coreoswatch.service.FunctionSetup;
import dev.coreoswatch.service.LogContext;
import dev.coreoswatch.service.DispatcherService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Lambda door of the workflow dispatcher: raw JSON in, raw JSON out; everything else is the core's DispatcherService. */
public final class WorkflowDispatcherHandler implements RequestStreamHandler {
    private final DispatcherService service;

    /** Built during init (and so inside a SnapStart snapshot): configuration only, no network, no secret. */
    public WorkflowDispatcherHandler() {
        this(new DispatcherService(FunctionSetup.fromEnvironment()));
    }

    WorkflowDispatcherHandler(DispatcherService service) {
        this.service = service;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        // Lambda's request id on every log line of the invocation (the service adds the correlation id).
        try (LogContext.Scope ignored = LogContext.request(context == null ? null : context.getAwsRequestId())) {
            output.write(service.handle(input.readAllBytes()));
        }
    }
}
