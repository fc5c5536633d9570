package org.sttbench.capacity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.sttbench.Json;
import org.sttbench.OneLine;
import org.sttbench.analysis.CapacityMath;
import org.sttbench.analysis.MeasuredSizing;
import org.sttbench.analysis.SizingInput;
import org.sttbench.load.DurationProbe;
import org.sttbench.load.LoadListener;
import org.sttbench.load.LoadSpec;
import org.sttbench.load.OpenLoadConfig;
import org.sttbench.load.OpenLoadResult;
import org.sttbench.load.OpenLoadRun;
import org.sttbench.load.OpenStageRunner;
import org.sttbench.load.RateStage;
import org.sttbench.load.RequestLog;
import org.sttbench.load.StageResult;
import org.sttbench.load.StopRule;
import org.sttbench.load.Traffic;
import org.sttbench.workers.WorkerFleet;

/**
 * The plan's {@code verify} suite: sizes the fleet for {@code sla.target_rps} from the measured capacity,
 * starts that many replicas, drives the target rate (open model) and compares the p95 the capacity curve
 * predicted with the one measured. When this machine cannot hold the fleet, fewer replicas run at the
 * same rate per replica and the result says so. Reported as {@code analysis.verify}.
 */
public final class VerifySuite {
    /**
     * @param maxReplicas what this machine may run (its CPUs / the replica's, capped by the plan)
     * @param traffic     the arrival process and clip mix the target rate is driven with
     * @param log         raw per-request output and the run's histogram
     */
    public record Settings(double targetRps, double slaP95Ms, double maxErrorRate, double utilization, double cpus,
                           int maxReplicas, Duration duration, Path audio, Duration requestTimeout, Traffic traffic,
                           RequestLog log) {
        public Settings {
            traffic = traffic == null ? Traffic.DEFAULT : traffic;
            log = log == null ? RequestLog.NONE : log;
        }

        /** Constant arrivals of the one clip, no raw data. */
        public Settings(double targetRps, double slaP95Ms, double maxErrorRate, double utilization, double cpus,
                        int maxReplicas, Duration duration, Path audio, Duration requestTimeout) {
            this(targetRps, slaP95Ms, maxErrorRate, utilization, cpus, maxReplicas, duration, audio, requestTimeout,
                    Traffic.DEFAULT, RequestLog.NONE);
        }
    }

    public static final String VERIFIED = "sizing verified";

    private VerifySuite() {
    }

    public static ObjectNode run(Settings s, JsonNode capacity, Supplier<WorkerFleet> fleets, Consumer<String> progress) {
        ObjectNode node = Json.json().createObjectNode();
        node.put("target_rps", s.targetRps());
        node.put("sla_p95_ms", s.slaP95Ms());
        node.put("max_error_rate", s.maxErrorRate());
        node.put("cpus_per_replica", s.cpus());
        JsonNode sustainable = capacity == null ? null : capacity.get("sustainable_rps");
        if (sustainable == null || !sustainable.isNumber() || sustainable.asDouble() <= 0) {
            node.put("status", "no_capacity");
            node.put("verified", false);
            node.put("verdict", "not verified: the capacity search found no rate that met the SLA, so there is no"
                    + " sizing to check");
            return node;
        }
        double perPod = sustainable.asDouble();
        MeasuredSizing sizing = sizing(capacity, s.targetRps(), s.slaP95Ms(), s.cpus(), s.utilization());
        node.set("sizing", Json.json().valueToTree(sizing));
        int predicted = sizing.pods();
        int replicas = Math.min(predicted, Math.max(1, s.maxReplicas()));
        double rate = s.targetRps() * replicas / predicted;
        node.put("predicted_replicas", predicted);
        node.put("replicas", replicas);
        node.put("rate_rps", round(rate));
        node.put("scaled_down", replicas < predicted);
        if (replicas < predicted) {
            node.put("scale_note", String.format(Locale.ROOT, "this machine holds %d of the %d replicas: %d ran at"
                    + " %s req/s, the target's rate per replica (%s of %s req/s)", replicas, predicted, replicas,
                    fmt(rate), fmt(rate), fmt(s.targetRps())));
        }
        double perReplica = rate / replicas;
        Double predictedP95 = predictedP95(capacity, perReplica);
        if (predictedP95 != null) {
            node.put("predicted_p95_ms", round(predictedP95));
        }
        progress.accept(String.format(Locale.ROOT, "  verify: %d replica(s) predicted for %s req/s (%s req/s per pod"
                + " measured); running %d at %s req/s for %d s", predicted, fmt(s.targetRps()), fmt(perPod), replicas,
                fmt(rate), s.duration().toSeconds()));
        try (WorkerFleet fleet = fleets.get()) {
            List<String> urls;
            try {
                urls = fleet.start(replicas);
            } catch (Exception e) {
                node.put("status", "could_not_start");
                node.put("verified", false);
                node.put("verdict", "not verified: the " + replicas + " replica(s) could not be started: "
                        + OneLine.of(e));
                return node;
            }
            LoadSpec spec = s.traffic().apply(LoadSpec.of(urls, s.audio()).withTimeout(s.requestTimeout()));
            warmUp(spec, urls.size());
            OpenLoadRun run = new OpenLoadRun(new OpenLoadConfig(spec,
                    List.of(new RateStage(rate, s.duration().toMillis() / 1000.0)), new OpenStageRunner.Options(
                    s.traffic().arrival(), OpenLoadConfig.DEFAULT_MAX_IN_FLIGHT, OpenLoadConfig.DEFAULT_LATE_MS,
                    s.traffic().slo(s.slaP95Ms()), StopRule.NEVER, s.log())), DurationProbe.javaSound(), LoadListener.NONE);
            OpenLoadResult result = run.run();
            node.setAll((ObjectNode) Json.json().valueToTree(s.traffic().describe(spec)));
            // good as the run judged it: within the SLA and within the traffic's per-audio-second bound
            StageResult t = result.total();
            ObjectNode measured = node.putObject("measured");
            measured.put("p50_ms", t.latency().p50Ms());
            measured.put("p95_ms", t.latency().p95Ms());
            measured.put("p99_ms", t.latency().p99Ms());
            measured.put("scheduled", t.scheduled());
            measured.put("sent", t.sent());
            measured.put("ok", t.successes());
            measured.put("errors", t.errors());
            measured.put("dropped", t.dropped());
            measured.put("throughput_rps", t.throughputRps());
            long attempted = t.successes() + t.errors();
            double errorRate = attempted == 0 ? 1 : t.errors() / (double) attempted;
            measured.put("error_rate", round(errorRate));
            measured.put("good", t.good());
            measured.put("goodput_rps", round(t.goodputRps()));
            measured.put("good_share", round(t.goodShare()));
            measured.set("errors_by_cause", Json.json().valueToTree(t.errorsByCause()));
            measured.set("by_bucket", Json.json().valueToTree(t.byBucket()));
            List<String> misses = new ArrayList<>();
            if (t.successes() == 0) {
                misses.add("no request succeeded");
            } else if (t.latency().p95Ms() > s.slaP95Ms()) {
                misses.add("p95 " + fmt(t.latency().p95Ms()) + " ms > SLA " + fmt(s.slaP95Ms()) + " ms");
            }
            if (errorRate > s.maxErrorRate()) {
                misses.add("error rate " + fmt(errorRate * 100) + "% > " + fmt(s.maxErrorRate() * 100) + "%");
            }
            if (t.dropped() > 0) {
                misses.add(t.dropped() + " arrivals dropped");
            }
            node.put("status", "ran");
            node.put("verified", misses.isEmpty());
            node.put("verdict", misses.isEmpty() ? VERIFIED + (replicas < predicted ? " (on a scaled-down fleet)" : "")
                    : "sizing not verified: " + String.join("; ", misses));
            progress.accept("  verify: " + node.get("verdict").asText() + " (predicted p95 "
                    + (predictedP95 == null ? "-" : fmt(predictedP95)) + " ms, measured " + fmt(t.latency().p95Ms())
                    + " ms)");
        }
        return node;
    }

    /**
     * Pods for the target from the capacity result, beside the Erlang C plan from its own curve; null when
     * no rate met the SLA.
     */
    public static MeasuredSizing sizing(JsonNode capacity, double targetRps, double slaP95Ms, double cpus,
                                        double utilization) {
        JsonNode sustainable = capacity.get("sustainable_rps");
        if (sustainable == null || !sustainable.isNumber() || sustainable.asDouble() <= 0) {
            return null;
        }
        return MeasuredSizing.of(targetRps, slaP95Ms, utilization, sustainable.asDouble(),
                queueingInput(capacity, targetRps, slaP95Ms, cpus, utilization));
    }

    /**
     * The Erlang C input from the capacity curve itself: the lowest rate tried stands in for one request
     * alone (its median is the service time, its p95 the service p95), one request at a time per pod.
     * Null when that step has no successes.
     */
    public static SizingInput queueingInput(JsonNode capacity, double targetRps, double slaP95Ms, double cpus,
                                            double utilization) {
        JsonNode lowest = null;
        for (JsonNode step : capacity.path("steps")) {
            JsonNode m = step.path("measurement");
            if (m.path("successes").asLong() > 0 && (lowest == null || m.path("rate").asDouble() < lowest.path("rate")
                    .asDouble())) {
                lowest = m;
            }
        }
        if (lowest == null || !(lowest.path("p50_ms").asDouble() > 0)) {
            return null;
        }
        return new SizingInput(targetRps, slaP95Ms, lowest.path("p50_ms").asDouble(),
                Math.max(lowest.path("p95_ms").asDouble(), lowest.path("p50_ms").asDouble()), cpus, 1, 0, utilization);
    }

    /** p95 on the capacity curve at a per-replica rate, interpolated between the rates tried. */
    static Double predictedP95(JsonNode capacity, double perReplicaRate) {
        List<double[]> points = new ArrayList<>();
        for (JsonNode step : capacity.path("steps")) {
            JsonNode m = step.path("measurement");
            if (m.path("successes").asLong() > 0) {
                points.add(new double[] {m.path("rate").asDouble(), m.path("p95_ms").asDouble()});
            }
        }
        if (points.isEmpty()) {
            return null;
        }
        points.sort(Comparator.comparingDouble(p -> p[0]));
        return CapacityMath.interpolate(points.stream().map(p -> p[0]).toList(), points.stream().map(p -> p[1]).toList(),
                perReplicaRate);
    }

    /** A few unmeasured requests per replica: a fresh JVM's first requests are not what it serves later. */
    static void warmUp(LoadSpec spec, int replicas) {
        new OpenLoadRun(OpenLoadConfig.of(spec, replicas, 2)).run();
    }

    static String fmt(double v) {
        return CapacitySearch.fmt(v);
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
