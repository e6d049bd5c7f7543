package dev.coreoswatch.functions.watcher;

import dev.coreoswatch.functions.ServiceHandler;
import dev.coreoswatch.invocation.WatcherService;
import dev.coreoswatch.wiring.FunctionSetup;

/** Lambda door of the upstream watcher: everything but the door is the core's WatcherService. */
public final class UpstreamWatcherHandler extends ServiceHandler {
    /** Built during init (and so inside a SnapStart snapshot): configuration only, no network, no secret. */
    public UpstreamWatcherHandler() {
        this(new WatcherService(FunctionSetup.fromEnvironment()));
        registerForSnapshot();
    }

    UpstreamWatcherHandler(WatcherService service) {
        super(service);
    }
}
