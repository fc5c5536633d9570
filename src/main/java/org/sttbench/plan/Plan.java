package org.sttbench.plan;

import java.util.List;

/**
 * A run plan as validated against {@code schema/plan.schema.json}; lists are normalised (a single
 * model or glob becomes a one-element list) and defaults are applied by {@link PlanLoader}.
 */
public record Plan(
        String name,
        String description,
        List<String> model,
        List<String> audio,
        String language,
        String executor,
        Integer timeoutS,
        Parallel parallel,
        Suites suites,
        Sla sla) {

    public record Suites(Latency latency, Audio audio, CpuScaling cpuScaling, Threads threads, Load load,
                         Workers workers) {
    }

    /** threads: a count, or "auto"/absent for the CPU limit */
    public record Latency(Integer iterations, Integer warmup, String threads, String audio) {
    }

    public record Audio(Integer iterations, Integer warmup, String threads) {
    }

    public record CpuScaling(List<Double> cpus, Integer iterations, Integer warmup, String audio) {
    }

    public record Threads(Double cpus, List<Integer> threads, Integer iterations, Integer warmup, String audio) {
    }

    public record Load(String target, List<Integer> concurrency, Integer requests, Integer warmup, String audio,
                       Integer timeoutMs) {
    }

    public record Workers(List<Integer> counts, Integer requestsPerWorker, Integer concurrency, Double cpus,
                          String audio) {
    }

    public record Sla(Double p95LatencyMs, Double targetRps, Double maxRtf, Double maxErrorRate) {
    }

    public static final String DEFAULT_MODEL = "tiny";
    public static final String DEFAULT_EXECUTOR = "local";
    public static final int DEFAULT_TIMEOUT_S = 1800;
}
