package dev.coreoswatch.local;

import java.nio.charset.StandardCharsets;

/** How the runtime answered one invocation (or gave up during init). */
public sealed interface InvocationResult {

    /** The body exactly as the runtime posted it. */
    byte[] body();

    /** The body as UTF-8 text. */
    default String bodyText() {
        return new String(body(), StandardCharsets.UTF_8);
    }

    /** {@code POST /runtime/invocation/{id}/response}. */
    record Response(byte[] body) implements InvocationResult {}

    /** {@code POST /runtime/invocation/{id}/error}: the handler threw. */
    record FunctionError(String errorType, byte[] body) implements InvocationResult {}

    /** {@code POST /runtime/init/error}: the handler could not even be created. */
    record InitError(String errorType, byte[] body) implements InvocationResult {}
}
