package org.sttbench.serve;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The server's Prometheus metrics. Names as scraped:
 * stt_http_requests_total{endpoint,status}, stt_request_duration_seconds (histogram, transcription
 * requests), stt_inference_seconds (histogram), stt_queue_depth, stt_in_flight, stt_workers,
 * stt_model_loaded, stt_audio_seconds_total, stt_rtf (summary, per request),
 * stt_header_timeouts_total (connections closed because their headers did not arrive in time).
 * Aggregate RTF over any window = rate(stt_inference_seconds_sum) / rate(stt_audio_seconds_total).
 */
public final class ServerMetrics {
    private static final Duration[] BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer requestDuration;
    private final Timer inferenceDuration;
    private final Counter audioSeconds;
    private final DistributionSummary rtf;
    private final Counter headerTimeouts;

    public ServerMetrics(int workers, Supplier<Number> queueDepth, Supplier<Number> inFlight,
                         Supplier<Number> modelLoaded) {
        requestDuration = Timer.builder("stt.request.duration")
                .description("Transcription requests, receipt of the full upload to response")
                .serviceLevelObjectives(BUCKETS).register(registry);
        inferenceDuration = Timer.builder("stt.inference")
                .description("Engine time per transcription").serviceLevelObjectives(BUCKETS).register(registry);
        audioSeconds = Counter.builder("stt.audio.seconds").description("Seconds of audio transcribed")
                .register(registry);
        rtf = DistributionSummary.builder("stt.rtf").description("Real-time factor per request (inference/audio)")
                .register(registry);
        headerTimeouts = Counter.builder("stt.header.timeouts")
                .description("Connections closed because their request headers did not arrive in time")
                .register(registry);
        Gauge.builder("stt.queue.depth", queueDepth).description("Requests waiting for a worker").register(registry);
        Gauge.builder("stt.in.flight", inFlight).description("Transcriptions running now").register(registry);
        Gauge.builder("stt.workers", () -> workers).description("Configured workers").register(registry);
        Gauge.builder("stt.model.loaded", modelLoaded).description("1 once the model is loaded").register(registry);
    }

    public void request(String endpoint, int status) {
        Counter.builder("stt.http.requests").description("HTTP requests by endpoint and status")
                .tag("endpoint", endpoint).tag("status", Integer.toString(status)).register(registry).increment();
    }

    public void headerTimedOut() {
        headerTimeouts.increment();
    }

    public void transcriptionRequestDone(long nanos) {
        requestDuration.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void transcribed(double audioS, long inferenceNanos) {
        inferenceDuration.record(inferenceNanos, TimeUnit.NANOSECONDS);
        if (audioS > 0) {
            audioSeconds.increment(audioS);
            rtf.record(inferenceNanos / 1e9 / audioS);
        }
    }

    /** Mean transcription request time so far, in seconds (0 before the first). */
    public double meanRequestSeconds() {
        return requestDuration.count() == 0 ? 0 : requestDuration.mean(TimeUnit.SECONDS);
    }

    public String scrape() {
        return registry.scrape();
    }
}
