package org.sttbench.report;

import java.util.List;
import org.sttbench.analysis.CostTable;
import org.sttbench.analysis.DecisionMatrix;
import org.sttbench.analysis.Sizing;
import org.sttbench.analysis.SizingPlan;
import org.sttbench.analysis.TrafficLevel;

/**
 * How to run the measured engine: the pod shape the measurements support, scale up or out, how many pods
 * the SLA needs, what it costs. Made by {@link StrategyAnalyzer} from one results document; the
 * scaling-strategy and performance reports and the generated Kubernetes files all read it.
 *
 * @param model           the model the strategy is for (the first one with CPU scaling or latency data)
 * @param pod             the recommended pod and how each number was derived
 * @param thresholds      decision thresholds used
 * @param decisionInput   what the decision matrix was given (null without an SLA p95)
 * @param decision        scale up, out, both... (null without an SLA p95)
 * @param sizing          pods for the SLA's target_rps and p95 (null without both)
 * @param shapes          every measured CPU count as a pod shape, sized for the target: scale up vs out
 * @param trafficLevels   the levels sized for
 * @param traffic         the cheapest shape meeting the SLA per level
 * @param prices          prices used for costs
 * @param costs           monthly cost of each shape's plan at the target
 * @param costPerThousandAudioMinutes at the recommended pod, busy at the utilization target
 * @param replicas        HPA bounds (null without sizing)
 * @param notes           what was assumed or missing
 */
public record ScalingStrategy(String model, Pod pod, DecisionMatrix.Thresholds thresholds,
                              DecisionMatrix.Input decisionInput, DecisionMatrix.Decision decision, SizingPlan sizing,
                              List<Shape> shapes, List<TrafficLevel> trafficLevels,
                              List<Sizing.TrafficRecommendation> traffic, CostTable.Prices prices,
                              List<CostTable.OptionCost> costs, Double costPerThousandAudioMinutes, Replicas replicas,
                              double utilizationTarget, List<String> notes) {

    /**
     * @param cpus            CPU request = limit of one pod
     * @param cpusSource      how cpus was chosen
     * @param threads         whisper.cpp threads for that limit
     * @param threadsSource   how threads was chosen
     * @param memoryMb        memory request = limit
     * @param memorySource    how memory was derived
     * @param peakRssMb       largest peak RSS measured for the model (null when not measured)
     * @param serviceMs       mean single-request latency at {@code cpus}
     * @param serviceP95Ms    its p95
     * @param serviceSource   which measurement gave the service time
     * @param rtf             real-time factor of that measurement
     * @param rpsPerPod       1000 / service_ms (one request at a time per pod)
     * @param slots           requests one pod serves at once
     */
    public record Pod(double cpus, String cpusSource, int threads, String threadsSource, double memoryMb,
                      String memorySource, Double peakRssMb, double serviceMs, double serviceP95Ms,
                      String serviceSource, double rtf, double rpsPerPod, int slots) {
    }

    /** One measured CPU count as a pod shape, planned at the target rps. */
    public record Shape(double cpus, double latencyMs, double p95Ms, Double efficiency, double memoryMb,
                        Integer pods, Double totalCpus, Double predictedP95Ms, Boolean slaMet, Double monthlyCost,
                        boolean recommended) {
    }

    /**
     * @param min        minReplicas
     * @param max        maxReplicas
     * @param derivation how both were derived
     */
    public record Replicas(int min, int max, String derivation) {
    }
}
