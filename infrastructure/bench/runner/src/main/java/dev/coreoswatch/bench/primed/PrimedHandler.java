package dev.coreoswatch.bench.primed;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Runs inside a function's JVM (the bench copies this class into a copy of the function's jar): builds the real
 * handler named by {@link #HANDLER_VARIABLE}, calls its SnapStart hook {@code beforeCheckpoint} as the runtime
 * does before the snapshot, then hands it every event. Its first invocation is then what the first invocation
 * after a restore costs; the restore itself is not modelled (no CRaC JVM here). Reflection keeps this class free
 * of the function's dependencies: it is compiled against aws-lambda-java-core only.
 */
public final class PrimedHandler implements RequestStreamHandler {
    public static final String HANDLER_VARIABLE = "COREOS_WATCH_BENCH_PRIMED_HANDLER";

    private final RequestStreamHandler handler;

    public PrimedHandler() throws ReflectiveOperationException {
        String name = System.getenv(HANDLER_VARIABLE);
        if (name == null || name.isBlank()) {
            throw new IllegalStateException(HANDLER_VARIABLE + " must name the handler class to prime");
        }
        Object real = Class.forName(name).getConstructor().newInstance();
        for (var method : real.getClass().getMethods()) {
            if (method.getName().equals("beforeCheckpoint") && method.getParameterCount() == 1) {
                method.invoke(real, new Object[] {null});
            }
        }
        handler = (RequestStreamHandler) real;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        handler.handleRequest(input, output, context);
    }
}
