package dev.coreoswatch.logging;

import java.time.Clock;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Found by SLF4J through {@code META-INF/services}: JSON lines on stdout at the level Lambda's
 * {@code ApplicationLogLevel} sets ({@code AWS_LAMBDA_LOG_LEVEL}, INFO when absent). The MDC is
 * SLF4J's own thread-local map, so {@code MDC.put("correlationId", ...)} reaches every line.
 */
public final class JsonLoggingProvider implements SLF4JServiceProvider {
    /** The SLF4J API line this provider is written against. */
    public static final String REQUESTED_API_VERSION = "2.0.99";
    /** The variable Lambda sets from {@code LoggingConfig.ApplicationLogLevel}. */
    public static final String LEVEL_VARIABLE = "AWS_LAMBDA_LOG_LEVEL";

    private final MDCAdapter mdc = new BasicMDCAdapter();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private volatile ILoggerFactory loggers;

    @Override
    public void initialize() {
        loggers = new JsonLoggerFactory(
                Threshold.parse(System.getenv(LEVEL_VARIABLE)),
                new JsonLineWriter(() -> System.out, mdc, Clock.systemUTC()));
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return REQUESTED_API_VERSION;
    }
}
