package dev.coreoswatch.local.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Answers with what the runtime told it about the invocation and its environment. */
public final class ContextHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String json = "{"
                + "\"requestId\":\"" + context.getAwsRequestId() + "\","
                + "\"functionName\":\"" + context.getFunctionName() + "\","
                + "\"memoryLimitInMB\":" + context.getMemoryLimitInMB() + ","
                + "\"remainingTimeInMillis\":" + context.getRemainingTimeInMillis() + ","
                + "\"invokedFunctionArn\":\"" + context.getInvokedFunctionArn() + "\","
                + "\"greeting\":\"" + System.getenv("GREETING") + "\","
                + "\"handlerVariable\":\"" + System.getenv("_HANDLER") + "\","
                + "\"maxHeapMb\":" + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                + "}";
        output.write(json.getBytes(StandardCharsets.UTF_8));
    }
}
