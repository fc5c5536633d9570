package org.sttbench.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sttbench.Json;
import org.sttbench.audio.AudioDecoder;
import org.sttbench.audio.DecodedAudio;
import org.sttbench.audio.ReferenceTranscripts;
import org.sttbench.audio.WordErrorRate;
import org.sttbench.engine.EngineOptions;
import org.sttbench.engine.ThreadLimit;
import org.sttbench.engine.Transcription;
import org.sttbench.engine.WhisperEngine;
import org.sttbench.engine.WhisperLanguages;
import org.sttbench.host.ResourceUsage;
import org.sttbench.models.ModelInfo;
import org.sttbench.models.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Transcribes one clip and says what it cost. */
@Command(name = "transcribe", mixinStandardHelpOptions = true,
        description = "Transcribe an audio file (WAV, MP3, FLAC, OGG, M4A) and report timing.")
public final class TranscribeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "AUDIO", description = "the audio file")
    Path audio;

    @Option(names = {"-m", "--model"}, required = true, description = "a model name in the store (tiny, base.en, ...) or a path to a ggml file")
    String model;

    @Option(names = {"-t", "--threads"}, description = "whisper.cpp threads (default: the effective CPU limit)")
    Integer threads;

    @Option(names = {"-l", "--language"}, defaultValue = "en", description = "language code, or auto to detect (default: ${DEFAULT-VALUE})")
    String language;

    @Option(names = "--json", description = "print one JSON object with the transcript and timings")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ThreadLimit.check(threads, "--threads");
        WhisperLanguages.check(language, "--language");
        ModelInfo modelInfo = ModelStore.fromEnvironment().resolve(model);
        DecodedAudio clip = new AudioDecoder().decode(audio);
        try (WhisperEngine engine = WhisperEngine.load(modelInfo, new EngineOptions(threads, 1, language))) {
            Transcription result = engine.transcribe(clip);
            Double peakRss = new ResourceUsage().peakRssMb();
            if (!json) {
                spec.commandLine().getOut().println(result.text());
                if (modelInfo.synthetic()) {
                    spec.commandLine().getErr().println("note: " + ModelInfo.SYNTHETIC_NOTICE);
                }
                return ExitCode.OK;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("text", result.text());
            out.put("audio", clip.source().toString());
            out.put("format", clip.format());
            out.put("audio_duration_s", clip.durationS());
            out.put("decode_ms", clip.decodeMs());
            out.put("load_ms", engine.loadNanos() / 1e6);
            out.put("inference_ms", result.inferenceMs());
            out.put("rtf", result.rtf());
            out.put("threads", result.threads());
            out.put("thread_derivation", engine.threads().derivation());
            out.put("language", result.language());
            out.put("peak_rss_mb", peakRss);
            out.put("model", modelInfo);
            if (modelInfo.synthetic()) {
                out.put("notice", ModelInfo.SYNTHETIC_NOTICE);
            }
            ReferenceTranscripts.find(clip.source())
                    .ifPresent(reference -> out.put("wer", WordErrorRate.compute(reference, result.text()).wer()));
            out.put("segments", result.segments());
            spec.commandLine().getOut().println(Json.json().writeValueAsString(out));
            return ExitCode.OK;
        }
    }
}
