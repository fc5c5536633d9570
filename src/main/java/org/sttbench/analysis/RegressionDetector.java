package org.sttbench.analysis;

import java.util.Arrays;
import java.util.List;

/**
 * Did a benchmark get slower than before? Rule (documented in docs/analysis.md):
 * <ul>
 *   <li>Baseline = the last K previous runs (default 5, oldest first in the history list): its mean, CI low and
 *       CI high are each the median over those runs, so one noisy run neither hides nor fakes a change.
 *       With K = 1 it is simply the most recent previous run.</li>
 *   <li>REGRESSION when the current 95% CI lies entirely above the baseline's (current low > baseline high)
 *       and the mean rose by at least the minimum relative change (default 5%); IMPROVEMENT mirrors it.
 *       Non-overlapping 95% CIs are a stricter test than a 5% two-sample t-test, which suits an alarm that
 *       should not cry wolf on a noisy shared machine.</li>
 *   <li>INSUFFICIENT_DATA when there is no history, or the current run or the baseline has no CI (n < 2).</li>
 * </ul>
 */
public final class RegressionDetector {
    public static final int DEFAULT_WINDOW = 5;
    public static final double DEFAULT_MIN_CHANGE = 0.05;

    public enum Verdict { REGRESSION, IMPROVEMENT, NO_CHANGE, INSUFFICIENT_DATA }

    /** A run's mean latency with its 95% CI (null bounds when n < 2). */
    public record Measurement(double meanMs, Double ci95LowMs, Double ci95HighMs, int n) {
        public static Measurement of(LatencySummary stats) {
            return new Measurement(stats.avgMs(), stats.ci95LowMs(), stats.ci95HighMs(), stats.n());
        }

        boolean hasCi() {
            return n >= 2 && ci95LowMs != null && ci95HighMs != null;
        }
    }

    /**
     * @param deltaPct        (current - baseline) / baseline * 100; null without a baseline
     * @param runsInBaseline  how many previous runs formed the baseline
     */
    public record Result(Verdict verdict, Double deltaPct, Double baselineMeanMs, Double baselineCi95LowMs,
                         Double baselineCi95HighMs, int runsInBaseline, String reason) {
    }

    private final int window;
    private final double minChange;

    public RegressionDetector(int window, double minChange) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        Checks.nonNegative(minChange, "minimum relative change");
        this.window = window;
        this.minChange = minChange;
    }

    public RegressionDetector() {
        this(DEFAULT_WINDOW, DEFAULT_MIN_CHANGE);
    }

    /**
     * @param history previous runs of the same key, oldest first
     */
    public Result check(Measurement current, List<Measurement> history) {
        if (current == null) {
            throw new IllegalArgumentException("current measurement is required");
        }
        Checks.positive(current.meanMs(), "current mean_ms");
        if (history == null || history.isEmpty()) {
            return new Result(Verdict.INSUFFICIENT_DATA, null, null, null, null, 0, "no previous run to compare with");
        }
        List<Measurement> recent = history.subList(Math.max(0, history.size() - window), history.size());
        for (Measurement m : recent) {
            Checks.positive(m.meanMs(), "previous mean_ms");
        }
        double mean = median(recent.stream().mapToDouble(Measurement::meanMs).toArray());
        double delta = (current.meanMs() - mean) / mean;
        Double deltaPct = delta * 100;
        List<Measurement> withCi = recent.stream().filter(Measurement::hasCi).toList();
        if (!current.hasCi() || withCi.isEmpty()) {
            return new Result(Verdict.INSUFFICIENT_DATA, deltaPct, mean, null, null, recent.size(),
                    !current.hasCi() ? "the current run has no confidence interval (n = " + current.n() + " < 2)"
                            : "no previous run has a confidence interval (n < 2)");
        }
        double low = median(withCi.stream().mapToDouble(Measurement::ci95LowMs).toArray());
        double high = median(withCi.stream().mapToDouble(Measurement::ci95HighMs).toArray());
        String ci = "current 95% CI [" + Checks.fmt(current.ci95LowMs()) + ", " + Checks.fmt(current.ci95HighMs())
                + "] ms vs baseline [" + Checks.fmt(low) + ", " + Checks.fmt(high) + "] ms";
        String change = "mean " + (delta >= 0 ? "+" : "") + Checks.fmt(delta * 100) + "% (minimum " + Checks.fmt(minChange * 100) + "%)";
        Verdict verdict;
        String reason;
        if (current.ci95LowMs() > high && delta >= minChange) {
            verdict = Verdict.REGRESSION;
            reason = "slower: " + ci + " do not overlap, " + change;
        } else if (current.ci95HighMs() < low && -delta >= minChange) {
            verdict = Verdict.IMPROVEMENT;
            reason = "faster: " + ci + " do not overlap, " + change;
        } else if (current.ci95LowMs() > high || current.ci95HighMs() < low) {
            verdict = Verdict.NO_CHANGE;
            reason = "significant but small: " + ci + " do not overlap, " + change + " below the minimum";
        } else {
            verdict = Verdict.NO_CHANGE;
            reason = "within noise: " + ci + " overlap, " + change;
        }
        return new Result(verdict, deltaPct, mean, low, high, recent.size(), reason);
    }

    /** Median; for an even count the mean of the two middle values. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
