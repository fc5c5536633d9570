package org.sttbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.sttbench.Json;
import org.sttbench.analysis.CpuPoint;
import org.sttbench.analysis.CpuScalingAnalysis;
import org.sttbench.analysis.InstanceScale;
import org.sttbench.analysis.LinearFit;
import org.sttbench.analysis.ThreadPoint;
import org.sttbench.analysis.ThreadTuning;
import org.sttbench.bench.Measurement;
import org.sttbench.bench.Suite;
import org.sttbench.bench.UnitResult;
import org.sttbench.plan.Plan;

/**
 * Derives the figures reports need from a run's raw unit results: the processing-time fit of the audio
 * suite, speedup and efficiency of CPU scaling, thread tuning, whether each CPU limit held, and the SLA
 * checks. Everything here can be recomputed from the units, so old results can be re-analysed.
 */
public final class RunAnalyzer {
    /** A limit "held" when the worker's CPU time over wall time stayed within this share of it. */
    public static final double LIMIT_TOLERANCE = 0.15;

    private RunAnalyzer() {
    }

    public static JsonNode analyze(RunResult run) {
        return analyze(run, InstanceScale.NONE);
    }

    /**
     * As {@link #analyze(RunResult)}, with the CPU scaling and threads curves on one instance type's scale:
     * each point's latency divided by its instance type's normalization ratio (see {@link InstanceScale}).
     * The unit results themselves stay as measured; {@code analysis.normalization} says what was applied.
     *
     * @throws IllegalArgumentException when a point of those curves ran on a type the scale has no ratio for
     */
    public static JsonNode analyze(RunResult run, InstanceScale scale) {
        ObjectNode root = Json.json().createObjectNode();
        Map<String, List<UnitResult>> byModel = new LinkedHashMap<>();
        for (UnitResult unit : run.units()) {
            if (unit.ok()) {
                byModel.computeIfAbsent(unit.unit().model().name(), k -> new ArrayList<>()).add(unit);
            }
        }
        ObjectNode audioFit = root.putObject("audio_fit");
        ObjectNode scaling = root.putObject("cpu_scaling");
        ObjectNode threads = root.putObject("threads");
        byModel.forEach((model, units) -> {
            audioFit(units).ifPresent(fit -> audioFit.set(model, Json.json().valueToTree(fit)));
            cpuScaling(units, scale).ifPresent(result -> scaling.set(model, Json.json().valueToTree(result)));
            threadTuning(units, scale).ifPresent(result -> threads.set(model, Json.json().valueToTree(result)));
        });
        root.set("limit_checks", Json.json().valueToTree(limitChecks(run)));
        root.set("sla", Json.json().valueToTree(slaChecks(run)));
        if (scale.applied()) {
            ObjectNode normalization = root.putObject("normalization");
            normalization.set("ratios", Json.json().valueToTree(new TreeMap<>(scale.ratios())));
            normalization.put("note", "CPU scaling and threads latencies divided by their instance type's normalization"
                    + " ratio (" + ratioText(scale) + "), so speedup, efficiency and thread tuning compare CPU counts on one"
                    + " scale; the unit tables' measurements stay as measured");
        }
        return root;
    }

    private static Optional<LinearFit> audioFit(List<UnitResult> units) {
        List<Measurement> audio = measurements(units, Suite.AUDIO);
        if (audio.size() < 2) {
            return Optional.empty();
        }
        double[] x = audio.stream().mapToDouble(m -> m.audio().durationS()).toArray();
        double[] y = audio.stream().mapToDouble(Measurement::avgLatencyMs).toArray();
        return Optional.of(LinearFit.of(x, y));
    }

    private static String ratioText(InstanceScale scale) {
        return String.join(", ", new TreeMap<>(scale.ratios()).entrySet().stream()
                .map(e -> e.getKey() + " = " + e.getValue()).toList());
    }

    private static String instanceType(UnitResult unit) {
        return unit.placement() == null ? null : unit.placement().instanceType();
    }

    private static Optional<CpuScalingAnalysis.Result> cpuScaling(List<UnitResult> units, InstanceScale scale) {
        List<CpuPoint> points = new ArrayList<>();
        for (UnitResult unit : units) {
            if (unit.unit().suite() != Suite.CPU_SCALING || unit.measurements().isEmpty()) {
                continue;
            }
            double latency = unit.measurements().stream().mapToDouble(Measurement::avgLatencyMs).average().orElseThrow();
            double rps = unit.measurements().stream().mapToDouble(Measurement::rps).average().orElseThrow();
            if (scale.applied()) {
                latency = scale.latencyMs(instanceType(unit), latency);
                rps = scale.rps(instanceType(unit), rps);
            }
            points.add(new CpuPoint(unit.unit().cpuLimit(), latency, rps,
                    unit.usage() == null ? null : unit.usage().cpuPerWall()));
        }
        return points.isEmpty() ? Optional.empty() : Optional.of(CpuScalingAnalysis.analyze(points));
    }

    private static Optional<ThreadTuning.Result> threadTuning(List<UnitResult> units, InstanceScale scale) {
        List<ThreadPoint> points = new ArrayList<>();
        Double cpus = null;
        for (UnitResult unit : units) {
            if (unit.unit().suite() != Suite.THREADS || unit.measurements().isEmpty()) {
                continue;
            }
            cpus = unit.unit().cpuLimit();
            double latency = unit.measurements().stream().mapToDouble(Measurement::avgLatencyMs).average().orElseThrow();
            if (scale.applied()) {
                latency = scale.latencyMs(instanceType(unit), latency);
            }
            points.add(new ThreadPoint(unit.threads(), latency, unit.usage() == null ? null : unit.usage().throttledRatio()));
        }
        return points.isEmpty() ? Optional.empty()
                : Optional.of(ThreadTuning.analyze(cpus == null ? 1.0 : cpus, points));
    }

    /**
     * @param cpuPerWall measured CPU time over wall time of the measured stretch
     * @param ratio      cpuPerWall / limit; a busy worker sits near 1, above 1 + tolerance means the limit leaked
     * @param held       the limit was not exceeded beyond the tolerance
     */
    public record LimitCheck(String unitId, double cpuLimit, int threads, double cpuPerWall, double ratio,
                             Double throttledRatio, boolean held) {
    }

    static List<LimitCheck> limitChecks(RunResult run) {
        List<LimitCheck> checks = new ArrayList<>();
        for (UnitResult unit : run.units()) {
            if (!unit.ok() || unit.usage() == null || unit.unit().cpuLimit() == null) {
                continue;
            }
            double limit = unit.unit().cpuLimit();
            double ratio = unit.usage().cpuPerWall() / limit;
            checks.add(new LimitCheck(unit.unit().unitId(), limit, unit.threads(), unit.usage().cpuPerWall(), ratio,
                    unit.usage().throttledRatio(), ratio <= 1 + LIMIT_TOLERANCE));
        }
        return checks;
    }

    /** One SLA threshold checked against the worst measured value. */
    public record SlaCheck(String name, double threshold, double measured, boolean passed) {
    }

    public record SlaResult(List<SlaCheck> checks, boolean passed) {
    }

    public static SlaResult slaChecks(RunResult run) {
        Plan.Sla sla = run.plan() == null ? null : run.plan().sla();
        List<SlaCheck> checks = new ArrayList<>();
        // cpu_scaling and threads explore configurations on purpose (one core, too many threads);
        // the service levels judge the configuration the plan deploys: the latency and audio suites
        List<Measurement> all = run.units().stream().filter(UnitResult::ok)
                .filter(u -> u.unit().suite() == Suite.LATENCY || u.unit().suite() == Suite.AUDIO)
                .flatMap(u -> u.measurements().stream()).toList();
        if (sla != null && !all.isEmpty()) {
            if (sla.maxRtf() != null) {
                double worst = all.stream().mapToDouble(Measurement::rtf).max().orElseThrow();
                checks.add(new SlaCheck("max_rtf", sla.maxRtf(), worst, worst <= sla.maxRtf()));
            }
            if (sla.p95LatencyMs() != null) {
                List<Measurement> latency = all.stream().filter(m -> m.suite() == Suite.LATENCY).toList();
                if (!latency.isEmpty()) {
                    double worst = latency.stream().mapToDouble(m -> m.latency().p95Ms()).max().orElseThrow();
                    checks.add(new SlaCheck("p95_latency_ms", sla.p95LatencyMs(), worst, worst <= sla.p95LatencyMs()));
                }
            }
        }
        JsonNode load = run.analysis() == null ? null : run.analysis().get(Attachments.LOAD);
        if (sla != null && load != null && load.path("levels").isArray() && !load.path("levels").isEmpty()) {
            JsonNode at = optimalLevel(load);
            if (sla.p95LatencyMs() != null) {
                double p95 = at.path("p95_ms").asDouble();
                checks.add(new SlaCheck("load_p95_latency_ms", sla.p95LatencyMs(), p95, p95 <= sla.p95LatencyMs()));
            }
            if (sla.maxErrorRate() != null) {
                double errors = 1 - at.path("success_rate").asDouble();
                checks.add(new SlaCheck("load_error_rate", sla.maxErrorRate(), errors, errors <= sla.maxErrorRate()));
            }
        }
        if (sla != null && load != null && "open".equals(load.path("mode").asText())) {
            checks.addAll(openLoadChecks(load, sla));
        }
        checks.addAll(capacityChecks(run, sla));
        return new SlaResult(checks, checks.stream().allMatch(SlaCheck::passed));
    }

    /**
     * The capacity search when no rate held the SLA (its lowest rate's p95 against it), and the verified
     * fleet's p95 and error rate: a sizing that did not hold on the fleet misses the service level.
     */
    private static List<SlaCheck> capacityChecks(RunResult run, Plan.Sla sla) {
        List<SlaCheck> checks = new ArrayList<>();
        JsonNode analysis = run.analysis();
        if (sla == null || sla.p95LatencyMs() == null || analysis == null) {
            return checks;
        }
        JsonNode capacity = analysis.get(Attachments.CAPACITY);
        if (capacity != null && "none_met".equals(capacity.path("outcome").asText())) {
            double lowest = Double.MAX_VALUE;
            double p95 = 0;
            for (JsonNode step : capacity.path("steps")) {
                JsonNode m = step.path("measurement");
                if (m.path("rate").asDouble() < lowest) {
                    lowest = m.path("rate").asDouble();
                    p95 = m.path("p95_ms").asDouble();
                }
            }
            checks.add(new SlaCheck("capacity_p95_latency_ms", sla.p95LatencyMs(), p95, false));
        }
        JsonNode measured = analysis.path(Attachments.VERIFY).get("measured");
        if (measured != null) {
            double p95 = measured.path("p95_ms").asDouble();
            checks.add(new SlaCheck("verify_p95_latency_ms", sla.p95LatencyMs(), p95, p95 <= sla.p95LatencyMs()));
            if (sla.maxErrorRate() != null) {
                double errors = measured.path("error_rate").asDouble();
                checks.add(new SlaCheck("verify_error_rate", sla.maxErrorRate(), errors, errors <= sla.maxErrorRate()));
            }
        }
        return checks;
    }

    /**
     * An open-model run is judged at the rate the plan must carry: the first stage at or above the SLA's
     * target rate, else (no target, or none that high) the highest stage. Its p95 counts from each
     * request's intended send time, and its error rate counts every arrival not answered with a success,
     * arrivals the generator dropped at its in-flight limit included: a user sent them all.
     */
    static List<SlaCheck> openLoadChecks(JsonNode load, Plan.Sla sla) {
        JsonNode judged = judgedStage(load.path("open").path("stages"), sla.targetRps());
        List<SlaCheck> checks = new ArrayList<>();
        if (judged == null) {
            return checks;
        }
        if (sla.p95LatencyMs() != null) {
            double p95 = judged.path("latency").path("p95_ms").asDouble();
            checks.add(new SlaCheck("load_p95_latency_ms", sla.p95LatencyMs(), p95, p95 <= sla.p95LatencyMs()));
        }
        if (sla.maxErrorRate() != null) {
            double errors = unansweredShare(judged);
            checks.add(new SlaCheck("load_error_rate", sla.maxErrorRate(), errors, errors <= sla.maxErrorRate()));
        }
        return checks;
    }

    /**
     * The share of an open-model stage's arrivals not answered with a success: errors, unfinished and
     * dropped arrivals alike (a user sent them all); 1 for a stage with no arrivals.
     */
    public static double unansweredShare(JsonNode stage) {
        long scheduled = stage.path("scheduled").asLong();
        return scheduled == 0 ? 1 : 1 - (double) stage.path("successes").asLong() / scheduled;
    }

    /** See {@link #openLoadChecks}; null when the run has no stages. */
    public static JsonNode judgedStage(JsonNode stages, Double targetRps) {
        JsonNode highest = null;
        JsonNode atTarget = null;
        for (JsonNode stage : stages) {
            double rate = stage.path("rate").asDouble();
            if (highest == null || rate > highest.path("rate").asDouble()) {
                highest = stage;
            }
            if (targetRps != null && rate >= targetRps
                    && (atTarget == null || rate < atTarget.path("rate").asDouble())) {
                atTarget = stage;
            }
        }
        return atTarget != null ? atTarget : highest;
    }

    /** The level the service would run at: the optimal concurrency, else the first level. */
    private static JsonNode optimalLevel(JsonNode load) {
        int optimal = load.path("optimal_concurrency").asInt(-1);
        for (JsonNode level : load.path("levels")) {
            if (level.path("concurrency").asInt() == optimal) {
                return level;
            }
        }
        return load.path("levels").get(0);
    }

    public static boolean sloMissed(RunResult run) {
        return !slaChecks(run).passed();
    }

    private static List<Measurement> measurements(List<UnitResult> units, Suite suite) {
        return units.stream().filter(u -> u.unit().suite() == suite).flatMap(u -> u.measurements().stream()).toList();
    }
}
