package dev.coreoswatch.upstream;

import dev.coreoswatch.http.Http;
import dev.coreoswatch.http.RetryPolicy;
import dev.coreoswatch.http.RetryingHttp;
import dev.coreoswatch.http.UrlConnectionHttp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The production HTTP stack (UrlConnectionHttp inside RetryingHttp) for tests against loopback servers:
 * three attempts, and a sleeper that records the waits instead of sleeping.
 */
public final class LoopbackHttp {
    public static final RetryPolicy QUICK = new RetryPolicy(
            3, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofSeconds(30));

    public final List<Duration> waits = new CopyOnWriteArrayList<>();
    public final Http http;

    public LoopbackHttp() {
        this(Duration.ofSeconds(5));
    }

    public LoopbackHttp(Duration readTimeout) {
        UrlConnectionHttp door =
                new UrlConnectionHttp(new Http.Limits(Duration.ofSeconds(2), readTimeout, 1024 * 1024));
        this.http = new RetryingHttp(door, QUICK, Clock.systemUTC(), waits::add);
    }
}
