package org.sttbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.sttbench.plan.Plan;
import org.sttbench.results.RunAnalyzer;

/**
 * What the load report says of an open-model run beyond its table: the stage the SLA checks judge, the
 * highest offered rate that met the SLA, and the stages whose figures describe the generator rather than
 * the service (arrivals sent late or dropped at the in-flight limit).
 *
 * @param judgedRate        the stage {@code load_p95_latency_ms} and {@code load_error_rate} were checked at
 * @param judgedBecause     why that stage: the SLA's target rate, or the highest rate
 * @param highestWithinSla  the highest offered rate whose p95 and error rate met the SLA; null when none
 *                          did or the plan has no p95 bound
 * @param generatorLimited  offered rates at which over 1 % of arrivals were late or dropped
 */
public record OpenLoadView(double judgedRate, String judgedBecause, Double highestWithinSla,
                           List<Double> generatorLimited) {
    /** Above this share of late or dropped arrivals a stage is the generator's limit, not a measurement. */
    static final double GENERATOR_LIMIT_SHARE = 0.01;
    /** The error rate a stage may have to count as within the SLA when the plan sets none. */
    static final double DEFAULT_MAX_ERROR_RATE = 0.05;

    static OpenLoadView of(JsonNode load, Plan.Sla sla) {
        JsonNode stages = load.path("open").path("stages");
        Double target = sla == null ? null : sla.targetRps();
        JsonNode judged = RunAnalyzer.judgedStage(stages, target);
        double judgedRate = judged.path("rate").asDouble();
        String because = target != null && judgedRate >= target ? "the SLA's target rate" : "the highest offered rate";
        double maxErrors = sla == null || sla.maxErrorRate() == null ? DEFAULT_MAX_ERROR_RATE : sla.maxErrorRate();
        Double within = null;
        List<Double> limited = new ArrayList<>();
        for (JsonNode stage : stages) {
            double rate = stage.path("rate").asDouble();
            long scheduled = stage.path("scheduled").asLong();
            if (sla != null && sla.p95LatencyMs() != null && RunAnalyzer.unansweredShare(stage) <= maxErrors
                    && stage.path("latency").path("p95_ms").asDouble() <= sla.p95LatencyMs()
                    && (within == null || rate > within)) {
                within = rate;
            }
            long sent = stage.path("sent").asLong();
            if (scheduled > 0 && (stage.path("late").asLong() + stage.path("dropped").asLong())
                    > GENERATOR_LIMIT_SHARE * Math.max(sent, scheduled)) {
                limited.add(rate);
            }
        }
        return new OpenLoadView(judgedRate, because, within, limited);
    }
}
