package org.sttbench.capacity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.sttbench.analysis.CapacityMath;
import org.sttbench.load.ArrivalProcess;
import org.sttbench.load.DurationProbe;
import org.sttbench.load.LoadListener;
import org.sttbench.load.LoadSpec;
import org.sttbench.load.OpenLoadConfig;
import org.sttbench.load.OpenStageRunner;
import org.sttbench.load.RequestLog;
import org.sttbench.load.Slo;
import org.sttbench.load.StageResult;
import org.sttbench.load.StopRule;

/**
 * A {@link RateProbe} over the open-model stage runner. A step first runs {@code stableWindows} windows as one
 * stage; it ends there when the stage's last slices agree (stable), when they show the server failing
 * (p95 rising slice after slice, or far above the SLA), or when the runner's stop rule ended the stage
 * early (arrivals dropped at the in-flight cap, a stall, most requests failing). Otherwise a second, longer
 * stage runs and the step is judged on it: the first was the warm-up. One runner serves every step, so
 * connections stay open between them.
 */
public final class OpenLoadProbe implements RateProbe, AutoCloseable {
    /**
     * @param minRequestsPerWindow a window lasts long enough for this many arrivals (a p95 needs ~20)
     * @param minWindowS           and at least this long
     * @param maxWindowS           and at most this long
     * @param stableWindows        windows that must agree (perf_analyzer uses 3)
     * @param tolerance            how closely they must agree, relative (perf_analyzer uses 10%)
     * @param maxWindows           windows a step may run in all
     */
    public record Windows(int minRequestsPerWindow, double minWindowS, double maxWindowS, int stableWindows,
                          double tolerance, int maxWindows) {
        public static final Windows DEFAULT = new Windows(20, 2, 30, 3, 0.10, 8);

        double windowS(double rate) {
            return Math.max(minWindowS, Math.min(maxWindowS, minRequestsPerWindow / rate));
        }
    }

    private final double slaP95Ms;
    private final Windows windows;
    private final OpenStageRunner runner;
    private final double drainS;

    public OpenLoadProbe(LoadSpec spec, double slaP95Ms, Windows windows, int maxInFlight) {
        this(spec, slaP95Ms, windows, maxInFlight, ArrivalProcess.constant());
    }

    /** @param arrival how arrivals are spread within a step; constant gives the sharpest knee */
    public OpenLoadProbe(LoadSpec spec, double slaP95Ms, Windows windows, int maxInFlight, ArrivalProcess arrival) {
        this(spec, slaP95Ms, windows, maxInFlight, arrival, new Slo(slaP95Ms, null), RequestLog.NONE);
    }

    /**
     * @param slo what makes a request good (goodput per step)
     * @param log raw per-request output and one histogram per stage the search runs
     */
    public OpenLoadProbe(LoadSpec spec, double slaP95Ms, Windows windows, int maxInFlight, ArrivalProcess arrival,
                         Slo slo, RequestLog log) {
        this.slaP95Ms = slaP95Ms;
        this.windows = windows;
        this.drainS = Math.min(spec.timeout().toMillis(), slaP95Ms) / 1000.0;
        this.runner = new OpenStageRunner(spec, new OpenStageRunner.Options(arrival, maxInFlight,
                OpenLoadConfig.DEFAULT_LATE_MS, slo, StopRule.CAPACITY_SEARCH, log),
                // clip lengths for per-bucket figures and a per-audio-second bound
                DurationProbe.javaSound(), LoadListener.NONE);
    }

    @Override
    public Duration minimumStep(double rate) {
        return Duration.ofMillis((long) ((drainS + windows.stableWindows() * windows.windowS(rate)) * 1000));
    }

    @Override
    public StepMeasurement measure(double rate, Duration budget) {
        double w = windows.windowS(rate);
        int first = windows.stableWindows();
        StageResult stage = runner.runStage(rate, first * w);
        List<StepMeasurement.Window> all = new ArrayList<>(slices(stage, 0));
        Judged judged = judge(stage);
        String endedEarly = stage.endedEarly() != null ? stage.endedEarly() : failing(stage, judged);
        double budgetS = budget.toMillis() / 1000.0 - drainS - first * w - drainS;
        int more = Math.min(windows.maxWindows() - first, (int) Math.floor(budgetS / w));
        if (endedEarly == null && !judged.stable && more >= first) {
            double offset = stage.durationS();
            stage = runner.runStage(rate, more * w);
            all.addAll(slices(stage, offset));
            judged = judge(stage);
            endedEarly = stage.endedEarly();
        } else if (endedEarly == null && !judged.stable) {
            endedEarly = "the budget left no room to wait for stable windows";
        }
        return new StepMeasurement(rate, stage.durationS(), all, judged.stable, judged.rising, stage.scheduled(),
                stage.sent(), stage.dropped(), stage.late(), stage.successes(), stage.errors(), stage.achievedRate(),
                stage.throughputRps(), stage.goodputRps(), stage.latency().p50Ms(), stage.latency().p95Ms(),
                stage.latency().p99Ms(), stage.errorsByCause(), endedEarly);
    }

    private record Judged(boolean stable, boolean rising) {
    }

    /** A slice with fewer answers than this has no p95 worth comparing: its "p95" is one or two requests. */
    static final int MIN_ANSWERS_PER_SLICE = 5;

    /**
     * Stability and trend over the stage's last slices' p95. Differences under 5% of the SLA (and 5 ms) are
     * noise: a busy machine moves a slice's p95 by that much without the server falling behind. Slices with
     * too few answers are left out; without enough slices the step is neither stable nor rising, and the
     * SLA alone judges it.
     */
    private Judged judge(StageResult stage) {
        List<Double> p95 = stage.windows().stream().filter(x -> x.successes() >= MIN_ANSWERS_PER_SLICE)
                .map(StageResult.Window::p95Ms).toList();
        double floor = Math.max(5, 0.05 * slaP95Ms);
        int n = windows.stableWindows();
        return new Judged(CapacityMath.stable(p95, n, windows.tolerance(), floor),
                CapacityMath.rising(p95, n, windows.tolerance(), floor));
    }

    private String failing(StageResult stage, Judged judged) {
        if (judged.rising) {
            return "latency rising slice after slice";
        }
        if (stage.successes() > 0 && stage.latency().p95Ms() > 2 * slaP95Ms) {
            return "p95 more than twice the SLA";
        }
        return null;
    }

    private static List<StepMeasurement.Window> slices(StageResult stage, double offsetS) {
        return stage.windows().stream().map(x -> new StepMeasurement.Window(offsetS + x.startS(), x.scheduled(),
                x.completed(), x.successes(), x.good(), x.p95Ms())).toList();
    }

    @Override
    public void close() {
        runner.close();
    }
}
