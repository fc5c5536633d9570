package org.sttbench.load;

import java.util.Map;

/**
 * One rate stage (or, in {@link OpenLoadResult}, the whole run) of an open-model run.
 *
 * @param scheduled        arrivals the schedule planned
 * @param sent             arrivals actually sent (scheduled - dropped)
 * @param dropped          arrivals not sent because max in-flight was reached
 * @param late             arrivals sent more than the late threshold after their intended time
 * @param achievedRate     sent / planned duration
 * @param throughputRps    successes / seconds from the first intended send to the last response
 * @param latency          successful requests, from the INTENDED send time to the response: what a user
 *                         arriving on schedule experiences, queueing in the generator included
 * @param serviceLatency   the same requests from the actual send time (what a closed-loop tool would show)
 */
public record StageResult(double rate, double durationS, long scheduled, long sent, long dropped, long late,
                          long successes, long errors, double successRate, double achievedRate,
                          double throughputRps, LatencyStats latency, LatencyStats serviceLatency,
                          Map<String, Long> errorsByCause) {
}
