package org.sttbench.load;

import java.util.List;
import java.util.Map;

/** Turns a tally into the figures results carry, the same way for a stage and for a whole run. */
final class Summaries {
    private Summaries() {
    }

    static StageResult stage(double rate, double plannedS, double durationS, String arrival, long scheduled,
                             long sent, long dropped, long late, long unfinished, Tally tally,
                             Map<String, Long> errors, long spanNanos, List<StageResult.Window> windows,
                             String endedEarly) {
        long successes = tally.successes();
        long good = tally.good.sum();
        double spanS = Math.max(spanNanos, 1) / 1e9;
        Double audio = tally.audioSeconds();
        long errorCount = errors.values().stream().mapToLong(Long::longValue).sum();
        return new StageResult(rate, plannedS, LatencyStats.round(durationS), arrival, scheduled, sent, dropped,
                late, unfinished, successes, errorCount,
                LatencyStats.round(scheduled == 0 ? 0 : successes / (double) scheduled),
                LatencyStats.round(sent / durationS), LatencyStats.round(successes / spanS), good,
                LatencyStats.round(good / spanS), LatencyStats.round(scheduled == 0 ? 0 : good / (double) scheduled),
                audio, audio == null || successes == 0 ? null : LatencyStats.round(audio / spanS),
                LatencyStats.of(tally.latency), LatencyStats.of(tally.service), errors, tally.buckets(),
                List.copyOf(windows), endedEarly);
    }
}
