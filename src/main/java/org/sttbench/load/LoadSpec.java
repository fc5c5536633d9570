package org.sttbench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What every request of a run looks like, in closed and open model alike.
 *
 * @param targets        base URLs or full endpoint URLs, used round-robin
 * @param audio          the clip each request uploads
 * @param model          the form's {@code model} field (OpenAI clients send "whisper-1")
 * @param language       the form's {@code language} field, null to let the server detect it
 * @param responseFormat json, text or verbose_json (verbose_json lets the run learn the audio duration)
 * @param timeout        per request, connect included
 * @param audioDurationS the clip's duration when the caller knows it, else null
 */
public record LoadSpec(List<String> targets, Path audio, String model, String language, String responseFormat,
                       Duration timeout, Double audioDurationS) {
    public static final String DEFAULT_MODEL = "whisper-1";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public LoadSpec {
        targets = List.copyOf(targets);
        model = model == null ? DEFAULT_MODEL : model;
        responseFormat = responseFormat == null ? "json" : responseFormat;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    public static LoadSpec of(List<String> targets, Path audio) {
        return new LoadSpec(targets, audio, null, null, null, null, null);
    }

    public LoadSpec withTimeout(Duration t) {
        return new LoadSpec(targets, audio, model, language, responseFormat, t, audioDurationS);
    }

    public LoadSpec withAudioDuration(Double seconds) {
        return new LoadSpec(targets, audio, model, language, responseFormat, timeout, seconds);
    }

    TranscriptionClient newClient() {
        return new TranscriptionClient(LoadTargets.parse(targets),
                AudioPayload.of(audio, model, responseFormat, language), timeout);
    }
}
