package dev.coreoswatch.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Runs independent lookups (streams, architectures) side by side, at most {@code bound} at a
 * time, and gives the results in the order of the input. Virtual threads: the lookups mostly
 * wait on the network, and nested use (architectures inside streams) cannot starve a pool.
 * A task's exception is rethrown as is, the first one in input order, after every task ended.
 */
public final class BoundedParallel {
    /** Streams of one check: FCOS has three; a small bound keeps us polite to every upstream. */
    public static final BoundedParallel STREAMS = new BoundedParallel(4);
    /** Architectures of one stream. */
    public static final BoundedParallel ARCHITECTURES = new BoundedParallel(4);

    public static final BoundedParallel SEQUENTIAL = new BoundedParallel(1);

    private final int bound;

    public BoundedParallel(int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be at least 1");
        }
        this.bound = bound;
    }

    public int bound() {
        return bound;
    }

    public <T, R> List<R> map(List<T> items, Function<T, R> task) {
        if (bound == 1 || items.size() <= 1) {
            return items.stream().map(task).toList();
        }
        Semaphore permits = new Semaphore(bound);
        List<Future<R>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (T item : items) {
                futures.add(executor.submit(() -> {
                    permits.acquire();
                    try {
                        return task.apply(item);
                    } finally {
                        permits.release();
                    }
                }));
            }
        } // close() waits for every task
        List<R> results = new ArrayList<>(items.size());
        for (Future<R> future : futures) {
            results.add(result(future));
        }
        return results;
    }

    private static <R> R result(Future<R> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a parallel lookup was interrupted", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for parallel lookups", e);
        }
    }
}
