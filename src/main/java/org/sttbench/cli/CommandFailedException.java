package org.sttbench.cli;

/**
 * A command ran and failed for a reason the user should read (every request failed, the model could not
 * be loaded). {@link Main} prints the one-line message and exits {@link ExitCode#FAILED}.
 */
public class CommandFailedException extends RuntimeException {
    public CommandFailedException(String message) {
        super(message);
    }

    public CommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
