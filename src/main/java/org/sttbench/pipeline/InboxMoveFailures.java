package org.sttbench.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the inbox consumer does when a file cannot be moved to {@code .processing/} or {@code .error/} once its
 * exchange is over. Camel's own handler logs this as a warning from GenericFileOnCompletion, a logger
 * sttbench quietens (its rollback warnings repeat the reason already reported); a failed move is an error
 * the user must hear of, as the file then stays in the inbox and is read again at the next poll.
 */
public final class InboxMoveFailures implements ExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(InboxMoveFailures.class);

    private final Settings settings;
    private final PrintStream console;

    public InboxMoveFailures(Settings settings, PrintStream console) {
        this.settings = settings;
        this.console = console;
    }

    /** Creates {@code .processing/}, {@code .done/} and {@code .error/} before the consumer starts. */
    public InboxMoveFailures createFolders() {
        try {
            Files.createDirectories(settings.inbox().resolve(RunJournal.PROCESSING));
            Files.createDirectories(settings.doneDir());
            Files.createDirectories(settings.errorDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        String name = exchange == null ? null : exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        String what = name == null ? "an inbox file" : name;
        String reason = exception == null || exception.getMessage() == null ? String.valueOf(exception)
                : exception.getMessage();
        LOG.error("could not move {} out of the inbox ({}): {}", what, message, reason, exception);
        console.println("could not move " + what + " out of the inbox, it stays in " + settings.inbox() + ": " + reason);
    }
}
