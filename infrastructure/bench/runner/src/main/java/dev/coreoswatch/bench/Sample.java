package dev.coreoswatch.bench;

/**
 * One cold start: init is the child's start to its first {@code /invocation/next}, invoke the event's delivery to
 * the answer; CPU time (all threads, user + system) and peak RSS (VmHWM) are the child's after answering.
 * {@code warmMs} is a second invocation of the same runtime (NaN where the case has none). {@code log} is what the
 * child printed.
 */
record Sample(double initMs, double invokeMs, double cpuMs, long peakRssKib, double warmMs, String log) {
    Sample(double initMs, double invokeMs, double cpuMs, long peakRssKib, String log) {
        this(initMs, invokeMs, cpuMs, peakRssKib, Double.NaN, log);
    }

    double totalMs() {
        return initMs + invokeMs;
    }

    double peakRssMib() {
        return peakRssKib / 1024.0;
    }
}
