package dev.coreoswatch.local.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;

/** Throws on every event. */
public final class FailingHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        throw new IllegalStateException("refusing this event on purpose");
    }
}
