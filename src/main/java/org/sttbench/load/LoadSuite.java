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
        return run(s, api, Mode.CLOSED, listener);
    }

    /**
     * How the suite drives the target beyond {@link Settings}.
     *
     * @param traffic arrival process, clip mix, seed and per-audio-second bound
     * @param rates   open model, one stage per rate; empty: the closed-model concurrency sweep
     * @param stageS  seconds per open-model stage
     * @param log     raw per-request and per-stage output
     */
    public record Mode(Traffic traffic, List<Double> rates, double stageS, RequestLog log) {
        public static final Mode CLOSED = new Mode(Traffic.DEFAULT, List.of(), 30, RequestLog.NONE);

        public Mode {
            traffic = traffic == null ? Traffic.DEFAULT : traffic;
            rates = rates == null ? List.of() : List.copyOf(rates);
            log = log == null ? RequestLog.NONE : log;
        }
    }

    /**
     * Closed model unless {@code mode} has rates. A success within {@code slaP95Ms} (and the traffic's
     * per-audio-second bound) is good; results carry goodput and per clip-length bucket figures either way.
     */
    public static ObjectNode run(Settings s, ApiDialect api, Mode mode, LoadListener listener) {
        LoadSpec spec = mode.traffic().apply(LoadSpec.of(List.of(s.target().split(",")), s.audio()).withApi(api)
                .withTimeout(Duration.ofMillis(s.timeoutMs())));
        Slo slo = mode.traffic().slo(s.slaP95Ms());
        if (!mode.rates().isEmpty()) {
            List<RateStage> stages = mode.rates().stream().map(r -> new RateStage(r, mode.stageS())).toList();
            OpenLoadConfig config = new OpenLoadConfig(spec, stages, new OpenStageRunner.Options(
                    mode.traffic().arrival(), OpenLoadConfig.DEFAULT_MAX_IN_FLIGHT, OpenLoadConfig.DEFAULT_LATE_MS, slo,
                    StopRule.NEVER, mode.log()));
            OpenLoadResult result = new OpenLoadRun(config, LoadSuite::duration, listener).run();
            ObjectNode node = header(s, spec, mode.traffic());
            node.put("mode", LoadReport.OPEN);
            node.put("arrival", mode.traffic().arrival().label());
            node.set("open", Json.json().valueToTree(result));
            return node;
        }
        ClosedLoadConfig config = new ClosedLoadConfig(spec, s.concurrency(), s.requests(), s.warmup(), s.slaP95Ms(),
                ClosedLoadConfig.DEFAULT_MAX_ERROR_RATE, slo, mode.log());
        ClosedLoadResult result = new ClosedLoadRun(config, LoadSuite::duration, listener).run();
        ObjectNode node = toAnalysis(s, result);
        node.put("mode", LoadReport.CLOSED);
        node.setAll(header(s, spec, mode.traffic()));
        return node;
    }

    private static ObjectNode header(Settings s, LoadSpec spec, Traffic traffic) {
        ObjectNode node = Json.json().createObjectNode();
        node.put("target", s.target());
        node.put("audio", s.audio().getFileName().toString());
        node.setAll((ObjectNode) Json.json().valueToTree(traffic.describe(spec)));
        // a closed sweep has no arrival schedule: each slot sends when its last answer came back
        node.remove("arrival");
        return node;
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
            l.put("good", level.good());
            l.put("goodput_rps", level.goodputRps());
            l.put("good_share", level.goodShare());
            if (level.byBucket() != null && !level.byBucket().isEmpty()) {
                l.set("by_bucket", Json.json().valueToTree(level.byBucket()));
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
