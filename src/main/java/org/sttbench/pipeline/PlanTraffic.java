package org.sttbench.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sttbench.load.ArrivalProcess;
import org.sttbench.load.LoadSpec;
import org.sttbench.load.RawDataWriter;
import org.sttbench.load.RequestLog;
import org.sttbench.load.Traffic;
import org.sttbench.load.Workload;
import org.sttbench.plan.Plan;

/**
 * The plan's {@code traffic:} block made concrete for one run: the clip mix resolved to files, the arrival
 * process, and where each suite's raw data goes (the run folder, beside results.json) when asked for.
 */
final class PlanTraffic {
    static final String REQUESTS_SUFFIX = "-requests.jsonl";
    static final String HISTOGRAM_SUFFIX = "-latency.hlog";

    private final Traffic traffic;
    private final Path rawDir;

    private PlanTraffic(Traffic traffic, Path rawDir) {
        this.traffic = traffic;
        this.rawDir = rawDir;
    }

    /** A clip glob that matches nothing throws BadInputException (the plan check caught the rest). */
    static PlanTraffic of(Plan plan, PlanPreparer preparer, RunRequest request, Path runDir) {
        Plan.Traffic t = plan.traffic();
        if (t == null) {
            return new PlanTraffic(Traffic.DEFAULT, null);
        }
        ArrivalProcess arrival = arrival(t);
        Workload workload = null;
        if (t.clips() != null && !t.clips().isEmpty()) {
            List<Workload.Clip> clips = new ArrayList<>();
            for (Plan.Clip c : t.clips()) {
                double weight = c.weight() == null ? 1 : c.weight();
                for (Path p : preparer.mixClips(request, c.audio())) {
                    clips.add(new Workload.Clip(p, weight));
                }
            }
            workload = new Workload(clips);
        }
        long seed = t.seed() == null ? LoadSpec.DEFAULT_SEED : t.seed();
        return new PlanTraffic(new Traffic(workload, arrival, seed, t.sloMsPerAudioSecond()),
                Boolean.TRUE.equals(t.rawData()) ? runDir : null);
    }

    private static ArrivalProcess arrival(Plan.Traffic t) {
        String kind = t.arrival() == null ? ArrivalProcess.CONSTANT : t.arrival();
        if (kind.equals(ArrivalProcess.GAMMA)) {
            return ArrivalProcess.gamma(t.burstiness() == null ? 1 : t.burstiness());
        }
        return ArrivalProcess.parse(kind);
    }

    Traffic traffic() {
        return traffic;
    }

    /**
     * A fresh raw-data writer for one suite ({@code <suite>-requests.jsonl}, {@code <suite>-latency.hlog}),
     * or none when the plan did not ask for raw data. Never replaces a file: an existing one is an error.
     */
    RequestLog rawLog(String suite) {
        if (rawDir == null) {
            return RequestLog.NONE;
        }
        return new RawDataWriter(rawDir.resolve(suite + REQUESTS_SUFFIX), rawDir.resolve(suite + HISTOGRAM_SUFFIX));
    }
}
