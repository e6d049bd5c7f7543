package dev.coreoswatch.testing;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One registry (a real {@link LocalRegistry} or the ghcr stubs) per test class: started on first use,
 * closed after the class. The usual form, with seeding left in the class's {@code @BeforeAll}:
 * <pre>
 * &#64;RegisterExtension
 * static final RegistryExtension&lt;LocalRegistry&gt; REGISTRY = RegistryExtension.of(LocalRegistry::anonymous);
 * private static final LocalRegistry registry = REGISTRY.get();
 * </pre>
 */
public final class RegistryExtension<T extends AutoCloseable> implements AfterAllCallback {
    private final Supplier<T> start;
    private T server;

    private RegistryExtension(Supplier<T> start) {
        this.start = start;
    }

    public static <T extends AutoCloseable> RegistryExtension<T> of(Supplier<T> start) {
        return new RegistryExtension<>(start);
    }

    /** The running server, started on the first call. */
    public synchronized T get() {
        if (server == null) {
            server = start.get();
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
