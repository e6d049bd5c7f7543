package dev.coreoswatch.functions.dispatcher;

import dev.coreoswatch.functions.ServiceHandler;
import dev.coreoswatch.invocation.DispatcherService;
import dev.coreoswatch.wiring.FunctionSetup;

/** Lambda door of the workflow dispatcher: everything but the door is the core's DispatcherService. */
public final class WorkflowDispatcherHandler extends ServiceHandler {
    /** Built during init (and so inside a SnapStart snapshot): configuration only, no network, no secret. */
    public WorkflowDispatcherHandler() {
        this(new DispatcherService(FunctionSetup.fromEnvironment()));
        registerForSnapshot();
    }

    WorkflowDispatcherHandler(DispatcherService service) {
        super(service);
    }
}
