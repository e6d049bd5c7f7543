package dev.coreoswatch.local.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;

/** Kills its own JVM in the middle of an invocation. */
public final class ExitingHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        Runtime.getRuntime().halt(7);
    }
}
