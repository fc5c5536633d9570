package org.sttbench.capacity;

import java.util.Comparator;
import java.util.List;

/**
 * What a capacity search found.
 *
 * @param outcome        found | none_met | target_down | all_errors | generator_limit | budget
 * @param sustainableRps the highest rate that met the SLA, null when none did
 * @param kneeRps        the highest rate tried before p95 rose above twice its value at the lowest rate
 * @param message        one line saying what the search concluded and why it stopped
 * @param steps          in the order they ran
 */
public record CapacityResult(double slaP95Ms, double maxErrorRate, double budgetS, double elapsedS, String outcome,
                             Double sustainableRps, Double kneeRps, String message, List<Step> steps) {
    public static final String FOUND = "found";
    public static final String NONE_MET = "none_met";
    public static final String TARGET_DOWN = "target_down";
    public static final String ALL_ERRORS = "all_errors";
    public static final String GENERATOR_LIMIT = "generator_limit";
    public static final String BUDGET = "budget";

    /** A step and the search's verdict on it (met, sla_missed, saturated, errors, dropped, generator_limit, down). */
    public record Step(int index, String verdict, String reason, StepMeasurement measurement) {
        public boolean met() {
            return Verdict.MET.label().equals(verdict);
        }
    }

    public CapacityResult {
        steps = List.copyOf(steps);
    }

    /** Steps by rate, the curve reports draw. */
    public List<Step> curve() {
        return steps.stream().sorted(Comparator.comparingDouble(s -> s.measurement().rate())).toList();
    }

    /** The step at the sustainable rate, null when none met the SLA. */
    public Step atSustainable() {
        return sustainableRps == null ? null : steps.stream().filter(Step::met)
                .filter(s -> s.measurement().rate() == sustainableRps).findFirst().orElse(null);
    }
}
