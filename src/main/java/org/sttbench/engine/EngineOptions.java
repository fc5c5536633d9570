package org.sttbench.engine;

/**
 * How to run the engine.
 *
 * @param threads     whisper.cpp threads per transcription; null means the effective CPU limit shared
 *                    among the concurrent transcriptions
 * @param concurrency how many transcriptions may run at once (one whisper state each)
 * @param language    ISO code such as "en" or "vi", or "auto" to let the model detect it
 */
public record EngineOptions(Integer threads, int concurrency, String language) {
    public EngineOptions {
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        language = language == null || language.isBlank() ? "en" : language;
    }

    public static EngineOptions defaults() {
        return new EngineOptions(null, 1, "en");
    }

    public EngineOptions withThreads(Integer n) {
        return new EngineOptions(n, concurrency, language);
    }

    public EngineOptions withLanguage(String lang) {
        return new EngineOptions(threads, concurrency, lang);
    }
}
