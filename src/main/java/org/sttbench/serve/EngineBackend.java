package org.sttbench.serve;

import java.nio.file.Path;
import org.sttbench.audio.AudioDecoder;
import org.sttbench.audio.DecodedAudio;
import org.sttbench.engine.EngineOptions;
import org.sttbench.engine.Transcription;
import org.sttbench.engine.WhisperEngine;
import org.sttbench.models.ModelInfo;
import org.sttbench.models.ModelStore;

/**
 * The real backend: the audio package decodes the upload, the Whisper engine transcribes it with one
 * whisper state per server worker. The engine fixes the language when it loads, so a request's
 * {@code language} field does not change it (the response reports the language actually used).
 */
public final class EngineBackend implements TranscriptionBackend {
    private final WhisperEngine engine;
    private final AudioDecoder decoder = new AudioDecoder();

    private EngineBackend(WhisperEngine engine) {
        this.engine = engine;
    }

    /**
     * @param model    a model store name or a path to a ggml file
     * @param workers  concurrent transcriptions (engine states)
     * @param threads  whisper.cpp threads per transcription, null for the CPU limit shared by the workers
     * @param language language code, or "auto"
     */
    public static EngineBackend load(String model, int workers, Integer threads, String language) {
        ModelInfo info = ModelStore.fromEnvironment().resolve(model);
        return new EngineBackend(WhisperEngine.load(info, new EngineOptions(threads, workers, language)));
    }

    public static EngineBackend of(WhisperEngine engine) {
        return new EngineBackend(engine);
    }

    @Override
    public ServedTranscription transcribe(Path upload, String language) {
        DecodedAudio audio = decoder.decode(upload);
        Transcription t = engine.transcribe(audio);
        return new ServedTranscription(t.text(), t.segments().stream()
                .map(s -> new ServedTranscription.Segment(s.startMs(), s.endMs(), s.text())).toList(),
                t.language(), t.audioDurationS(), t.inferenceNanos());
    }

    @Override
    public String modelName() {
        return engine.model().name();
    }

    public WhisperEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        engine.close();
    }
}
