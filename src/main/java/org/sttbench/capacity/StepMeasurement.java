package org.sttbench.capacity;

import java.util.List;
import java.util.Map;

/**
 * One step of a capacity search: an open-model stage at a fixed arrival rate, cut into windows.
 * Percentiles are over the steady windows (the last {@code stableWindows}), latency from each request's
 * intended send time.
 *
 * @param windows        the step cut in equal slices by intended send time: arrivals, answers, p95
 * @param stable         the last windows agreed within the tolerance
 * @param rising         latency grew window after window: the server fell behind the arrivals
 * @param late           sends more than the late threshold after their intended time (the generator's lag)
 * @param goodputRps     requests per second that succeeded within the SLA bound
 * @param endedEarly     why the step stopped before its planned windows, null when it ran them all
 */
public record StepMeasurement(double rate, double durationS, List<Window> windows, boolean stable, boolean rising,
                              long scheduled, long sent, long dropped, long late, long successes, long errors,
                              double achievedRate, double throughputRps, double goodputRps, double p50Ms,
                              double p95Ms, double p99Ms, Map<String, Long> errorsByCause, String endedEarly) {

    public record Window(double startS, long scheduled, long completed, long successes, long good, double p95Ms) {
    }

    public StepMeasurement {
        windows = List.copyOf(windows);
        errorsByCause = Map.copyOf(errorsByCause);
    }

    /** Failed over attempted (sent); dropped arrivals are counted separately. */
    public double errorRate() {
        long attempted = successes + errors;
        return attempted == 0 ? 0 : errors / (double) attempted;
    }

    /** Share of the arrivals that were sent late or not at all. */
    public double lateShare() {
        return scheduled == 0 ? 0 : late / (double) scheduled;
    }
}
