package org.sttbench;

/**
 * The user gave sttbench something it cannot use: a missing or corrupt model, audio it cannot decode,
 * an invalid plan. The message is one line that names the file and, where there is one, the fix.
 * Commands map it to exit code 2; the pipeline writes it into the {@code .error} reason file.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
