package org.sttbench.exec;

/** The executor cannot run work at all: the Docker engine or the Kubernetes API does not answer, an image is missing. */
public class ExecutorUnavailableException extends RuntimeException {
    public ExecutorUnavailableException(String message) {
        super(message);
    }

    public ExecutorUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
