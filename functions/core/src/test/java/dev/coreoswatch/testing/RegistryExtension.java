package dev.coreoswatch.testing;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One registry (a real {@link LocalRegistry} or WireMock stubs) per test class: started and seeded on first
 * use, closed after the class. Register it as {@code @RegisterExtension static final RegistryExtension<...>}.
 */
public final class RegistryExtension<T extends AutoCloseable> implements AfterAllCallback {
    private final Supplier<T> start;
    private final Consumer<T> seed;
    private T server;

    private RegistryExtension(Supplier<T> start, Consumer<T> seed) {
        this.start = start;
        this.seed = seed;
    }

    public static <T extends AutoCloseable> RegistryExtension<T> of(Supplier<T> start) {
        return new RegistryExtension<>(start, server -> { });
    }

    /** {@code seed} runs once, right after the start; a failure in it still closes the server. */
    public static <T extends AutoCloseable> RegistryExtension<T> of(Supplier<T> start, Consumer<T> seed) {
        return new RegistryExtension<>(start, seed);
    }

    public synchronized T get() {
        if (server == null) {
            T started = start.get();
            server = started;
            seed.accept(started);
        }
        return server;
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            try {
                server.close();
            } finally {
                server = null;
            }
        }
    }
}
