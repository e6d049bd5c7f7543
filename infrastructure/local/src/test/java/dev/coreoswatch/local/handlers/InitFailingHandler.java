package dev.coreoswatch.local.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;

/** Cannot even be constructed, like a handler whose configuration is wrong. */
public final class InitFailingHandler implements RequestStreamHandler {
    public InitFailingHandler() {
        throw new IllegalArgumentException("configuration key missing on purpose");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        throw new AssertionError("never constructed");
    }
}
