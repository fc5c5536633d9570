package org.sttbench.load;

import java.util.List;

/**
 * An open-model run: requests arrive on a schedule whatever the server does.
 *
 * @param stages  rate stages run back to back (a ramp, then the steady rate)
 * @param options arrival process, max in-flight, late threshold, latency bound, stop rule, raw log
 */
public record OpenLoadConfig(LoadSpec spec, List<RateStage> stages, OpenStageRunner.Options options) {
    public static final int DEFAULT_MAX_IN_FLIGHT = 256;
    public static final double DEFAULT_LATE_MS = 10;

    public OpenLoadConfig {
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("an open-model run needs at least one rate stage");
        }
        options = options == null ? OpenStageRunner.Options.defaults() : options;
    }

    /** Constant arrivals, no latency bound. */
    public OpenLoadConfig(LoadSpec spec, List<RateStage> stages, int maxInFlight, double lateThresholdMs) {
        this(spec, stages, new OpenStageRunner.Options(ArrivalProcess.constant(), maxInFlight, lateThresholdMs,
                Slo.NONE, StopRule.NEVER, RequestLog.NONE));
    }

    public static OpenLoadConfig of(LoadSpec spec, double rate, double durationS) {
        return new OpenLoadConfig(spec, List.of(new RateStage(rate, durationS)), DEFAULT_MAX_IN_FLIGHT,
                DEFAULT_LATE_MS);
    }

    public int maxInFlight() {
        return options.maxInFlight();
    }

    public double lateThresholdMs() {
        return options.lateThresholdMs();
    }
}
