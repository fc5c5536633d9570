package org.sttbench.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Brings latencies measured on different instance types onto one scale, with the normalization ratios
 * {@code sttbench compare} measured between them (ratio = that type's latency over the reference type's,
 * so the reference type has 1.0). A latency on a type with ratio r counts as latency / r: what it would
 * have been on the reference type. Used when one speedup curve's points ran on different types.
 *
 * @param ratios instance type to ratio, in the order given; empty: nothing is scaled
 */
public record InstanceScale(Map<String, Double> ratios) {
    public static final InstanceScale NONE = new InstanceScale(Map.of());

    public InstanceScale {
        ratios = Map.copyOf(ratios);
    }

    /**
     * Reads {@code TYPE=RATIO,TYPE=RATIO} (e.g. {@code c6i.large=1.0,m5.large=1.21}).
     *
     * @throws IllegalArgumentException naming the part that is not TYPE=RATIO with a positive ratio
     */
    public static InstanceScale parse(String text) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not TYPE=RATIO; write it like c6i.large=1.0,m5.large=1.21");
            }
            double ratio;
            try {
                ratio = Double.parseDouble(kv[1].trim());
            } catch (NumberFormatException e) {
                ratio = Double.NaN;
            }
            if (!Double.isFinite(ratio) || ratio <= 0) {
                throw new IllegalArgumentException("'" + part.trim() + "': the ratio must be a positive number");
            }
            if (ratios.put(kv[0].trim(), ratio) != null) {
                throw new IllegalArgumentException("instance type " + kv[0].trim() + " is given twice");
            }
        }
        return new InstanceScale(ratios);
    }

    public boolean applied() {
        return !ratios.isEmpty();
    }

    /**
     * The latency on the reference type's scale.
     *
     * @throws IllegalArgumentException when the type has no ratio (a point cannot be left on its own scale
     *                                  silently: the curve would mix scales again)
     */
    public double latencyMs(String instanceType, double latencyMs) {
        return latencyMs / ratio(instanceType);
    }

    /** Throughput on the reference type's scale: faster types' rps scaled down, slower types' up. */
    public double rps(String instanceType, double rps) {
        return rps * ratio(instanceType);
    }

    private double ratio(String instanceType) {
        Double r = instanceType == null ? null : ratios.get(instanceType);
        if (r == null) {
            throw new IllegalArgumentException("no normalization ratio for instance type "
                    + (instanceType == null ? "(unknown: the unit has no instance type)" : instanceType)
                    + "; given: " + ratios.keySet());
        }
        return r;
    }
}
