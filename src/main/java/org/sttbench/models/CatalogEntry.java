package org.sttbench.models;

/**
 * A model that {@code models pull} can download.
 *
 * @param name            store name (tiny, base.en, large-v3-turbo-q5_0, ...)
 * @param file            file name on the server and in the store (ggml-NAME.bin)
 * @param approxSizeBytes published disk size, rounded (for messages and progress before the server answers)
 * @param sha1            published SHA-1 of the file, lower-case hex; null if none is known
 */
public record CatalogEntry(String name, String file, long approxSizeBytes, String sha1) {
}
