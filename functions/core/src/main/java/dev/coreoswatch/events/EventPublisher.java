package dev.coreoswatch.events;

import java.util.List;

/** Puts events on the bus. EventBridge in AWS; an in-process list where the chain runs in one JVM. */
public interface EventPublisher {
    void publish(List<BusEvent> events);
}
