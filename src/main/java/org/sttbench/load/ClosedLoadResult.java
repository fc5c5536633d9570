package org.sttbench.load;

import java.util.List;

/**
 * A closed-model sweep.
 *
 * @param levels             measured levels in the order run
 * @param optimalConcurrency see {@link ClosedLoadRun#optimal}; null when no level qualifies
 * @param optimalRule        how the optimum was chosen, in words
 * @param maxRps             the highest rps any level reached
 * @param stoppedReason      why the sweep ended before its last level, null if it ran them all
 */
public record ClosedLoadResult(List<LevelResult> levels, Integer optimalConcurrency, String optimalRule,
                               double maxRps, Integer maxRpsConcurrency, Double slaP95Ms, String stoppedReason) {
}
