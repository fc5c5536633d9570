package org.sttbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.sttbench.analysis.CostTable;
import org.sttbench.analysis.CpuScalingAnalysis;
import org.sttbench.analysis.DecisionMatrix;
import org.sttbench.analysis.MeasuredSizing;
import org.sttbench.analysis.Numbers;
import org.sttbench.analysis.Sizing;
import org.sttbench.analysis.SizingInput;
import org.sttbench.analysis.SizingPlan;
import org.sttbench.analysis.ThreadTuning;
import org.sttbench.analysis.TrafficLevel;
import org.sttbench.bench.Measurement;
import org.sttbench.bench.Suite;
import org.sttbench.bench.UnitResult;
import org.sttbench.plan.Plan;

/**
 * Turns one run's measurements into a {@link ScalingStrategy}. The choices, in order:
 * <ol>
 *   <li>Pod CPUs: the CPU scaling analysis' recommended count, else the latency suite's CPU limit, else the
 *       worker's effective limit.</li>
 *   <li>Service time: the CPU scaling measurement at that count, else the latency suite's.</li>
 *   <li>Threads: the thread suite's best count when it ran at that limit, else ceil(CPUs).</li>
 *   <li>Memory: the largest peak RSS of the model divided by the memory target (0.7), rounded up to 64 MiB.</li>
 *   <li>One request at a time per pod (one slot): whisper.cpp already spreads a request over the pod's cores.</li>
 * </ol>
 * The decision matrix gets the single-request p95, the SLA, the efficiency at the next measured count, memory
 * use against the worker's memory limit, and the load test's capacity and p95 when there is one. Sizing needs
 * the plan's {@code sla.target_rps} and {@code sla.p95_latency_ms}.
 */
public final class StrategyAnalyzer {
    private static final double MEMORY_STEP_MB = 64;

    private StrategyAnalyzer() {
    }

    /** Empty when the run has no single-request latency to plan from. */
    public static Optional<ScalingStrategy> analyze(RunData data, ReportOptions options) {
        Map<String, CpuScalingAnalysis.Result> scaling = data.cpuScaling();
        String model = scaling.keySet().stream().findFirst().orElse(null);
        if (model == null) {
            model = data.okUnits(Suite.LATENCY).stream().filter(u -> !u.measurements().isEmpty())
                    .map(u -> u.unit().model().name()).findFirst().orElse(null);
        }
        if (model == null) {
            return Optional.empty();
        }
        List<String> notes = new ArrayList<>();
        CpuScalingAnalysis.Result cpu = scaling.get(model);

        // --- the pod ---
        double cpus;
        String cpusSource;
        Measurement service;
        String serviceSource;
        if (cpu != null) {
            cpus = cpu.recommendedCpusPerPod();
            cpusSource = "CPU scaling: " + cpu.answer() + " recommends " + fmt(cpus) + " CPUs per pod (" + cpu.rule() + ")";
            service = measurementAt(data.okUnits(Suite.CPU_SCALING, model), cpus).orElse(null);
            serviceSource = "cpu_scaling suite at " + fmt(cpus) + " CPUs";
        } else {
            UnitResult unit = data.okUnits(Suite.LATENCY, model).stream().filter(u -> !u.measurements().isEmpty())
                    .findFirst().orElseThrow();
            cpus = unit.unit().cpuLimit() != null ? unit.unit().cpuLimit()
                    : unit.environment() != null ? unit.environment().cpuLimit() : 1;
            cpusSource = "no CPU scaling suite: the latency suite's CPU limit (" + fmt(cpus) + ")";
            service = null;
            serviceSource = null;
        }
        if (service == null) {
            UnitResult unit = data.okUnits(Suite.LATENCY, model).stream().filter(u -> !u.measurements().isEmpty())
                    .findFirst().orElse(null);
            if (unit == null) {
                return Optional.empty();
            }
            service = unit.measurements().get(0);
            serviceSource = "latency suite (" + unit.unit().unitId() + ")";
            double measuredAt = unit.unit().cpuLimit() != null ? unit.unit().cpuLimit()
                    : unit.environment() != null ? unit.environment().cpuLimit() : cpus;
            if (measuredAt != cpus) {
                notes.add("the service time comes from " + fmt(measuredAt) + " CPUs, not the recommended " + fmt(cpus));
            }
        }
        ThreadTuning.Result tuning = data.threads().get(model);
        int threads;
        String threadsSource;
        if (tuning != null && tuning.cpuLimit() == cpus) {
            threads = tuning.recommendedThreads();
            threadsSource = "thread suite: fastest count at " + fmt(cpus) + " CPUs";
        } else {
            threads = ThreadTuning.ruleThreads(cpus);
            threadsSource = "rule: threads = CPU limit rounded up";
        }
        Double peakRss = peakRss(data, model);
        double memoryMb;
        String memorySource;
        if (peakRss != null) {
            memoryMb = roundUpMemory(peakRss / options.memoryTarget());
            memorySource = "peak RSS " + fmt(peakRss) + " MB / " + fmt(options.memoryTarget())
                    + " (memory target), rounded up to " + fmt(MEMORY_STEP_MB) + " MiB";
        } else {
            memoryMb = 1024;
            memorySource = "no peak RSS measured: 1024 MiB assumed";
            notes.add(memorySource);
        }
        double p95 = service.latency() != null ? service.latency().p95Ms() : service.avgLatencyMs();
        ScalingStrategy.Pod pod = new ScalingStrategy.Pod(cpus, cpusSource, threads, threadsSource, memoryMb,
                memorySource, peakRss, service.avgLatencyMs(), p95, serviceSource, service.rtf(),
                1000 / service.avgLatencyMs(), 1);

        // --- scale up or out ---
        Plan.Sla sla = data.run().plan() == null ? null : data.run().plan().sla();
        Double slaP95 = sla == null ? null : sla.p95LatencyMs();
        Double target = sla == null ? null : sla.targetRps();
        Optional<JsonNode> load = data.load();
        Double capacity = load.map(l -> number(l, "max_rps")).orElse(pod.rpsPerPod());
        Double loadedP95 = load.flatMap(StrategyAnalyzer::optimalLevel).map(l -> number(l, "p95_ms")).orElse(null);
        Double efficiencyNext = cpu == null ? null : cpu.points().stream().filter(p -> p.cpus() > cpus)
                .findFirst().map(CpuScalingAnalysis.ScalingPoint::efficiency).orElse(null);
        if (cpu != null && efficiencyNext == null && cpu.points().size() > 1) {
            notes.add("no CPU count above " + fmt(cpus) + " was measured: whether scaling up further pays is unknown");
        }
        Double memoryUse = memoryUtilization(data, model, peakRss);
        DecisionMatrix.Input input = null;
        DecisionMatrix.Decision decision = null;
        if (slaP95 != null) {
            input = new DecisionMatrix.Input(p95, slaP95, efficiencyNext, null, memoryUse, capacity, target, loadedP95);
            decision = new DecisionMatrix(options.thresholds()).decide(input);
        } else {
            notes.add("the plan has no sla.p95_latency_ms: no scale up / out decision");
        }

        // --- sizing ---
        SizingPlan sizing = null;
        List<ScalingStrategy.Shape> shapes = new ArrayList<>();
        List<SizingInput> shapeInputs = new ArrayList<>();
        List<CostTable.OptionCost> costs = new ArrayList<>();
        CostTable costTable = new CostTable(options.prices());
        if (slaP95 != null && target != null) {
            sizing = Sizing.plan(new SizingInput(target, slaP95, pod.serviceMs(), pod.serviceP95Ms(), cpus, 1,
                    memoryMb, options.utilizationTarget()));
        } else if (slaP95 != null || target != null) {
            notes.add("sizing needs both sla.target_rps and sla.p95_latency_ms in the plan");
        }
        if (cpu != null) {
            for (CpuScalingAnalysis.ScalingPoint point : cpu.points()) {
                Optional<Measurement> m = measurementAt(data.okUnits(Suite.CPU_SCALING, model), point.cpus());
                double shapeP95 = m.map(x -> x.latency() != null ? x.latency().p95Ms() : x.avgLatencyMs())
                        .orElse(point.latencyMs());
                Double shapeRss = peakRssAt(data, model, point.cpus());
                double shapeMemory = shapeRss == null ? memoryMb : roundUpMemory(shapeRss / options.memoryTarget());
                boolean recommended = point.cpus() == cpus;
                if (sizing != null) {
                    SizingInput in = new SizingInput(target, slaP95, point.latencyMs(), shapeP95, point.cpus(), 1,
                            shapeMemory, options.utilizationTarget());
                    shapeInputs.add(in);
                    SizingPlan plan = Sizing.plan(in);
                    CostTable.OptionCost cost = costTable.cost(new CostTable.Option(plan.pods() + " x " + fmt(point.cpus())
                            + " CPU", plan.pods(), point.cpus(), shapeMemory / 1024));
                    costs.add(cost);
                    shapes.add(new ScalingStrategy.Shape(point.cpus(), point.latencyMs(), shapeP95, point.efficiency(),
                            shapeMemory, plan.pods(), plan.totalCpus(), plan.predictedP95Ms(), plan.slaMet(),
                            cost.monthlyCost(), recommended));
                } else {
                    shapes.add(new ScalingStrategy.Shape(point.cpus(), point.latencyMs(), shapeP95, point.efficiency(),
                            shapeMemory, null, null, null, null, null, recommended));
                }
            }
        } else if (sizing != null) {
            shapeInputs.add(new SizingInput(target, slaP95, pod.serviceMs(), pod.serviceP95Ms(), cpus, 1, memoryMb,
                    options.utilizationTarget()));
            costs.add(costTable.cost(new CostTable.Option(sizing.pods() + " x " + fmt(cpus) + " CPU", sizing.pods(),
                    cpus, memoryMb / 1024)));
        }

        // --- traffic levels and replicas ---
        List<TrafficLevel> levels = List.of();
        List<Sizing.TrafficRecommendation> traffic = List.of();
        ScalingStrategy.Replicas replicas = null;
        if (sizing != null) {
            levels = options.trafficLevels().isEmpty() ? List.of(new TrafficLevel("low", target * 0.25),
                    new TrafficLevel("medium", target * 0.5), new TrafficLevel("target", target),
                    new TrafficLevel("peak", target * 2)) : options.trafficLevels();
            traffic = Sizing.recommendByTraffic(levels, shapeInputs, options.prices());
            SizingInput podInput = new SizingInput(target, slaP95, pod.serviceMs(), pod.serviceP95Ms(), cpus, 1,
                    memoryMb, options.utilizationTarget());
            TrafficLevel lowest = levels.stream().min(Comparator.comparingDouble(TrafficLevel::rps)).orElseThrow();
            TrafficLevel highest = levels.stream().max(Comparator.comparingDouble(TrafficLevel::rps)).orElseThrow();
            int atLowest = Sizing.plan(podInput.withTargetRps(lowest.rps())).pods();
            int atHighest = Math.max(sizing.pods(), Sizing.plan(podInput.withTargetRps(highest.rps())).pods());
            int min = Math.max(options.minReplicasFloor(), atLowest);
            int max = Math.max(min, atHighest);
            replicas = new ScalingStrategy.Replicas(min, max, "min = max(" + options.minReplicasFloor()
                    + " for availability, " + atLowest + " pods for the " + lowest.name() + " level of " + fmt(lowest.rps())
                    + " rps); max = " + atHighest + " pods for the " + highest.name() + " level of " + fmt(highest.rps())
                    + " rps (at least the " + sizing.pods() + " the target needs)");
        }
        Double per1000 = service.rtf() > 0 ? costTable.per1000AudioMinutes(cpus, memoryMb / 1024, service.rtf(), 1,
                options.utilizationTarget()) : null;
        return Optional.of(new ScalingStrategy(model, pod, options.thresholds(), input, decision, sizing,
                List.copyOf(shapes), levels, traffic, options.prices(), List.copyOf(costs), per1000, replicas,
                options.utilizationTarget(), List.copyOf(notes)));
    }

    // ---- sizing from a measured capacity ----

    /**
     * Pods from the capacity search's sustainable rate next to this strategy's queueing-model plan (its service
     * time, slots and CPUs), when the run has both a capacity result and the plan's target rate and SLA.
     */
    public static Optional<MeasuredSizing> measuredSizing(RunData data, ScalingStrategy strategy, ReportOptions options) {
        JsonNode analysis = data.run().analysis();
        JsonNode sustainable = analysis == null ? null : analysis.path("capacity").get("sustainable_rps");
        Plan.Sla sla = data.run().plan() == null ? null : data.run().plan().sla();
        if (strategy == null || sustainable == null || !sustainable.isNumber() || sustainable.asDouble() <= 0
                || sla == null || sla.targetRps() == null || sla.p95LatencyMs() == null) {
            return Optional.empty();
        }
        ScalingStrategy.Pod pod = strategy.pod();
        return Optional.of(MeasuredSizing.of(sla.targetRps(), sla.p95LatencyMs(), options.utilizationTarget(),
                sustainable.asDouble(), new SizingInput(sla.targetRps(), sla.p95LatencyMs(), pod.serviceMs(),
                        pod.serviceP95Ms(), pod.cpus(), pod.slots(), pod.memoryMb(), options.utilizationTarget())));
    }

    /** The level at the load test's optimal concurrency, else the one with the highest rps. */
    static Optional<JsonNode> optimalLevel(JsonNode load) {
        JsonNode best = null;
        for (JsonNode level : load.path("levels")) {
            if (load.has("optimal_concurrency") && level.path("concurrency").asInt() == load.path("optimal_concurrency").asInt()) {
                return Optional.of(level);
            }
            if (best == null || level.path("rps").asDouble() > best.path("rps").asDouble()) {
                best = level;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Double number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.asDouble() : null;
    }

    private static Optional<Measurement> measurementAt(List<UnitResult> units, double cpus) {
        return units.stream().filter(u -> u.unit().cpuLimit() != null && u.unit().cpuLimit() == cpus)
                .flatMap(u -> u.measurements().stream()).findFirst();
    }

    private static Double peakRss(RunData data, String model) {
        return data.run().units().stream().filter(UnitResult::ok).filter(u -> model.equals(u.unit().model().name()))
                .map(StrategyAnalyzer::unitPeak).filter(Objects::nonNull).max(Double::compare).orElse(null);
    }

    private static Double peakRssAt(RunData data, String model, double cpus) {
        return data.okUnits(Suite.CPU_SCALING, model).stream()
                .filter(u -> u.unit().cpuLimit() != null && u.unit().cpuLimit() == cpus)
                .map(StrategyAnalyzer::unitPeak).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static Double unitPeak(UnitResult u) {
        Double peak = u.peakRssMb();
        for (Measurement m : u.measurements()) {
            if (m.peakRssMb() != null && (peak == null || m.peakRssMb() > peak)) {
                peak = m.peakRssMb();
            }
        }
        return peak;
    }

    /** Peak RSS over the worker's memory limit, when a worker ran with one. */
    private static Double memoryUtilization(RunData data, String model, Double peakRss) {
        if (peakRss == null) {
            return null;
        }
        return data.run().units().stream().filter(UnitResult::ok).filter(u -> model.equals(u.unit().model().name()))
                .map(UnitResult::environment).filter(e -> e != null && e.memoryLimitBytes() != null)
                .map(e -> peakRss / (e.memoryLimitBytes() / 1048576.0)).findFirst().orElse(null);
    }

    static double roundUpMemory(double mb) {
        return Math.ceil(mb / MEMORY_STEP_MB - 1e-9) * MEMORY_STEP_MB;
    }

    static String fmt(double v) {
        return Numbers.plain(v, 2);
    }
}
