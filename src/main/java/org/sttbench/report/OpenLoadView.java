package org.sttbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.sttbench.capacity.CapacitySearch;
import org.sttbench.capacity.SearchSettings;
import org.sttbench.plan.Plan;
import org.sttbench.results.RunAnalyzer;

/**
 * What the load report says of an open-model run beyond its table: the stage the SLA checks judge, the
 * highest offered rate that met the SLA, and the stages whose figures describe the generator rather than
 * the service: judged as the capacity search judges its steps ({@link CapacitySearch#generatorLimited}).
 * Arrivals dropped at the in-flight limit are not the generator's: the target had that many outstanding.
 *
 * @param judgedRate        the stage {@code load_p95_latency_ms} and {@code load_error_rate} were checked at
 * @param judgedBecause     why that stage: the SLA's target rate, or the highest rate
 * @param highestWithinSla  the highest offered rate whose p95 and error rate met the SLA; null when none
 *                          did or the plan has no p95 bound
 * @param generatorLimited  offered rates at which over 20 % of the arrivals (of at least 50) were sent late
 */
public record OpenLoadView(double judgedRate, String judgedBecause, Double highestWithinSla,
                           List<Double> generatorLimited) {
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
            if (sla != null && sla.p95LatencyMs() != null && RunAnalyzer.unansweredShare(stage) <= maxErrors
                    && stage.path("latency").path("p95_ms").asDouble() <= sla.p95LatencyMs()
                    && (within == null || rate > within)) {
                within = rate;
            }
            if (CapacitySearch.generatorLimited(stage.path("scheduled").asLong(), stage.path("late").asLong(),
                    SearchSettings.DEFAULT_MAX_LATE_SHARE)) {
                limited.add(rate);
            }
        }
        return new OpenLoadView(judgedRate, because, within, limited);
    }
}
