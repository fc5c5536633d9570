package org.sttbench.analysis;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;

/**
 * Summary of a set of latency samples in milliseconds.
 *
 * <p>Percentiles use linear interpolation between the closest ranks (Hyndman-Fan type 7, the default of
 * numpy and of spreadsheet PERCENTILE.INC): with the samples sorted ascending as x[0..n-1], the p-th
 * percentile sits at position h = (n - 1) * p, and is x[floor h] + (h - floor h) * (x[floor h + 1] - x[floor h]).
 * So p50 of an even count is the mean of the two middle values and p100 is the maximum.
 *
 * <p>The standard deviation is the sample one (divides by n - 1). The 95% confidence interval of the mean
 * is mean +- t(0.975, n - 1) * stddev / sqrt(n) with Student's t. With a single sample the spread is
 * unknown, so {@code stddevMs}, {@code ci95LowMs} and {@code ci95HighMs} are null (omitted in JSON), not 0.
 *
 * @param n          number of samples
 * @param avgMs      arithmetic mean
 * @param minMs      smallest sample
 * @param p50Ms      median
 * @param p95Ms      95th percentile
 * @param p99Ms      99th percentile
 * @param maxMs      largest sample
 * @param stddevMs   sample standard deviation; null when n = 1
 * @param ci95LowMs  lower end of the 95% CI of the mean; null when n = 1
 * @param ci95HighMs upper end of the 95% CI of the mean; null when n = 1
 * @param totalMs    sum of all samples
 */
public record LatencySummary(int n, double avgMs, double minMs, double p50Ms, double p95Ms, double p99Ms,
                           double maxMs, Double stddevMs, Double ci95LowMs, Double ci95HighMs, double totalMs) {

    /**
     * @throws IllegalArgumentException when there are no samples or a sample is NaN, infinite or negative
     */
    public static LatencySummary of(double[] samplesMs) {
        if (samplesMs == null || samplesMs.length == 0) {
            throw new IllegalArgumentException("no latency samples: at least one is needed");
        }
        for (int i = 0; i < samplesMs.length; i++) {
            Checks.nonNegative(samplesMs[i], "latency sample #" + i);
        }
        double[] sorted = samplesMs.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double total = 0;
        for (double v : sorted) {
            total += v;
        }
        double mean = total / n;
        Double stddev = null;
        Double low = null;
        Double high = null;
        if (n >= 2) {
            double squares = 0;
            for (double v : sorted) {
                squares += (v - mean) * (v - mean);
            }
            double sd = Math.sqrt(squares / (n - 1));
            double half = tQuantile975(n - 1) * sd / Math.sqrt(n);
            stddev = sd;
            low = mean - half;
            high = mean + half;
        }
        return new LatencySummary(n, mean, sorted[0], percentile(sorted, 50), percentile(sorted, 95),
                percentile(sorted, 99), sorted[n - 1], stddev, low, high, total);
    }

    /**
     * The p-th percentile (0 < p <= 100) of the samples with the interpolation described on the class.
     */
    public static double percentile(double[] samples, double p) {
        if (samples == null || samples.length == 0) {
            throw new IllegalArgumentException("no samples: at least one is needed for a percentile");
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be within (0, 100], got " + p);
        }
        return new Percentile().withEstimationType(EstimationType.R_7).evaluate(samples, p);
    }

    /** Student's t quantile for a two-sided 95% interval. */
    static double tQuantile975(int degreesOfFreedom) {
        return new TDistribution(degreesOfFreedom).inverseCumulativeProbability(0.975);
    }

    /**
     * Requests per second when these samples ran one after another: n / (total seconds).
     * Null when the total is 0 (no time elapsed, rate undefined).
     */
    public Double sequentialRps() {
        return totalMs > 0 ? rps(n, totalMs / 1000.0) : null;
    }

    /** Requests per second over a measured wall-clock window: completed / wall seconds. */
    public static double rps(long completedRequests, double wallSeconds) {
        Checks.nonNegative(completedRequests, "completed requests");
        Checks.positive(wallSeconds, "wall seconds");
        return completedRequests / wallSeconds;
    }
}
