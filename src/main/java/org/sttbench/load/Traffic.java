package org.sttbench.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a suite's requests arrive and what they upload, shared by the plan's load, capacity and verify suites
 * so that all three measure the same traffic.
 *
 * @param workload         the weighted clips; null: the suite's own single clip
 * @param arrival          how open-model arrivals are spread
 * @param seed             schedules and clip choices are drawn from it
 * @param msPerAudioSecond the per-audio-second part of the good-request bound; null for none
 */
public record Traffic(Workload workload, ArrivalProcess arrival, long seed, Double msPerAudioSecond) {
    public static final Traffic DEFAULT = new Traffic(null, ArrivalProcess.constant(), LoadSpec.DEFAULT_SEED, null);

    public Traffic {
        arrival = arrival == null ? ArrivalProcess.constant() : arrival;
    }

    /** The spec with this traffic's clips (when it has a mix) and seed. */
    public LoadSpec apply(LoadSpec spec) {
        LoadSpec out = spec.withSeed(seed);
        return workload == null ? out : out.withWorkload(workload);
    }

    /** The good-request bound: the absolute latency bound given, and this traffic's per-audio-second one. */
    public Slo slo(Double latencyMs) {
        return new Slo(latencyMs, msPerAudioSecond);
    }

    /** What results record of it: arrival process, seed and the mix (clip file name to weight). */
    public Map<String, Object> describe(LoadSpec applied) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("arrival", arrival.label());
        out.put("seed", seed);
        Map<String, Double> clips = new LinkedHashMap<>();
        applied.workload().clips().forEach(c -> clips.merge(c.path().getFileName().toString(), c.weight(),
                Double::sum));
        out.put("clips", clips);
        return out;
    }
}
