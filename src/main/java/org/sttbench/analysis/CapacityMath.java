package org.sttbench.analysis;

import java.util.List;

/**
 * The arithmetic of a capacity search: when a step's measurement windows agree, where the latency curve
 * turns up, and how many pods a measured per-pod capacity asks for.
 */
public final class CapacityMath {
    private CapacityMath() {
    }

    /**
     * True when the last {@code n} values all lie within {@code tolerance} of their mean (as Triton's
     * perf_analyzer accepts a measurement once three windows agree within 10%). Differences below
     * {@code absoluteFloor} always agree: a 2 ms p95 against 2.3 ms is timer noise, not a trend.
     */
    public static boolean stable(List<Double> values, int n, double tolerance, double absoluteFloor) {
        if (n < 1 || values.size() < n) {
            return false;
        }
        List<Double> last = values.subList(values.size() - n, values.size());
        double mean = last.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        for (double v : last) {
            double diff = Math.abs(v - mean);
            if (diff > absoluteFloor && diff > tolerance * Math.abs(mean)) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when the last {@code n} values climb one after the other and the last exceeds the first of them
     * by more than {@code tolerance} (relative) and {@code absoluteFloor}: the queue is growing, so a longer
     * run would only look worse.
     */
    public static boolean rising(List<Double> values, int n, double tolerance, double absoluteFloor) {
        if (n < 2 || values.size() < n) {
            return false;
        }
        List<Double> last = values.subList(values.size() - n, values.size());
        for (int i = 1; i < last.size(); i++) {
            if (last.get(i) < last.get(i - 1)) {
                return false;
            }
        }
        double growth = last.get(last.size() - 1) - last.get(0);
        return growth > absoluteFloor && growth > tolerance * Math.abs(last.get(0));
    }

    /**
     * Where latency turns up: the highest rate, in ascending rate order, before the first point whose
     * latency exceeds {@code factor} times the latency at the lowest rate. Null with fewer than two points
     * or when even the second point has turned up (the knee lies below the rates tried).
     *
     * @param rates    offered rates, ascending
     * @param latency  a latency percentile at each rate
     */
    public static Double knee(List<Double> rates, List<Double> latency, double factor) {
        if (rates.size() != latency.size()) {
            throw new IllegalArgumentException("rates and latencies differ in length");
        }
        if (rates.size() < 2) {
            return null;
        }
        double base = latency.get(0);
        Double knee = null;
        for (int i = 0; i < rates.size(); i++) {
            if (latency.get(i) > base * factor) {
                break;
            }
            knee = rates.get(i);
        }
        return knee != null && knee.equals(rates.get(rates.size() - 1)) ? null : knee;
    }

    /**
     * Pods for a target rate from a measured per-pod sustainable rate: ceil(target / (sustainable x
     * utilization)). The sustainable rate already met the SLA; the utilization target keeps the same headroom
     * for bursts the queueing estimate keeps.
     */
    public static int podsFromMeasuredCapacity(double targetRps, double sustainableRpsPerPod, double utilization) {
        return Sizing.podsForThroughput(targetRps, sustainableRpsPerPod, utilization);
    }

    /**
     * The value at {@code x} on a piecewise-linear curve through ({@code xs}, {@code ys}), xs ascending;
     * flat beyond either end (no extrapolation past what was measured).
     */
    public static double interpolate(List<Double> xs, List<Double> ys, double x) {
        if (xs.isEmpty() || xs.size() != ys.size()) {
            throw new IllegalArgumentException("need matching, non-empty points");
        }
        if (x <= xs.get(0)) {
            return ys.get(0);
        }
        for (int i = 1; i < xs.size(); i++) {
            if (x <= xs.get(i)) {
                double x0 = xs.get(i - 1);
                double x1 = xs.get(i);
                double t = x1 == x0 ? 1 : (x - x0) / (x1 - x0);
                return ys.get(i - 1) + t * (ys.get(i) - ys.get(i - 1));
            }
        }
        return ys.get(ys.size() - 1);
    }
}
