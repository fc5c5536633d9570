package org.sttbench.load;

import java.util.List;

/**
 * An open-model run: the totals over all stages, then each stage.
 *
 * @param arrival              the arrival process, e.g. poisson
 * @param seed                 the seed schedules and clip choices were drawn from
 * @param goodRule             what made a request good, in words
 * @param audioDurationS       the clip's length (single-clip runs), else null
 * @param audioSecondsPerSecond the run's RTFx (kept under this name for earlier readers)
 * @param rtf                  mean service latency / mean clip length
 */
public record OpenLoadResult(StageResult total, List<StageResult> stages, int maxInFlight, double lateThresholdMs,
                             String arrival, long seed, String goodRule, Double audioDurationS,
                             Double audioSecondsPerSecond, Double rtf) {
}
