package org.sttbench.load;

import java.util.List;

/**
 * A closed-model sweep: at each level exactly {@code concurrency} requests are in flight until the level's
 * requests are done.
 *
 * @param concurrency      levels, run in this order
 * @param requestsPerLevel measured requests per level, in total over all its slots (raised to the level's
 *                         concurrency when smaller, so every slot sends at least once)
 * @param warmupPerLevel   requests sent at the level's concurrency before measuring, not counted
 * @param slaP95Ms         when set, the optimum is the highest-rps level whose p95 stays within it
 * @param maxErrorRate     the sweep stops after a level whose error rate exceeds this (0.05)
 * @param slo              the per-request bound that makes a success good (goodput)
 * @param log              raw per-request and per-level output
 */
public record ClosedLoadConfig(LoadSpec spec, List<Integer> concurrency, int requestsPerLevel, int warmupPerLevel,
                               Double slaP95Ms, double maxErrorRate, Slo slo, RequestLog log) {
    public static final List<Integer> DEFAULT_LEVELS = List.of(1, 2, 4, 8, 16, 32, 64);
    public static final int DEFAULT_REQUESTS = 20;
    public static final int DEFAULT_WARMUP = 2;
    public static final double DEFAULT_MAX_ERROR_RATE = 0.05;

    public ClosedLoadConfig {
        concurrency = List.copyOf(concurrency == null || concurrency.isEmpty() ? DEFAULT_LEVELS : concurrency);
        if (concurrency.stream().anyMatch(c -> c == null || c < 1 || c > 10_000)) {
            throw new IllegalArgumentException("concurrency levels must be 1..10000: " + concurrency);
        }
        if (requestsPerLevel < 1 || warmupPerLevel < 0) {
            throw new IllegalArgumentException("requests must be >= 1 and warm-up >= 0");
        }
        slo = slo == null ? Slo.NONE : slo;
        log = log == null ? RequestLog.NONE : log;
    }

    public ClosedLoadConfig(LoadSpec spec, List<Integer> concurrency, int requestsPerLevel, int warmupPerLevel,
                            Double slaP95Ms, double maxErrorRate) {
        this(spec, concurrency, requestsPerLevel, warmupPerLevel, slaP95Ms, maxErrorRate, Slo.NONE, RequestLog.NONE);
    }

    public static ClosedLoadConfig of(LoadSpec spec, List<Integer> concurrency, int requestsPerLevel) {
        return new ClosedLoadConfig(spec, concurrency, requestsPerLevel, DEFAULT_WARMUP, null,
                DEFAULT_MAX_ERROR_RATE);
    }

    public int requestsAt(int level) {
        return Math.max(requestsPerLevel, level);
    }
}
