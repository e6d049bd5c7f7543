package dev.coreoswatch.local;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One event handed to the runtime. The nano timestamps ({@link System#nanoTime()}) let a caller measure
 * the invoke phase: {@link #deliveredNanos()} is when the runtime received the event, the result's
 * completion when it answered.
 */
public final class Invocation {

    private final String requestId;
    private final byte[] event;
    private final Duration timeout;
    private final String traceId;
    private final CompletableFuture<InvocationResult> result = new CompletableFuture<>();
    private volatile long deliveredNanos;
    private volatile long completedNanos;

    Invocation(String requestId, byte[] event, Duration timeout, String traceId) {
        this.requestId = requestId;
        this.event = event.clone();
        this.timeout = timeout;
        this.traceId = traceId;
    }

    public String requestId() {
        return requestId;
    }

    byte[] event() {
        return event;
    }

    public Duration timeout() {
        return timeout;
    }

    public String traceId() {
        return traceId;
    }

    /** Completes with the runtime's answer; never completes if the runtime dies or hangs. */
    public CompletableFuture<InvocationResult> result() {
        return result;
    }

    /** 0 until the runtime has fetched this event. */
    public long deliveredNanos() {
        return deliveredNanos;
    }

    /** 0 until the runtime has answered. */
    public long completedNanos() {
        return completedNanos;
    }

    void delivered() {
        deliveredNanos = System.nanoTime();
    }

    boolean complete(InvocationResult answer) {
        completedNanos = System.nanoTime();
        return result.complete(answer);
    }
}
