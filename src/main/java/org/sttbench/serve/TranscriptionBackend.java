package org.sttbench.serve;

import java.nio.file.Path;

/**
 * Turns an uploaded audio file into text. The server calls it from its worker threads only, at most
 * {@code workers} at a time; implementations throw {@link org.sttbench.BadInputException} for audio they
 * cannot decode.
 */
public interface TranscriptionBackend extends AutoCloseable {
    /**
     * @param upload   the uploaded file on disk (deleted by the server afterwards)
     * @param language a language code, or null for the backend's default
     */
    ServedTranscription transcribe(Path upload, String language) throws Exception;

    /** The model name /health reports. */
    String modelName();

    @Override
    default void close() {
    }
}
