package org.sttbench.report;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sttbench.plan.Plan;
import org.sttbench.workers.ServiceDefinition;

/**
 * The numbers the generated Kubernetes manifests carry, each with a one-line note on how it was derived
 * (templates write the note as a YAML comment next to the number).
 *
 * @param name            Deployment, HPA and rule group name
 * @param cpu             CPU request = limit as a Kubernetes quantity ("2", "2500m")
 * @param memory          memory request = limit ("640Mi")
 * @param replicas        initial replicas: the pods the target load needs, else the HPA minimum, else 1
 * @param cpuTargetPercent HPA average CPU utilization target
 * @param latencyP95Seconds alert threshold, the SLA's p95 (null without one)
 * @param maxRtf          alert threshold (null without one in the plan)
 * @param maxErrorRate    alert threshold: the SLA's max_error_rate, else {@link #DEFAULT_MAX_ERROR_RATE}
 * @param service         the plan's own service (image, args, env, port, probe path), null for sttbench serve
 */
public record K8sValues(String name, String image, String model, String cpu, String cpuNote, String memory,
                        String memoryNote, int threads, String threadsNote, int port, int replicas,
                        String replicasNote, Integer minReplicas, Integer maxReplicas, String hpaNote,
                        int cpuTargetPercent, String cpuTargetNote, Double latencyP95Seconds, String latencyNote,
                        Double maxRtf, double maxErrorRate, String errorRateNote, int cpuAlertPercent,
                        Map<String, Object> service) {

    public static final int PORT = 8000;
    public static final double DEFAULT_MAX_ERROR_RATE = 0.01;

    public static K8sValues of(ReportInput input) {
        ScalingStrategy s = input.strategy();
        if (s == null) {
            throw new IllegalArgumentException("no strategy: the run has no latency to size pods from");
        }
        ScalingStrategy.Pod pod = s.pod();
        Plan.Sla sla = input.run().plan() == null ? null : input.run().plan().sla();
        int cpuTarget = (int) Math.round(s.thresholds().cpuUtilization() * 100);
        Integer min = s.replicas() == null ? null : s.replicas().min();
        Integer max = s.replicas() == null ? null : s.replicas().max();
        int replicas = s.sizing() != null ? Math.max(s.sizing().pods(), min == null ? 1 : min) : min == null ? 1 : min;
        String replicasNote = s.sizing() != null ? s.sizing().pods() + " pods for " + StrategyAnalyzer.fmt(s.sizing().targetRps())
                + " rps within p95 " + StrategyAnalyzer.fmt(s.sizing().slaP95Ms()) + " ms (" + s.sizing().method() + ")"
                + (min != null && min > s.sizing().pods() ? ", raised to the HPA minimum " + min : "")
                : "no sla.target_rps in the plan: one pod";
        Double latency = sla == null || sla.p95LatencyMs() == null ? null : sla.p95LatencyMs() / 1000;
        boolean ownErrorRate = sla != null && sla.maxErrorRate() != null;
        return new K8sValues("stt-" + RunData.safe(s.model()), input.options().image(), s.model(), cpuQuantity(pod.cpus()),
                pod.cpusSource(), StrategyAnalyzer.fmt(pod.memoryMb()) + "Mi", pod.memorySource(), pod.threads(),
                pod.threadsSource(), PORT, replicas, replicasNote, min, max,
                s.replicas() == null ? null : s.replicas().derivation(), cpuTarget,
                "the decision matrix's CPU utilization threshold (" + cpuTarget + "%) = the sizing utilization target",
                latency, latency == null ? null : "sla.p95_latency_ms of plan " + input.run().planName(),
                sla == null ? null : sla.maxRtf(), ownErrorRate ? sla.maxErrorRate() : DEFAULT_MAX_ERROR_RATE,
                ownErrorRate ? "sla.max_error_rate of the plan" : "the plan has no sla.max_error_rate: default "
                        + DEFAULT_MAX_ERROR_RATE, Math.min(100, cpuTarget + 15),
                serviceValues(input, pod.cpus(), pod.threads(), s.model()));
    }

    /**
     * The plan's service as its container runs in the generated Deployment: its image, its arguments and
     * environment with the recommended thread count, the CPUs and the port filled in, the model where the
     * Deployment mounts it, and the health path for an httpGet readiness probe.
     */
    static Map<String, Object> serviceValues(ReportInput input, double cpus, int threads, String modelName) {
        Plan plan = input.run().plan();
        if (plan == null || plan.service() == null) {
            return null;
        }
        ServiceDefinition service = ServiceDefinition.of(plan.service());
        String modelFile = input.run().models().stream().filter(m -> m.name().equals(modelName)).findFirst()
                .map(m -> m.path() == null ? m.name() : m.path().getFileName().toString()).orElse(modelName);
        String modelPath = service.modelDir() + "/" + modelFile;
        ServiceDefinition.Resolved resolved = service.resolve(
                new ServiceDefinition.Instance(cpus, threads, service.port(), modelPath));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", service.name());
        values.put("image", service.image() == null ? service.name() : service.image());
        values.put("args", resolved.args());
        values.put("env", resolved.env().entrySet().stream()
                .map(e -> Map.of("name", e.getKey(), "value", e.getValue())).toList());
        values.put("port", service.port());
        values.put("model_dir", service.modelDir());
        values.put("model_path", modelPath);
        values.put("threads_setting", service.threadsSetting().orElse("none: the service picks its own thread count"));
        putIf(values, "health_path", service.healthPath());
        return values;
    }

    /** Whole CPUs as "2", fractions as millicores "2500m". */
    public static String cpuQuantity(double cpus) {
        long milli = Math.round(cpus * 1000);
        return milli % 1000 == 0 ? Long.toString(milli / 1000) : milli + "m";
    }

    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("image", image);
        map.put("model", model);
        map.put("cpu", cpu);
        map.put("cpu_note", cpuNote);
        map.put("memory", memory);
        map.put("memory_note", memoryNote);
        map.put("threads", threads);
        map.put("threads_note", threadsNote);
        map.put("port", port);
        map.put("replicas", replicas);
        map.put("replicas_note", replicasNote);
        putIf(map, "min_replicas", minReplicas);
        putIf(map, "max_replicas", maxReplicas);
        putIf(map, "hpa_note", hpaNote);
        map.put("cpu_target_percent", cpuTargetPercent);
        map.put("cpu_target_note", cpuTargetNote);
        putIf(map, "latency_p95_seconds", latencyP95Seconds);
        putIf(map, "latency_note", latencyNote);
        putIf(map, "max_rtf", maxRtf);
        map.put("max_error_rate", maxErrorRate);
        map.put("error_rate_note", errorRateNote);
        map.put("cpu_alert_percent", cpuAlertPercent);
        putIf(map, "service", service);
        return map;
    }

    private static void putIf(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
