package org.sttbench.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Scale up (more CPU per pod) or scale out (more pods)? The rules, applied to measurements:
 * <ol>
 *   <li>Single-request latency is "over" when its p95 exceeds (1 - latency_headroom) * SLA: a request that
 *       alone uses more than that leaves no room for queueing.</li>
 *   <li>Throughput is "short" when demand exceeds the measured capacity, or the p95 under load breaks the
 *       SLA while single requests do not, or pods run above the CPU utilization threshold.</li>
 *   <li>Latency over and efficiency at the next core count >= threshold: SCALE_UP (BOTH when throughput is
 *       also short). Latency over and efficiency below threshold or unknown: OPTIMIZE (more cores would
 *       mostly be wasted: smaller model, faster cores, thread tuning).</li>
 *   <li>Latency fine, throughput short: SCALE_OUT, with smaller pods when efficiency is below threshold;
 *       INVESTIGATE instead when CPU utilization is known and below its threshold (the bottleneck is not CPU).</li>
 *   <li>Memory use at or above its threshold raises memory, alongside whatever else applies
 *       (RAISE_MEMORY when it is the only finding). Nothing applies: NONE.</li>
 * </ol>
 */
public final class DecisionMatrix {

    public enum Recommendation { SCALE_UP, SCALE_OUT, BOTH, OPTIMIZE, INVESTIGATE, RAISE_MEMORY, NONE }

    /**
     * @param cpuUtilization  average pod CPU use (fraction of the limit) above which pods count as saturated
     * @param efficiency      scaling efficiency at the next core count from which adding cores pays off
     * @param memory          peak memory / limit from which memory must be raised
     * @param latencyHeadroom share of the SLA kept free for queueing (0.1: single requests must stay under 90%)
     */
    public record Thresholds(double cpuUtilization, double efficiency, double memory, double latencyHeadroom) {
        public static Thresholds defaults() {
            return new Thresholds(0.70, 0.70, 0.80, 0.10);
        }
    }

    /**
     * Measurements for one deployment. Only the first two are required; unknown figures are null and the
     * rules that need them do not fire.
     *
     * @param singleRequestP95Ms   p95 latency of one request with no other load
     * @param slaP95Ms             the SLA's p95
     * @param efficiencyAtNextCores scaling efficiency at the next larger core count (from the CPU scaling suite)
     * @param cpuUtilization       average CPU use across pods under production-like load, fraction of limit
     * @param memoryUtilization    peak memory / memory limit
     * @param capacityRps          sustainable rps of the current deployment (load test)
     * @param demandRps            rps the deployment must serve
     * @param loadedP95Ms          p95 latency under that load
     */
    public record Input(double singleRequestP95Ms, double slaP95Ms, Double efficiencyAtNextCores, Double cpuUtilization,
                        Double memoryUtilization, Double capacityRps, Double demandRps, Double loadedP95Ms) {
    }

    /**
     * @param smallerPods  scale out with smaller pods (cores beyond the efficient count are wasted)
     * @param raiseMemory  memory limit should go up
     * @param reasons      every rule that fired, with its numbers
     */
    public record Decision(Recommendation recommendation, boolean smallerPods, boolean raiseMemory,
                           List<String> reasons) {
    }

    private final Thresholds thresholds;

    public DecisionMatrix(Thresholds thresholds) {
        if (thresholds == null) {
            throw new IllegalArgumentException("thresholds are required");
        }
        Checks.fraction(thresholds.cpuUtilization(), "cpu_utilization threshold");
        Checks.nonNegative(thresholds.efficiency(), "efficiency threshold");
        Checks.fraction(thresholds.memory(), "memory threshold");
        Checks.finite(thresholds.latencyHeadroom(), "latency_headroom");
        if (thresholds.latencyHeadroom() < 0 || thresholds.latencyHeadroom() >= 1) {
            throw new IllegalArgumentException("latency_headroom must be within [0, 1), got " + thresholds.latencyHeadroom());
        }
        this.thresholds = thresholds;
    }

    public DecisionMatrix() {
        this(Thresholds.defaults());
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    public Decision decide(Input in) {
        if (in == null) {
            throw new IllegalArgumentException("decision input is required");
        }
        Checks.positive(in.singleRequestP95Ms(), "single_request_p95_ms");
        Checks.positive(in.slaP95Ms(), "sla_p95_ms");
        optional(in.efficiencyAtNextCores(), "efficiency_at_next_cores");
        optional(in.cpuUtilization(), "cpu_utilization");
        optional(in.memoryUtilization(), "memory_utilization");
        optional(in.capacityRps(), "capacity_rps");
        optional(in.demandRps(), "demand_rps");
        optional(in.loadedP95Ms(), "loaded_p95_ms");

        List<String> reasons = new ArrayList<>();
        Thresholds t = thresholds;
        double latencyLimit = in.slaP95Ms() * (1 - t.latencyHeadroom());
        boolean latencyOver = in.singleRequestP95Ms() > latencyLimit;
        if (latencyOver) {
            reasons.add("single-request p95 " + Checks.fmt(in.singleRequestP95Ms()) + " ms > " + Checks.fmt(latencyLimit)
                    + " ms (SLA " + Checks.fmt(in.slaP95Ms()) + " ms minus " + pct(t.latencyHeadroom()) + " headroom)");
        }

        boolean demandOver = in.capacityRps() != null && in.demandRps() != null && in.demandRps() > in.capacityRps();
        if (demandOver) {
            reasons.add("demand " + Checks.fmt(in.demandRps()) + " rps > capacity " + Checks.fmt(in.capacityRps()) + " rps");
        }
        boolean loadedOver = !latencyOver && in.loadedP95Ms() != null && in.loadedP95Ms() > in.slaP95Ms();
        if (loadedOver) {
            reasons.add("p95 under load " + Checks.fmt(in.loadedP95Ms()) + " ms > SLA " + Checks.fmt(in.slaP95Ms())
                    + " ms while single requests fit: requests queue");
        }
        boolean cpuHot = in.cpuUtilization() != null && in.cpuUtilization() > t.cpuUtilization();
        if (cpuHot) {
            reasons.add("CPU utilization " + pct(in.cpuUtilization()) + " > " + pct(t.cpuUtilization())
                    + ": no headroom for bursts");
        }
        boolean throughputShort = demandOver || loadedOver || cpuHot;

        Double eff = in.efficiencyAtNextCores();
        boolean efficientUp = eff != null && eff >= t.efficiency();
        boolean inefficient = eff != null && eff < t.efficiency();

        boolean raiseMemory = in.memoryUtilization() != null && in.memoryUtilization() >= t.memory();
        if (raiseMemory) {
            reasons.add("memory at " + pct(in.memoryUtilization()) + " of the limit >= " + pct(t.memory())
                    + ": raise the memory limit");
        }

        Recommendation rec;
        boolean smallerPods = false;
        if (latencyOver && efficientUp) {
            reasons.add("efficiency at the next core count " + Checks.fmt(eff) + " >= " + Checks.fmt(t.efficiency())
                    + ": more cores per pod shorten each request");
            rec = throughputShort ? Recommendation.BOTH : Recommendation.SCALE_UP;
            if (throughputShort) {
                reasons.add("and throughput is short: add pods as well");
            }
        } else if (latencyOver) {
            reasons.add(eff == null
                    ? "efficiency at the next core count is unknown: measure CPU scaling before buying cores"
                    : "efficiency at the next core count " + Checks.fmt(eff) + " < " + Checks.fmt(t.efficiency())
                    + ": more cores would mostly be wasted");
            reasons.add("optimize the single request: smaller or quantized model, faster cores, thread count");
            if (throughputShort) {
                reasons.add("throughput is short too: add pods once single requests fit the SLA");
            }
            rec = Recommendation.OPTIMIZE;
        } else if (throughputShort) {
            if (in.cpuUtilization() != null && !cpuHot) {
                reasons.add("CPU utilization " + pct(in.cpuUtilization()) + " <= " + pct(t.cpuUtilization())
                        + " while throughput is short: the bottleneck is not CPU (I/O, locks, too few slots,"
                        + " load balancing)");
                rec = Recommendation.INVESTIGATE;
            } else {
                rec = Recommendation.SCALE_OUT;
                reasons.add("single requests fit the SLA: add pods for throughput");
                if (inefficient) {
                    smallerPods = true;
                    reasons.add("efficiency at the next core count " + Checks.fmt(eff) + " < " + Checks.fmt(t.efficiency())
                            + ": use smaller pods, cores beyond the efficient count are wasted");
                }
            }
        } else {
            rec = raiseMemory ? Recommendation.RAISE_MEMORY : Recommendation.NONE;
            if (!raiseMemory) {
                reasons.add("latency and throughput within targets: no change needed");
            }
        }
        return new Decision(rec, smallerPods, raiseMemory, List.copyOf(reasons));
    }

    private static void optional(Double value, String what) {
        if (value != null) {
            Checks.nonNegative(value, what);
        }
    }

    private static String pct(double fraction) {
        return Checks.fmt(Math.round(fraction * 1000) / 10.0) + "%";
    }
}
