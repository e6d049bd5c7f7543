package dev.coreoswatch.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Side by side, never more than the bound, results in input order. Latches and barriers, no sleeps. */
class BoundedParallelTest {
    private static final long WAIT_SECONDS = 10;

    @Test
    void resultsComeBackInInputOrderWhateverOrderTheyFinishIn() {
        List<Integer> items = List.of(0, 1, 2, 3);
        List<CountDownLatch> done =
                items.stream().map(i -> new CountDownLatch(1)).toList();
        List<Integer> finished = new CopyOnWriteArrayList<>();

        // Each task waits for the one after it: only running side by side can finish, and then backwards.
        List<String> results = new BoundedParallel(4).map(items, i -> {
            if (i < items.size() - 1) {
                await(done.get(i + 1));
            }
            finished.add(i);
            done.get(i).countDown();
            return "item " + i;
        });

        assertEquals(List.of("item 0", "item 1", "item 2", "item 3"), results);
        assertEquals(List.of(3, 2, 1, 0), finished);
    }

    @Test
    void neverMoreThanTheBoundRunAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CyclicBarrier pairs = new CyclicBarrier(2); // two must be in at once to get through

        new BoundedParallel(2).map(IntStream.range(0, 6).boxed().toList(), i -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                pairs.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the bound let fewer than two run at once", e);
            } finally {
                running.decrementAndGet();
            }
            return i;
        });

        assertEquals(2, most.get());
    }

    @Test
    void theFirstFailureInInputOrderIsRethrownAfterEveryTaskEnded() {
        IllegalStateException first = new IllegalStateException("stream testing failed");
        AtomicInteger ended = new AtomicInteger();

        IllegalStateException thrown = assertThrows(
                IllegalStateException.class,
                () -> new BoundedParallel(3).map(List.of("stable", "testing", "next"), stream -> {
                    ended.incrementAndGet();
                    if (!stream.equals("stable")) {
                        throw stream.equals("testing") ? first : new IllegalArgumentException("next failed");
                    }
                    return stream;
                }));

        assertSame(first, thrown);
        assertEquals(3, ended.get());
    }

    @Test
    void aBoundOfOneRunsInTheCallersThread() {
        Thread caller = Thread.currentThread();

        List<Boolean> sameThread = new BoundedParallel(1).map(List.of(1, 2, 3), i -> Thread.currentThread() == caller);

        assertEquals(List.of(true, true, true), sameThread);
        assertThrows(IllegalArgumentException.class, () -> new BoundedParallel(0));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("tasks did not run side by side");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
