package org.sttbench.capacity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.sttbench.analysis.CapacityMath;
import org.sttbench.load.DurationProbe;
import org.sttbench.load.LoadListener;
import org.sttbench.load.LoadSpec;
import org.sttbench.load.OpenLoadConfig;
import org.sttbench.load.OpenLoadResult;
import org.sttbench.load.OpenLoadRun;
import org.sttbench.load.RateStage;
import org.sttbench.load.StageResult;

/**
 * A {@link RateProbe} over the open-model run: one step is a run of back-to-back windows at the same rate
 * (each window a rate stage, so arrivals never pause between them). The first {@code stableWindows} windows
 * run as one piece; the step ends there when they agree (stable), when they show the server failing (latency
 * rising window after window, dropped arrivals, every request failing, p95 far above the SLA), or when the
 * budget leaves no room. Otherwise a second piece of up to {@code maxWindows - stableWindows} windows runs
 * and the step is judged on it: the first piece was the warm-up.
 */
public final class OpenLoadProbe implements RateProbe {
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

    /** Latency differences below this are timer noise, never a trend. */
    private static final double NOISE_FLOOR_MS = 5;

    private final LoadSpec spec;
    private final double slaP95Ms;
    private final Windows windows;
    private final int maxInFlight;

    public OpenLoadProbe(LoadSpec spec, double slaP95Ms, Windows windows, int maxInFlight) {
        this.spec = spec;
        this.slaP95Ms = slaP95Ms;
        this.windows = windows;
        this.maxInFlight = maxInFlight;
    }

    @Override
    public Duration minimumStep(double rate) {
        return Duration.ofMillis((long) (drainAllowanceS() * 1000 + windows.stableWindows() * windows.windowS(rate) * 1000));
    }

    /** After the last window the run waits for the requests still out; allow the SLA for that. */
    private double drainAllowanceS() {
        return Math.min(spec.timeout().toMillis(), slaP95Ms) / 1000.0;
    }

    @Override
    public StepMeasurement measure(double rate, Duration budget) {
        double w = windows.windowS(rate);
        double budgetS = budget.toMillis() / 1000.0 - drainAllowanceS();
        int first = windows.stableWindows();
        Piece piece = run(rate, w, first);
        List<StepMeasurement.Window> all = new ArrayList<>(piece.windows);
        String endedEarly = failing(piece);
        int more = Math.min(windows.maxWindows() - first, (int) Math.floor((budgetS - first * w - drainAllowanceS()) / w));
        if (endedEarly == null && !piece.stable && more >= first) {
            piece = run(rate, w, more);
            all.addAll(piece.windows);
        } else if (!piece.stable && endedEarly == null) {
            endedEarly = more < first ? "budget left no room to wait for stable windows" : null;
        }
        return piece.measurement(rate, all, endedEarly);
    }

    private String failing(Piece p) {
        StageResult t = p.result.total();
        if (t.successes() == 0 && t.errors() > 0) {
            return "every request failed";
        }
        if (t.dropped() > 0) {
            return "arrivals dropped at the in-flight cap";
        }
        if (p.rising) {
            return "latency rising window after window";
        }
        if (t.latency().p95Ms() > 2 * slaP95Ms) {
            return "p95 more than twice the SLA";
        }
        return null;
    }

    private Piece run(double rate, double windowS, int count) {
        List<RateStage> stages = Collections.nCopies(count, new RateStage(rate, windowS));
        OpenLoadRun run = new OpenLoadRun(new OpenLoadConfig(spec, stages, maxInFlight,
                OpenLoadConfig.DEFAULT_LATE_MS), DurationProbe.NONE, LoadListener.NONE);
        OpenLoadResult result = run.run();
        return new Piece(result, run.histogram(), count * windowS);
    }

    private final class Piece {
        final OpenLoadResult result;
        final Histogram histogram;
        final double durationS;
        final List<StepMeasurement.Window> windows = new ArrayList<>();
        final boolean stable;
        final boolean rising;

        Piece(OpenLoadResult result, Histogram histogram, double durationS) {
            this.result = result;
            this.histogram = histogram;
            this.durationS = durationS;
            List<Double> p50 = new ArrayList<>();
            List<Double> rps = new ArrayList<>();
            for (StageResult s : result.stages()) {
                windows.add(new StepMeasurement.Window(s.latency().p50Ms(), s.latency().p95Ms(), s.throughputRps(),
                        s.successes(), s.errors()));
                p50.add(s.latency().p50Ms());
                rps.add(s.throughputRps());
            }
            int n = OpenLoadProbe.this.windows.stableWindows();
            double tol = OpenLoadProbe.this.windows.tolerance();
            // median latency, not p95: one stall moves a window's p95 but not its median, a growing queue moves both
            this.stable = CapacityMath.stable(p50, n, tol, NOISE_FLOOR_MS);
            this.rising = CapacityMath.rising(p50, n, tol, NOISE_FLOOR_MS);
        }

        StepMeasurement measurement(double rate, List<StepMeasurement.Window> all, String endedEarly) {
            StageResult t = result.total();
            long good = histogram.getTotalCount() == 0 ? 0
                    : histogram.getCountBetweenValues(0, (long) (slaP95Ms * 1000));
            return new StepMeasurement(rate, durationS, all, stable, rising, t.scheduled(), t.sent(), t.dropped(),
                    t.late(), t.successes(), t.errors(), t.achievedRate(), t.throughputRps(),
                    Math.round(good / durationS * 1000) / 1000.0, t.latency().p50Ms(), t.latency().p95Ms(),
                    t.latency().p99Ms(), t.errorsByCause(), endedEarly);
        }
    }
}
