package org.sttbench.analysis;

/**
 * One measurement of the thread suite: the engine run with a thread count under a fixed CPU limit.
 *
 * @param threads        engine threads
 * @param latencyMs      representative latency (mean or median, the same statistic for every point)
 * @param throttledRatio cgroup nr_throttled / nr_periods during the run, if read; null when unknown
 */
public record ThreadPoint(int threads, double latencyMs, Double throttledRatio) {
    public ThreadPoint(int threads, double latencyMs) {
        this(threads, latencyMs, null);
    }
}
