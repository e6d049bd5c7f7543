package dev.coreoswatch.functions.inspector;

import dev.coreoswatch.functions.ServiceHandler;
import dev.coreoswatch.invocation.InspectorService;
import dev.coreoswatch.wiring.FunctionSetup;

/** Lambda door of the registry inspector: everything but the door is the core's InspectorService. */
public final class RegistryInspectorHandler extends ServiceHandler {
    /** Built during init (and so inside a SnapStart snapshot): configuration only, no network, no secret. */
    public RegistryInspectorHandler() {
        this(new InspectorService(FunctionSetup.fromEnvironment()));
        registerForSnapshot();
    }

    RegistryInspectorHandler(InspectorService service) {
        super(service);
    }
}
