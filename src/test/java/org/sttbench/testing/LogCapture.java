package org.sttbench.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Everything the application logs while it is open, at every level down to debug, with stack traces: for
 * tests that a value (a secret) is never logged. The console appender captured System.err when log4j
 * started, so redirecting System.err in a test would not see log lines; this hooks the root logger instead.
 */
public final class LogCapture implements AutoCloseable {
    private final StringBuffer text = new StringBuffer();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final LoggerConfig root = context.getConfiguration().getRootLogger();
    private final Level originalLevel = root.getLevel();
    private final AbstractAppender appender;

    public LogCapture() {
        appender = new AbstractAppender("sttbench-test-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                text.append(event.getLevel()).append(' ').append(event.getLoggerName()).append(' ')
                        .append(event.getMessage().getFormattedMessage()).append('\n');
                if (event.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    event.getThrown().printStackTrace(new PrintWriter(trace));
                    text.append(trace).append('\n');
                }
            }
        };
        appender.start();
        root.addAppender(appender, Level.ALL, null);
        root.setLevel(Level.DEBUG);
        context.updateLoggers();
    }

    /** What was logged so far. */
    public String text() {
        return text.toString();
    }

    @Override
    public void close() {
        root.removeAppender(appender.getName());
        root.setLevel(originalLevel);
        context.updateLoggers();
        appender.stop();
    }
}
