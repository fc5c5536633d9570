package org.sttbench.analysis;

import java.util.List;

/**
 * How many pods a target load needs, and what it will look like at that size.
 *
 * @param rpsPerPod           capacity of one pod at 100% busy
 * @param offeredLoad         a = target_rps * service time: servers busy on average (Erlangs)
 * @param podsByThroughput    ceil(target / (rps_per_pod * utilization_target)), min 1
 * @param podsBySla           fewest pods whose predicted p95 meets the SLA; null when no pod count can
 * @param pods                max of the two (or pods_by_throughput when the SLA cannot be met)
 * @param servers             pods * slots_per_pod, the c of the queueing model
 * @param expectedUtilization offered load / servers
 * @param probabilityOfWaiting Erlang C at this size
 * @param predictedP95Ms      p95 response time at this size
 * @param slaMet              predicted p95 <= SLA
 * @param method              which p95 approximation was used
 */
public record SizingPlan(double targetRps, double slaP95Ms, double rpsPerPod, double offeredLoad, int podsByThroughput,
                         Integer podsBySla, int pods, int servers, double cpusPerPod, double totalCpus,
                         double totalMemoryMb, double expectedUtilization, double probabilityOfWaiting,
                         double predictedP95Ms, boolean slaMet, String method, List<String> notes) {
}
