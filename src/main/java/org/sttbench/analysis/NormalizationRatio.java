package org.sttbench.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How much slower (ratio > 1) or faster (ratio < 1) another machine is than a baseline machine, from results
 * of the same model at the same CPU limit. ratio = latency_other / latency_baseline per (model, cpu_limit),
 * and the overall figure is the geometric mean of the ratios (the mean that treats 2x slower and 2x faster
 * symmetrically). Keys present on one side only are listed, not errors.
 */
public final class NormalizationRatio {

    /**
     * One result of one machine.
     *
     * @param ci95LowMs  lower end of the 95% CI of the mean latency, if known
     * @param ci95HighMs upper end of the 95% CI of the mean latency, if known
     */
    public record MachineResult(String model, double cpuLimit, double avgLatencyMs, Double ci95LowMs, Double ci95HighMs) {
        public MachineResult(String model, double cpuLimit, double avgLatencyMs) {
            this(model, cpuLimit, avgLatencyMs, null, null);
        }
    }

    /** What results are matched on. */
    public record Key(String model, double cpuLimit) {
        @Override
        public String toString() {
            return model + " @ " + Checks.fmt(cpuLimit) + " CPU";
        }
    }

    /**
     * @param ratioLow  other CI low / baseline CI high, when both CIs are known: the smallest ratio consistent with them
     * @param ratioHigh other CI high / baseline CI low: the largest
     */
    public record KeyRatio(String model, double cpuLimit, double baselineMs, double otherMs, double ratio,
                           Double ratioLow, Double ratioHigh) {
    }

    /**
     * @param geometricMean overall ratio; null when no key is on both sides
     */
    public record Comparison(List<KeyRatio> ratios, Double geometricMean, List<Key> missingInOther,
                             List<Key> missingInBaseline) {
    }

    private NormalizationRatio() {
    }

    /**
     * @throws IllegalArgumentException when a side repeats a key or a latency is not positive
     */
    public static Comparison compare(List<MachineResult> baseline, List<MachineResult> other) {
        Map<Key, MachineResult> base = index(baseline, "baseline");
        Map<Key, MachineResult> oth = index(other, "other");
        List<KeyRatio> ratios = new ArrayList<>();
        List<Key> missingInOther = new ArrayList<>();
        double logSum = 0;
        for (Map.Entry<Key, MachineResult> e : base.entrySet()) {
            MachineResult o = oth.get(e.getKey());
            if (o == null) {
                missingInOther.add(e.getKey());
                continue;
            }
            MachineResult b = e.getValue();
            double ratio = o.avgLatencyMs() / b.avgLatencyMs();
            logSum += Math.log(ratio);
            boolean cis = b.ci95LowMs() != null && b.ci95HighMs() != null && o.ci95LowMs() != null
                    && o.ci95HighMs() != null && b.ci95LowMs() > 0;
            ratios.add(new KeyRatio(b.model(), b.cpuLimit(), b.avgLatencyMs(), o.avgLatencyMs(), ratio,
                    cis ? o.ci95LowMs() / b.ci95HighMs() : null, cis ? o.ci95HighMs() / b.ci95LowMs() : null));
        }
        List<Key> missingInBaseline = oth.keySet().stream().filter(k -> !base.containsKey(k)).toList();
        Double geo = ratios.isEmpty() ? null : Math.exp(logSum / ratios.size());
        return new Comparison(List.copyOf(ratios), geo, List.copyOf(missingInOther), missingInBaseline);
    }

    /** Throughput expected on the other machine: rps / ratio (a 2x slower machine serves half). */
    public static double translateRps(double rpsOnBaseline, double ratio) {
        Checks.nonNegative(rpsOnBaseline, "rps on baseline");
        Checks.positive(ratio, "ratio");
        return rpsOnBaseline / ratio;
    }

    /** Latency expected on the other machine: latency * ratio. */
    public static double translateLatencyMs(double latencyOnBaselineMs, double ratio) {
        Checks.nonNegative(latencyOnBaselineMs, "latency on baseline");
        Checks.positive(ratio, "ratio");
        return latencyOnBaselineMs * ratio;
    }

    private static Map<Key, MachineResult> index(List<MachineResult> results, String side) {
        Objects.requireNonNull(results, side + " results");
        Map<Key, MachineResult> map = new LinkedHashMap<>();
        for (MachineResult r : results) {
            if (r == null || r.model() == null || r.model().isBlank()) {
                throw new IllegalArgumentException(side + " result without a model name");
            }
            Checks.positive(r.cpuLimit(), side + " cpu_limit of " + r.model());
            Key key = new Key(r.model(), r.cpuLimit());
            Checks.positive(r.avgLatencyMs(), side + " avg_latency_ms of " + key);
            if (map.put(key, r) != null) {
                throw new IllegalArgumentException(side + " has two results for " + key + ": keep one per model and CPU limit");
            }
        }
        return map;
    }
}
