package org.sttbench.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Picks the engine thread count for a CPU limit from measured latencies, and flags counts where the
 * container is being throttled (more runnable threads than the quota lets run).
 *
 * <p>A point is flagged {@code throttling} when its latency is more than twice the best latency, or its
 * cgroup throttled ratio exceeds 0.5 (more than half of the CFS periods hit the quota). The recommended
 * count is the one with the lowest latency; on an exact tie the smaller count wins (fewer threads, less
 * contention, same speed). The general rule, for limits that were not measured, is threads = ceil(limit), min 1.
 */
public final class ThreadTuning {
    public static final double SLOWDOWN_FACTOR = 2.0;
    public static final double THROTTLED_RATIO = 0.5;

    /**
     * @param relativeToBest latency / best latency (1.0 for the best)
     * @param reason         why it is flagged; null when it is not
     */
    public record ThreadResult(int threads, double latencyMs, double relativeToBest, Double throttledRatio,
                               boolean throttling, String reason) {
    }

    /**
     * @param recommendedThreads the measured count with the best latency
     * @param ruleThreads        ceil(cpu limit), min 1: the count the general rule gives
     * @param rule               the general rule as text
     * @param note               set when the measured best differs from the rule
     */
    public record Result(double cpuLimit, List<ThreadResult> points, int recommendedThreads, int ruleThreads,
                         String rule, String note) {
    }

    private ThreadTuning() {
    }

    /** threads = CPU limit rounded up, at least 1. */
    public static int ruleThreads(double cpuLimit) {
        Checks.positive(cpuLimit, "cpu limit");
        return Math.max(1, (int) Math.ceil(cpuLimit - 1e-9));
    }

    /**
     * @throws IllegalArgumentException with no points, a duplicated or non-positive thread count, NaN latency
     *                                  or a throttled ratio outside [0, 1]
     */
    public static Result analyze(double cpuLimit, List<ThreadPoint> input) {
        Checks.positive(cpuLimit, "cpu limit");
        Checks.notEmpty(input, "thread points");
        List<ThreadPoint> sorted = new ArrayList<>(input);
        for (ThreadPoint p : sorted) {
            if (p == null) {
                throw new IllegalArgumentException("thread point is null");
            }
            if (p.threads() < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + p.threads());
            }
            Checks.positive(p.latencyMs(), "latency_ms at " + p.threads() + " threads");
            if (p.throttledRatio() != null) {
                Checks.fraction(p.throttledRatio(), "throttled_ratio at " + p.threads() + " threads");
            }
        }
        sorted.sort(Comparator.comparingInt(ThreadPoint::threads));
        ThreadPoint best = sorted.get(0);
        for (int i = 1; i < sorted.size(); i++) {
            ThreadPoint p = sorted.get(i);
            if (p.threads() == sorted.get(i - 1).threads()) {
                throw new IllegalArgumentException(p.threads() + " threads is measured twice: give one latency per count");
            }
            if (p.latencyMs() < best.latencyMs()) {
                best = p;
            }
        }
        List<ThreadResult> results = new ArrayList<>();
        for (ThreadPoint p : sorted) {
            double relative = p.latencyMs() / best.latencyMs();
            List<String> why = new ArrayList<>();
            if (relative > SLOWDOWN_FACTOR) {
                why.add("latency is " + Checks.fmt(relative) + "x the best (> " + Checks.fmt(SLOWDOWN_FACTOR) + "x)");
            }
            if (p.throttledRatio() != null && p.throttledRatio() > THROTTLED_RATIO) {
                why.add("throttled in " + Checks.fmt(p.throttledRatio() * 100) + "% of CFS periods (> "
                        + Checks.fmt(THROTTLED_RATIO * 100) + "%)");
            }
            results.add(new ThreadResult(p.threads(), p.latencyMs(), relative, p.throttledRatio(), !why.isEmpty(),
                    why.isEmpty() ? null : String.join("; ", why)));
        }
        int rule = ruleThreads(cpuLimit);
        String note = best.threads() == rule ? null
                : "measured best is " + best.threads() + " threads while the rule gives " + rule
                + " for a limit of " + Checks.fmt(cpuLimit) + " CPUs: prefer the measurement for this limit";
        return new Result(cpuLimit, List.copyOf(results), best.threads(), rule,
                "threads = CPU limit rounded up, at least 1 (more runnable threads than the quota allows get throttled)",
                note);
    }
}
