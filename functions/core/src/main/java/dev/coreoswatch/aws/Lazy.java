package dev.coreoswatch.aws;

import java.util.function.Supplier;

/** Builds a value on first use and keeps it: clients and secrets are not made during init. */
public final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> factory;
    private volatile T value;

    public Lazy(Supplier<T> factory) {
        this.factory = factory;
    }

    @Override
    public T get() {
        T current = value;
        if (current == null) {
            synchronized (this) {
                if (value == null) {
                    value = factory.get();
                }
                current = value;
            }
        }
        return current;
    }
}
