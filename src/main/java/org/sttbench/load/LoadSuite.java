package org.sttbench.load;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.sttbench.Json;
import org.sttbench.audio.AudioDecoder;

/**
 * The plan's {@code load} suite: a closed-model concurrency sweep against a transcription endpoint,
 * reported as {@code analysis.load} (shape in docs/results-schema.md).
 */
public final class LoadSuite {
    private LoadSuite() {
    }

    /**
     * @param target      endpoint base URL (or several, comma separated, balanced round-robin)
     * @param audio       the clip every request uploads
     * @param concurrency levels to sweep
     * @param requests    measured requests per level
     * @param warmup      unmeasured requests per level
     * @param timeoutMs   per request
     * @param slaP95Ms    picks the optimal level when set
     */
    public record Settings(String target, Path audio, List<Integer> concurrency, int requests, int warmup,
                           int timeoutMs, Double slaP95Ms) {
    }

    public static ObjectNode run(Settings s, LoadListener listener) {
        return run(s, null, listener);
    }

    /** @param api how to talk to the target; null: OpenAI's API */
    public static ObjectNode run(Settings s, ApiDialect api, LoadListener listener) {
        LoadSpec spec = LoadSpec.of(List.of(s.target().split(",")), s.audio()).withApi(api)
                .withTimeout(Duration.ofMillis(s.timeoutMs()));
        ClosedLoadConfig config = new ClosedLoadConfig(spec, s.concurrency(), s.requests(), s.warmup(), s.slaP95Ms(),
                ClosedLoadConfig.DEFAULT_MAX_ERROR_RATE);
        ClosedLoadResult result = new ClosedLoadRun(config, LoadSuite::duration, listener).run();
        return toAnalysis(s, result);
    }

    /** Any format the decoder reads, so RTF and audio seconds per second are reported for MP3 too. */
    private static OptionalDouble duration(Path audio) {
        try {
            return OptionalDouble.of(new AudioDecoder().decode(audio).durationS());
        } catch (RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    static ObjectNode toAnalysis(Settings s, ClosedLoadResult result) {
        ObjectNode node = Json.json().createObjectNode();
        node.put("target", s.target());
        node.put("audio", s.audio().getFileName().toString());
        node.put("requests_per_level", s.requests());
        ArrayNode levels = node.putArray("levels");
        for (LevelResult level : result.levels()) {
            ObjectNode l = levels.addObject();
            l.put("concurrency", level.concurrency());
            l.put("requests", level.requests());
            l.put("ok", level.successes());
            l.put("rps", level.rps());
            l.put("min_ms", level.minMs());
            l.put("avg_ms", level.avgMs());
            l.put("p50_ms", level.p50Ms());
            l.put("p95_ms", level.p95Ms());
            l.put("p99_ms", level.p99Ms());
            l.put("max_ms", level.maxMs());
            l.put("success_rate", level.successRate());
            ObjectNode errors = l.putObject("errors");
            for (Map.Entry<String, Long> e : level.errorsByCause().entrySet()) {
                errors.put(e.getKey(), e.getValue());
            }
            if (level.rtf() != null) {
                l.put("rtf", level.rtf());
            }
            if (level.audioSecondsPerSecond() != null) {
                l.put("audio_seconds_per_second", level.audioSecondsPerSecond());
            }
        }
        if (result.optimalConcurrency() != null) {
            node.put("optimal_concurrency", result.optimalConcurrency());
            node.put("optimal_rule", result.optimalRule());
        }
        node.put("max_rps", result.maxRps());
        if (result.stoppedReason() != null) {
            node.put("stopped_reason", result.stoppedReason());
        }
        return node;
    }
}
