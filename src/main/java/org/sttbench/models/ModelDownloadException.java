package org.sttbench.models;

import java.io.IOException;

/** A model download failed (network, HTTP status, checksum); the message is one line. CLI exit code 1. */
public class ModelDownloadException extends IOException {
    public ModelDownloadException(String message) {
        super(message);
    }

    public ModelDownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
