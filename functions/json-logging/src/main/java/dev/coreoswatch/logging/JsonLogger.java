package dev.coreoswatch.logging;

import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;

/**
 * A logger that hands each enabled call to the {@link JsonLineWriter}. It is
 * {@link LoggingEventAware} so that the fluent API's key-value pairs
 * ({@code LOG.atInfo().addKeyValue("evidence", list)}) become JSON fields, not text.
 */
final class JsonLogger extends LegacyAbstractLogger implements LoggingEventAware {
    private static final long serialVersionUID = 1L;

    private final Level threshold;
    private final transient JsonLineWriter writer;

    JsonLogger(String name, Level threshold, JsonLineWriter writer) {
        this.name = name;
        this.threshold = threshold;
        this.writer = writer;
    }

    @Override
    public boolean isTraceEnabled() {
        return Threshold.allows(threshold, Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return Threshold.allows(threshold, Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return Threshold.allows(threshold, Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return Threshold.allows(threshold, Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return Threshold.allows(threshold, Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
        writer.write(level, name, MessageFormatter.basicArrayFormat(pattern, arguments), List.of(), throwable);
    }

    @Override
    public void log(LoggingEvent event) {
        if (!Threshold.allows(threshold, event.getLevel())) {
            return;
        }
        FormattingTuple message = MessageFormatter.arrayFormat(event.getMessage(), event.getArgumentArray());
        Throwable throwable = event.getThrowable() != null ? event.getThrowable() : message.getThrowable();
        writer.write(
                event.getLevel(),
                name,
                message.getMessage(),
                event.getKeyValuePairs() == null ? List.of() : event.getKeyValuePairs(),
                throwable);
    }
}
