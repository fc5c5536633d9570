package org.sttbench.load;

import java.util.Map;

/**
 * One concurrency level of a closed-model sweep. Latencies are of successful requests, in ms, from send to
 * full response. rps = successes / wall seconds of the measured phase. rtf = avg latency / audio duration.
 */
public record LevelResult(int concurrency, int requests, long successes, long errors, double successRate,
                          double wallS, double rps, double p50Ms, double p90Ms, double p95Ms, double p99Ms,
                          double minMs, double avgMs, double maxMs, double stddevMs,
                          Map<String, Long> errorsByCause, Double audioDurationS,
                          Double audioSecondsPerSecond, Double rtf) {

    public double errorRate() {
        return requests == 0 ? 0 : errors / (double) requests;
    }
}
