package org.sttbench.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * The open model: the requests of a stage are due on a schedule drawn from the arrival process (request
 * i of a constant stage at stageStart + i / rate), whatever happened to earlier ones. Latency runs from
 * that intended time, so when the server stalls, every request that should have gone out meanwhile carries
 * the stall in its latency; a closed-loop tool would instead stop sending and never see it (coordinated
 * omission). Stages follow each other without a gap; answers still outstanding when a stage's time is up
 * count for the stage that sent them.
 */
public final class OpenLoadRun {
    private final OpenLoadConfig config;
    private final DurationProbe probe;
    private final LoadListener listener;
    private Function<String, String> env = System::getenv;
    private final Histogram overall = LatencyStats.newHistogram();

    public OpenLoadRun(OpenLoadConfig config) {
        this(config, DurationProbe.javaSound(), LoadListener.NONE);
    }

    public OpenLoadRun(OpenLoadConfig config, DurationProbe probe, LoadListener listener) {
        this.config = config;
        this.probe = probe == null ? DurationProbe.NONE : probe;
        this.listener = listener == null ? LoadListener.NONE : listener;
    }

    /** Where {@code ${VAR}} in headers and fields is looked up (the process environment by default). */
    public OpenLoadRun withEnvironment(Function<String, String> environment) {
        this.env = environment;
        return this;
    }

    public OpenLoadResult run() {
        try (OpenStageRunner runner = new OpenStageRunner(config.spec(), config.options(), probe, listener, env)) {
            List<OpenStageRunner.Launched> launched = new ArrayList<>();
            long start = System.nanoTime() + 5_000_000L;
            long runStart = start;
            for (RateStage plan : config.stages()) {
                OpenStageRunner.Launched st = runner.launch(plan, start);
                launched.add(st);
                start = st.endNanos;
                if (st.endedEarly != null) {
                    break;
                }
            }
            List<StageResult> results = new ArrayList<>();
            Tally total = new Tally(config.options().slo());
            Map<String, Long> errors = new HashMap<>();
            long scheduled = 0, sent = 0, dropped = 0, late = 0, unfinished = 0, lastEnd = runStart;
            double plannedS = 0, durationS = 0;
            String endedEarly = null;
            for (OpenStageRunner.Launched st : launched) {
                StageResult r = st.finish();
                results.add(r);
                total.addAll(st.tally);
                r.errorsByCause().forEach((k, v) -> errors.merge(k, v, Long::sum));
                scheduled += r.scheduled();
                sent += r.sent();
                dropped += r.dropped();
                late += r.late();
                unfinished += r.unfinished();
                plannedS += r.plannedDurationS();
                durationS += r.durationS();
                lastEnd = Math.max(lastEnd, st.lastEnd.get());
                endedEarly = endedEarly != null ? endedEarly : r.endedEarly();
            }
            overall.add(total.latency);
            double rate = LatencyStats.round(plannedS > 0 ? config.stages().stream()
                    .mapToDouble(s -> s.rate() * s.durationS()).sum() / plannedS : 0);
            StageResult sum = Summaries.stage(rate, plannedS, durationS, config.options().arrival().label(),
                    scheduled, sent, dropped, late, unfinished, total, new TreeMap<>(errors),
                    lastEnd - runStart, List.of(), endedEarly);
            List<PreparedWorkload.Clip> clips = runner.workload().clips();
            Double d = clips.size() == 1 ? clips.get(0).durationS() : null;
            if (d == null && clips.size() == 1) {
                d = runner.learnedDuration();
            }
            Double meanClip = sum.audioSeconds() == null || sum.successes() == 0 ? null
                    : sum.audioSeconds() / sum.successes();
            Double rtf = meanClip == null || meanClip <= 0 ? null
                    : LatencyStats.round(total.service.getMean() / 1e6 / meanClip);
            return new OpenLoadResult(sum, List.copyOf(results), config.maxInFlight(), config.lateThresholdMs(),
                    config.options().arrival().label(), config.spec().seed(), config.options().slo().describe(), d,
                    sum.rtfx(), rtf);
        }
    }

    /** The intended-time latency histogram (microseconds) of the last run, for callers that want more detail. */
    public Histogram histogram() {
        return overall.copy();
    }
}
