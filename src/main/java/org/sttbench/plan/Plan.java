package org.sttbench.plan;

import java.util.List;
import java.util.Map;

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
        Sla sla,
        Service service,
        Traffic traffic) {

    /** A plan without a {@code traffic:} block: constant arrivals, the suites' own clip. */
    public Plan(String name, String description, List<String> model, List<String> audio, String language,
                String executor, Integer timeoutS, Parallel parallel, Suites suites, Sla sla, Service service) {
        this(name, description, model, audio, language, executor, timeoutS, parallel, suites, sla, service, null);
    }

    /** A plan without a {@code service:} block: the suites measure {@code sttbench serve} and its engine. */
    public Plan(String name, String description, List<String> model, List<String> audio, String language,
                String executor, Integer timeoutS, Parallel parallel, Suites suites, Sla sla) {
        this(name, description, model, audio, language, executor, timeoutS, parallel, suites, sla, null, null);
    }

    public record Suites(Latency latency, Audio audio, CpuScaling cpuScaling, Threads threads, Load load,
                         Workers workers, Capacity capacity, Verify verify) {
        /** Plans without the capacity suites. */
        public Suites(Latency latency, Audio audio, CpuScaling cpuScaling, Threads threads, Load load,
                      Workers workers) {
            this(latency, audio, cpuScaling, threads, load, workers, null, null);
        }
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

    /**
     * Closed model (a concurrency sweep) by default; with {@code rates}, open model: each rate a stage of
     * {@code durationS} seconds, arrivals drawn from the plan's {@link Traffic} arrival process.
     */
    public record Load(String target, List<Integer> concurrency, Integer requests, Integer warmup, String audio,
                       Integer timeoutMs, List<Double> rates, Double durationS) {
        public Load(String target, List<Integer> concurrency, Integer requests, Integer warmup, String audio,
                    Integer timeoutMs) {
            this(target, concurrency, requests, warmup, audio, timeoutMs, null, null);
        }
    }

    public record Workers(List<Integer> counts, Integer requestsPerWorker, Integer concurrency, Double cpus,
                          String audio) {
    }

    // ---- capacity under the SLA, and the sizing checked against a measured fleet ----

    /**
     * The highest arrival rate one pod sustains within {@code sla.p95_latency_ms}. Without a target the suite
     * starts one replica of {@code sttbench serve} with the plan's model at {@code cpus}, so the answer is a
     * per-pod capacity.
     */
    public record Capacity(String target, String audio, Double cpus, Integer budgetS, Double startRate,
                           Double maxRate, Double precision, Double windowS, Integer timeoutMs) {
    }

    /**
     * Starts the replica count the measured capacity predicts for {@code sla.target_rps}, drives that rate for
     * {@code durationS} and says whether the SLA held. {@code maxReplicas} caps what this machine is asked to
     * run; beyond it the fleet and the rate are scaled down together.
     */
    public record Verify(Integer durationS, Integer maxReplicas, Double cpus, String audio, Double utilization) {
    }

    /**
     * How requests of the load, capacity and verify suites arrive and what they upload. Absent fields keep
     * the behaviour of a plan without the block: constant arrivals, each suite's own clip, seed 42, no raw data.
     *
     * @param arrival              constant, poisson or gamma (open-model stages only)
     * @param burstiness           gamma's shape: 1 = Poisson, below 1 burstier, above 1 more regular
     * @param seed                 arrival schedules and clip choices are drawn from it
     * @param clips                a weighted traffic mix; each entry's glob may match several clips
     * @param sloMsPerAudioSecond  a request is good only when done within this many ms per second of its clip
     * @param rawData              per-request log and HdrHistogram log beside results.json
     */
    public record Traffic(String arrival, Double burstiness, Long seed, List<Clip> clips, Double sloMsPerAudioSecond,
                          Boolean rawData) {
    }

    /** One entry of a traffic mix: every clip the glob matches is sent with this relative weight. */
    public record Clip(String audio, Double weight) {
    }

    public record Sla(Double p95LatencyMs, Double targetRps, Double maxRtf, Double maxErrorRate) {
    }

    /**
     * The transcription service under test (docs/services.md). {@code image} serves the docker and
     * kubernetes executors, {@code command} the local one; args and env values take the placeholders
     * {cpus} {threads} {port} {model}.
     */
    public record Service(String name, String image, String command, List<String> args, Map<String, String> env,
                          Integer port, String modelDir, Health health, Integer startupTimeoutS, Api api,
                          Map<String, Object> decode) {
    }

    /** Ready when {@code path} answers {@code status} (200); absent: ready when a transcription succeeds. */
    public record Health(String path, Integer status) {
    }

    /** openai, whispercpp or custom; the custom fields override the dialect's defaults. */
    public record Api(String dialect, String path, String fileField, Map<String, String> fields,
                      Map<String, String> headers) {
    }

    public static final String DEFAULT_MODEL = "tiny";
    public static final String DEFAULT_EXECUTOR = "local";
    public static final int DEFAULT_TIMEOUT_S = 1800;
}
