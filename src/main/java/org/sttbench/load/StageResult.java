package org.sttbench.load;

import java.util.List;
import java.util.Map;

/**
 * One rate stage (or, in {@link OpenLoadResult}, the whole run) of an open-model run.
 *
 * @param arrival          the arrival process, e.g. constant, poisson, gamma(0.5)
 * @param durationS        seconds the stage sent for (shorter than planned when it ended early)
 * @param scheduled        arrivals that came due
 * @param sent             arrivals actually sent (scheduled - dropped)
 * @param dropped          arrivals not sent because max in-flight was reached
 * @param late             arrivals sent more than the late threshold after their intended time: the
 *                         generator's own limit, not the server's
 * @param unfinished       sent requests still without an answer when the stage was summarized (only after
 *                         an early end, which waits a short while instead of a full timeout); counted in
 *                         errors as {@code unfinished}
 * @param achievedRate     sent / duration
 * @param throughputRps    successes / seconds from the first intended send to the last response
 * @param good             successes within the latency bound ({@link Slo})
 * @param goodputRps       good / the same seconds as throughputRps
 * @param goodShare        good / scheduled: the share of arrivals served well (drops and errors are not)
 * @param audioSeconds     audio seconds of the successful requests, null when a clip's length is unknown
 * @param rtfx             audio seconds transcribed per wall-clock second (audioSeconds / the throughput
 *                         seconds): 20 = twenty times faster than real time
 * @param latency          successful requests, from the INTENDED send time to the response: what a user
 *                         arriving on schedule experiences, queueing in the generator included
 * @param serviceLatency   the same requests from the actual send time (what a closed-loop tool would show)
 * @param byBucket         the same figures per clip-length bucket
 * @param windows          the stage cut in equal windows by intended send time, to see whether it was steady
 * @param endedEarly       why the stage stopped before its planned duration, null when it ran it out
 */
public record StageResult(double rate, double plannedDurationS, double durationS, String arrival, long scheduled,
                          long sent, long dropped, long late, long unfinished, long successes, long errors,
                          double successRate, double achievedRate, double throughputRps, long good,
                          double goodputRps, double goodShare, Double audioSeconds, Double rtfx,
                          LatencyStats latency, LatencyStats serviceLatency, Map<String, Long> errorsByCause,
                          Map<String, BucketResult> byBucket, List<Window> windows, String endedEarly) {

    /**
     * A slice of a stage.
     *
     * @param startS    seconds from the stage start
     * @param scheduled arrivals intended in the slice
     * @param completed responses (any status) that arrived in the slice
     * @param good      arrivals of the slice that were good
     * @param p95Ms     p95 latency of the slice's successful arrivals
     */
    public record Window(double startS, double lengthS, long scheduled, long completed, long successes, long good,
                         double p95Ms) {
    }
}
