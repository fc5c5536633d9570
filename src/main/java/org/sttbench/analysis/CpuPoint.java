package org.sttbench.analysis;

/**
 * One measurement of the CPU scaling suite: the same work run under a CPU limit.
 *
 * @param cpus       CPU limit (cores; fractional quotas such as 2.5 are allowed)
 * @param latencyMs  representative latency at that limit (mean or median, the same statistic for every point)
 * @param rps        throughput measured at that limit, if any
 * @param cpuPerWall CPU time divided by wall time (how many cores the run really kept busy), if measured
 */
public record CpuPoint(double cpus, double latencyMs, Double rps, Double cpuPerWall) {
    public CpuPoint(double cpus, double latencyMs) {
        this(cpus, latencyMs, null, null);
    }
}
