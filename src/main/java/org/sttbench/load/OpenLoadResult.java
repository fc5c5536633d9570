package org.sttbench.load;

import java.util.List;

/** An open-model run: the totals over all stages, then each stage. */
public record OpenLoadResult(StageResult total, List<StageResult> stages, int maxInFlight, double lateThresholdMs,
                             Double audioDurationS, Double audioSecondsPerSecond, Double rtf) {
}
