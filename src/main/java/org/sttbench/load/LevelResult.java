package org.sttbench.load;

import java.util.Map;

/**
 * One concurrency level of a closed-model sweep. Latencies are of successful requests, in ms, from send to
 * full response. rps = successes / wall seconds of the measured phase. rtf = avg latency / audio duration.
 * good = successes within the latency bound; goodputRps = good / wall seconds; goodShare = good / requests;
 * rtfx = audio seconds transcribed per wall second (audioSecondsPerSecond, under the name the field uses).
 */
public record LevelResult(int concurrency, int requests, long successes, long errors, double successRate,
                          double wallS, double rps, double p50Ms, double p90Ms, double p95Ms, double p99Ms,
                          double minMs, double avgMs, double maxMs, double stddevMs,
                          Map<String, Long> errorsByCause, Double audioDurationS,
                          Double audioSecondsPerSecond, Double rtf, long good, double goodputRps,
                          double goodShare, Map<String, BucketResult> byBucket) {

    /** A level without goodput or buckets (kept for callers that build levels themselves). */
    public LevelResult(int concurrency, int requests, long successes, long errors, double successRate,
                       double wallS, double rps, double p50Ms, double p90Ms, double p95Ms, double p99Ms,
                       double minMs, double avgMs, double maxMs, double stddevMs,
                       Map<String, Long> errorsByCause, Double audioDurationS,
                       Double audioSecondsPerSecond, Double rtf) {
        this(concurrency, requests, successes, errors, successRate, wallS, rps, p50Ms, p90Ms, p95Ms, p99Ms, minMs,
                avgMs, maxMs, stddevMs, errorsByCause, audioDurationS, audioSecondsPerSecond, rtf, successes, rps,
                successRate, Map.of());
    }

    public double errorRate() {
        return requests == 0 ? 0 : errors / (double) requests;
    }
}
