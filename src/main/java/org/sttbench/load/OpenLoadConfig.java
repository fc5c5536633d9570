package org.sttbench.load;

import java.util.List;

/**
 * An open-model run: requests arrive on a fixed schedule whatever the server does.
 *
 * @param stages          rate stages run back to back (a ramp, then the steady rate)
 * @param maxInFlight     requests that may be outstanding; an arrival beyond it is dropped, not delayed
 * @param lateThresholdMs a send later than this after its intended time counts as late
 */
public record OpenLoadConfig(LoadSpec spec, List<RateStage> stages, int maxInFlight, double lateThresholdMs) {
    public static final int DEFAULT_MAX_IN_FLIGHT = 256;
    public static final double DEFAULT_LATE_MS = 10;

    public OpenLoadConfig {
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("an open-model run needs at least one rate stage");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max in-flight must be >= 1");
        }
    }

    public static OpenLoadConfig of(LoadSpec spec, double rate, double durationS) {
        return new OpenLoadConfig(spec, List.of(new RateStage(rate, durationS)), DEFAULT_MAX_IN_FLIGHT,
                DEFAULT_LATE_MS);
    }
}
