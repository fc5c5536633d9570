package org.sttbench.models;

import java.nio.file.Path;

/**
 * A ggml Whisper model file as results report it.
 *
 * @param name      store name (tiny, base.en, ...) or the file name without extension for a path
 * @param path      where the file is
 * @param sizeBytes file size
 * @param sha256    hex digest of the file, so results name the exact weights they were measured with
 * @param synthetic true for generated random-weight models: timing only, transcripts meaningless
 */
public record ModelInfo(String name, Path path, long sizeBytes, String sha256, boolean synthetic) {
    public static final String SYNTHETIC_NOTICE = "synthetic weights: timing only, transcripts meaningless";
}
