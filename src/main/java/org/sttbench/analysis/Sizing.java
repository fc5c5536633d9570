package org.sttbench.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Capacity planning from measured service times.
 *
 * <p>Throughput sizing keeps every pod at or below the utilization target. SLA sizing models the whole
 * deployment as one M/M/c queue with c = pods * slots (an ideal load balancer feeding a shared queue) and
 * looks for the fewest pods whose predicted p95 response time meets the SLA:
 * <ul>
 *   <li>without a measured service p95: the exact M/M/c response-time quantile ({@link ErlangC}), which
 *       assumes exponential service times. Speech-to-text service times vary far less than exponential, so
 *       this overstates the service part (its p95 is 3x the mean).</li>
 *   <li>with a measured service p95: p95(T) ~= measured p95(S) + p95(W), with W from M/M/c. Adding quantiles
 *       is an approximation (not a strict bound), and the M/M/c wait is pessimistic for low-variance service,
 *       so the estimate leans conservative.</li>
 * </ul>
 */
public final class Sizing {
    /** Pod counts above this are treated as "cannot be met" (a guard for absurd inputs). */
    public static final int MAX_PODS = 100_000;
    private static final double P95 = 0.95;

    private Sizing() {
    }

    /** ceil(targetRps / (rpsPerPod * utilizationTarget)), at least 1. */
    public static int podsForThroughput(double targetRps, double rpsPerPod, double utilizationTarget) {
        Checks.nonNegative(targetRps, "target rps");
        Checks.positive(rpsPerPod, "rps per pod");
        Checks.openFraction(utilizationTarget, "utilization target");
        double exact = targetRps / (rpsPerPod * utilizationTarget);
        // 7 / (1 * 0.7) is 10.000000000000002 in binary floating point; it must stay 10 pods.
        return (int) Math.max(1, Math.ceil(exact - 1e-9 * Math.max(1, exact)));
    }

    public static SizingPlan plan(SizingInput in) {
        if (in == null) {
            throw new IllegalArgumentException("sizing input is required");
        }
        in.validate();
        List<String> notes = new ArrayList<>();
        double offered = in.targetRps() * in.serviceMs() / 1000.0;
        int byThroughput = podsForThroughput(in.targetRps(), in.rpsPerPod(), in.utilizationTarget());
        String method = in.serviceP95Ms() == null
                ? "M/M/c exact response-time p95 (exponential service with the measured mean)"
                : "measured service p95 + M/M/c wait p95";
        // With unlimited pods nobody waits: p95 falls to the service p95 (ln 20 = 3.0 means when exponential).
        double floor = in.serviceP95Ms() != null ? in.serviceP95Ms() : in.serviceMs() * Math.log(20);
        Integer bySla = null;
        if (floor > in.slaP95Ms()) {
            notes.add("the SLA cannot be met by adding pods: even without queueing p95 is about " + Checks.fmt(floor)
                    + " ms > " + Checks.fmt(in.slaP95Ms()) + " ms; make single requests faster (more or faster"
                    + " cores per pod, a smaller model)" + (in.serviceP95Ms() == null
                    ? "; this assumes exponential service times (p95 = 3x the mean): give the measured service"
                    + " p95 for a tighter estimate" : ""));
        } else {
            bySla = podsForSla(in, offered);
            if (bySla == null) {
                notes.add("the SLA needs more than " + MAX_PODS + " pods");
            }
        }
        int pods = bySla == null ? byThroughput : Math.max(byThroughput, bySla);
        int servers = pods * in.slotsPerPod();
        double predicted = p95(in, servers, offered);
        if (bySla != null && bySla > byThroughput) {
            notes.add("the SLA, not throughput, decides the pod count");
        }
        return new SizingPlan(in.targetRps(), in.slaP95Ms(), in.rpsPerPod(), offered, byThroughput, bySla, pods,
                servers, in.cpusPerPod(), pods * in.cpusPerPod(), pods * in.memoryPerPodMb(), offered / servers,
                ErlangC.probabilityOfWaiting(servers, offered), predicted, predicted <= in.slaP95Ms(), method,
                List.copyOf(notes));
    }

    /** Fewest pods meeting the SLA: p95 falls as servers are added, so double then bisect. */
    private static Integer podsForSla(SizingInput in, double offered) {
        int lo = 0; // known to fail (or not tried)
        int hi = 1;
        while (p95(in, hi * in.slotsPerPod(), offered) > in.slaP95Ms()) {
            lo = hi;
            hi *= 2;
            if (hi > MAX_PODS) {
                return null;
            }
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (p95(in, mid * in.slotsPerPod(), offered) <= in.slaP95Ms()) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private static double p95(SizingInput in, int servers, double offered) {
        if (in.serviceP95Ms() == null) {
            return ErlangC.responseQuantileMs(servers, offered, in.serviceMs(), P95);
        }
        return in.serviceP95Ms() + ErlangC.waitQuantileMs(servers, offered, in.serviceMs(), P95);
    }

    /**
     * A recommended size for one traffic level.
     *
     * @param monthlyCost null when no prices were given
     */
    public record TrafficRecommendation(String level, double rps, int pods, double cpusPerPod, double totalCpus,
                                        double totalMemoryMb, double predictedP95Ms, double expectedUtilization,
                                        boolean slaMet, Double monthlyCost) {
    }

    /**
     * For each traffic level, plans every candidate pod shape (their target_rps is replaced by the level's) and
     * keeps the cheapest plan that meets the SLA: lowest monthly cost when prices are given, else fewest total
     * CPUs, then fewest pods. When no shape meets the SLA the one with the lowest predicted p95 is returned with
     * {@code slaMet = false}.
     *
     * @param prices may be null
     */
    public static List<TrafficRecommendation> recommendByTraffic(List<TrafficLevel> levels, List<SizingInput> shapes,
                                                                 CostTable.Prices prices) {
        Checks.notEmpty(levels, "traffic levels");
        Checks.notEmpty(shapes, "pod shapes");
        CostTable costs = prices == null ? null : new CostTable(prices);
        List<TrafficRecommendation> out = new ArrayList<>();
        for (TrafficLevel level : levels) {
            Checks.nonNegative(level.rps(), "rps of traffic level " + level.name());
            List<TrafficRecommendation> candidates = new ArrayList<>();
            for (SizingInput shape : shapes) {
                SizingPlan plan = plan(shape.withTargetRps(level.rps()));
                Double monthly = costs == null ? null
                        : costs.cost(new CostTable.Option(level.name(), plan.pods(), shape.cpusPerPod(),
                        shape.memoryPerPodMb() / 1024.0)).monthlyCost();
                candidates.add(new TrafficRecommendation(level.name(), level.rps(), plan.pods(), shape.cpusPerPod(),
                        plan.totalCpus(), plan.totalMemoryMb(), plan.predictedP95Ms(), plan.expectedUtilization(),
                        plan.slaMet(), monthly));
            }
            List<TrafficRecommendation> meeting = candidates.stream().filter(TrafficRecommendation::slaMet).toList();
            Comparator<TrafficRecommendation> cheapest = Comparator
                    .comparingDouble((TrafficRecommendation r) -> r.monthlyCost() != null ? r.monthlyCost() : r.totalCpus())
                    .thenComparingDouble(TrafficRecommendation::totalCpus)
                    .thenComparingInt(TrafficRecommendation::pods);
            out.add(meeting.isEmpty()
                    ? candidates.stream().min(Comparator.comparingDouble(TrafficRecommendation::predictedP95Ms)).orElseThrow()
                    : meeting.stream().min(cheapest).orElseThrow());
        }
        return List.copyOf(out);
    }
}
