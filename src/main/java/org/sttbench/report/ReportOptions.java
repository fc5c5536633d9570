package org.sttbench.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.sttbench.BadInputException;
import org.sttbench.analysis.CostTable;
import org.sttbench.analysis.DecisionMatrix;
import org.sttbench.analysis.SizingInput;
import org.sttbench.analysis.TrafficLevel;

/**
 * What reports and generated manifests assume beyond the measurements: prices, decision thresholds,
 * planning targets, traffic levels and the manifests' image. Every value can be set with a system property
 * (or the matching STTBENCH_ environment variable) so a report can be re-rendered with other prices.
 *
 * @param prices             cloud prices for the cost table
 * @param thresholds         scale up / out thresholds (also the HPA CPU target and the CPU alert)
 * @param utilizationTarget  share of a pod's capacity to plan for
 * @param memoryTarget       peak RSS may use at most this share of the pod memory limit
 * @param trafficLevels      levels to size for; empty: derived from the SLA's target_rps (0.25x, 0.5x, 1x, 2x)
 * @param minReplicasFloor   the HPA never goes below this many pods (one can be drained while another serves)
 * @param image              container image in the generated Deployment
 * @param generatedAt        fixed render time (tests, reproducible output); null: now
 */
public record ReportOptions(CostTable.Prices prices, DecisionMatrix.Thresholds thresholds, double utilizationTarget,
                            double memoryTarget, List<TrafficLevel> trafficLevels, int minReplicasFloor, String image,
                            Instant generatedAt) {

    /** Illustrative on-demand prices (USD per vCPU-hour and GiB-hour); set your own for real decisions. */
    public static final double DEFAULT_CORE_HOUR = 0.04;
    public static final double DEFAULT_GIB_HOUR = 0.005;
    public static final double DEFAULT_MEMORY_TARGET = 0.70;
    public static final int DEFAULT_MIN_REPLICAS_FLOOR = 2;
    /** The worker image tag k8s/ names too: pinned, never latest; set sttbench.k8s.image to the tag you pushed. */
    public static final String DEFAULT_IMAGE = "sttbench-worker:0.1.0";

    public static ReportOptions defaults() {
        return new ReportOptions(new CostTable.Prices(DEFAULT_CORE_HOUR, DEFAULT_GIB_HOUR),
                DecisionMatrix.Thresholds.defaults(), SizingInput.DEFAULT_UTILIZATION_TARGET, DEFAULT_MEMORY_TARGET,
                List.of(), DEFAULT_MIN_REPLICAS_FLOOR, DEFAULT_IMAGE, null);
    }

    /** Defaults overridden by system properties, then environment variables ({@code sttbench.price.core-hour} = {@code STTBENCH_PRICE_CORE_HOUR}). */
    public static ReportOptions fromSystem() {
        return from(key -> {
            String value = System.getProperty(key);
            if (value == null) {
                value = System.getenv(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
            }
            return value == null || value.isBlank() ? null : value.trim();
        });
    }

    /** @param lookup property name to value, null when unset */
    public static ReportOptions from(UnaryOperator<String> lookup) {
        ReportOptions d = defaults();
        DecisionMatrix.Thresholds t = d.thresholds();
        CostTable.Prices prices = new CostTable.Prices(
                number(lookup, "sttbench.price.core-hour", d.prices().perCoreHour()),
                number(lookup, "sttbench.price.gib-hour", d.prices().perGibHour()),
                number(lookup, "sttbench.price.hours-per-month", d.prices().hoursPerMonth()),
                text(lookup, "sttbench.price.currency", d.prices().currency()));
        DecisionMatrix.Thresholds thresholds = new DecisionMatrix.Thresholds(
                number(lookup, "sttbench.threshold.cpu-utilization", t.cpuUtilization()),
                number(lookup, "sttbench.threshold.efficiency", t.efficiency()),
                number(lookup, "sttbench.threshold.memory", t.memory()),
                number(lookup, "sttbench.threshold.latency-headroom", t.latencyHeadroom()));
        String levels = lookup.apply("sttbench.traffic.levels");
        return new ReportOptions(prices, thresholds,
                number(lookup, "sttbench.sizing.utilization-target", d.utilizationTarget()),
                number(lookup, "sttbench.sizing.memory-target", d.memoryTarget()),
                levels == null ? List.of() : trafficLevels(levels),
                (int) number(lookup, "sttbench.hpa.min-replicas-floor", d.minReplicasFloor()),
                text(lookup, "sttbench.k8s.image", d.image()), null);
    }

    public ReportOptions withGeneratedAt(Instant at) {
        return new ReportOptions(prices, thresholds, utilizationTarget, memoryTarget, trafficLevels, minReplicasFloor,
                image, at);
    }

    public ReportOptions withPrices(CostTable.Prices p) {
        return new ReportOptions(p, thresholds, utilizationTarget, memoryTarget, trafficLevels, minReplicasFloor,
                image, generatedAt);
    }

    /** "low:1,medium:5,high:10" */
    static List<TrafficLevel> trafficLevels(String text) {
        List<TrafficLevel> levels = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] kv = part.trim().split(":");
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new BadInputException("sttbench.traffic.levels: '" + part.trim()
                        + "' is not name:rps; write it like low:1,medium:5,high:10");
            }
            levels.add(new TrafficLevel(kv[0].trim(), parse("sttbench.traffic.levels", kv[1].trim())));
        }
        return List.copyOf(levels);
    }

    private static double number(UnaryOperator<String> lookup, String key, double fallback) {
        String value = lookup.apply(key);
        return value == null ? fallback : parse(key, value);
    }

    private static double parse(String key, String value) {
        try {
            double v = Double.parseDouble(value);
            if (!Double.isFinite(v) || v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadInputException(key + ": '" + value + "' is not a non-negative number");
        }
    }

    private static String text(UnaryOperator<String> lookup, String key, String fallback) {
        String value = lookup.apply(key);
        return value == null ? fallback : value;
    }
}
