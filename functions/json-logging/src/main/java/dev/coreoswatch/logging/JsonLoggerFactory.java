package dev.coreoswatch.logging;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/** One {@link JsonLogger} per name, all writing through the same {@link JsonLineWriter}. */
public final class JsonLoggerFactory implements ILoggerFactory {
    private final Level threshold;
    private final JsonLineWriter writer;
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

    public JsonLoggerFactory(Level threshold, JsonLineWriter writer) {
        this.threshold = threshold;
        this.writer = writer;
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new JsonLogger(n, threshold, writer));
    }
}
