package org.sttbench.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;

/**
 * Answers "does this engine get faster with more cores, and up to how many?" from latencies measured at
 * several CPU limits. Definitions (see docs/analysis.md):
 * <ul>
 *   <li>baseline = the smallest CPU count measured; speedup(N) = latency(base) / latency(N);
 *       efficiency(N) = speedup(N) / (N / base).</li>
 *   <li>latency gain of a step = (L_prev - L_next) / L_prev between consecutive measured counts; the point of
 *       diminishing returns is the count N_i before the first step whose gain is below 20%.</li>
 *   <li>Amdahl: serial fraction s fitted by least squares on speedup; USL: sigma, kappa fitted the same way
 *       (USL with kappa = 0 is Amdahl), peak at N* = sqrt((1 - sigma) / kappa).</li>
 * </ul>
 */
public final class CpuScalingAnalysis {
    /** A step that cuts latency by less than this fraction marks diminishing returns. */
    public static final double DIMINISHING_GAIN = 0.20;
    /** Efficiency at the largest count from which more cores per pod are worth buying. */
    public static final double MANY_CORES_EFFICIENCY = 0.80;
    /** Efficiency at 4 CPUs below which extra cores are mostly wasted. */
    public static final double FEW_CORES_EFFICIENCY_AT_4 = 0.50;
    /** A diminishing-returns point at or below this count means per-core speed matters more than core count. */
    public static final double FEW_CORES_DIMINISHING_AT = 2;
    /** Efficiency a count must keep to be part of the "efficient" range used for recommendations. */
    public static final double EFFICIENT = 0.70;

    /** How the largest measured count scales, from its efficiency. */
    public enum Scaling {
        /** efficiency above 1.10: faster than linear (cache effects, or noise in the baseline). */
        SUPER_LINEAR,
        /** efficiency within [0.90, 1.10]. */
        LINEAR,
        /** efficiency within [0.80, 0.90). */
        NEAR_LINEAR,
        /** efficiency within [0.50, 0.80). */
        SUB_LINEAR,
        /** efficiency below 0.50. */
        POOR,
        /** a single CPU count: nothing to compare. */
        SINGLE_POINT
    }

    /** The answer to "many weak cores or few strong cores?". */
    public enum CoreAdvice { MANY_CORES, FEW_STRONG_CORES, MODERATE, INSUFFICIENT_DATA }

    /**
     * One measured count with its derived figures.
     *
     * @param latencyGain   (L_prev - L) / L_prev against the previous (smaller) count; null for the baseline
     * @param rpsSpeedup    rps / rps(baseline) when both were measured
     * @param amdahlSpeedup speedup the fitted Amdahl model predicts at this count
     * @param uslSpeedup    speedup the fitted USL model predicts; null when USL was not fitted
     */
    public record ScalingPoint(double cpus, double latencyMs, double speedup, double efficiency, Double latencyGain,
                               Double rps, Double rpsSpeedup, Double cpuPerWall, Double amdahlSpeedup,
                               Double uslSpeedup) {
    }

    /**
     * @param serialFraction s in [0, 1]
     * @param maxSpeedup     1 / s, the ceiling over one core as N grows without bound; null when s = 0
     * @param rmse           root mean square error of the fitted speedups
     */
    public record AmdahlFit(double serialFraction, Double maxSpeedup, double rmse) {
    }

    /**
     * @param sigma    contention (serial) coefficient in [0, 1]
     * @param kappa    coherency (crosstalk) coefficient in [0, 1]
     * @param peakCpus N* = sqrt((1 - sigma) / kappa) when kappa > 0, else null
     * @param peakNote where the peak lies relative to the measured range, or why there is none
     * @param rmse     root mean square error of the fitted speedups
     */
    public record UslFit(double sigma, double kappa, Double peakCpus, String peakNote, double rmse) {
    }

    /**
     * @param baselineCpus           smallest measured count, the reference for speedup
     * @param baselineNote           set when the baseline is not 1 CPU (speedups are relative to it)
     * @param classification         scaling class of the largest measured count
     * @param diminishingReturnsCpus the count beyond which the next step gains less than 20%; null if none
     * @param amdahl                 null with a single point
     * @param usl                    null with fewer than three points (underdetermined)
     * @param answer                 many weak cores or few strong cores
     * @param recommendedCpusPerPod  CPU count per pod the answer suggests
     * @param rule                   the rule that decided the answer, with the numbers it used
     * @param notes                  anything the reader should know (fits skipped, non-monotonic latencies, ...)
     */
    public record Result(double baselineCpus, String baselineNote, List<ScalingPoint> points, Scaling classification,
                         Double diminishingReturnsCpus, AmdahlFit amdahl, UslFit usl, CoreAdvice answer,
                         double recommendedCpusPerPod, String rule, List<String> notes) {
    }

    private CpuScalingAnalysis() {
    }

    /**
     * @throws IllegalArgumentException with no points, a duplicated CPU count, or a non-positive/NaN value
     */
    public static Result analyze(List<CpuPoint> input) {
        Checks.notEmpty(input, "CPU scaling points");
        List<CpuPoint> sorted = new ArrayList<>(input);
        for (CpuPoint p : sorted) {
            if (p == null) {
                throw new IllegalArgumentException("CPU scaling point is null");
            }
            Checks.positive(p.cpus(), "cpus");
            Checks.positive(p.latencyMs(), "latency_ms at " + p.cpus() + " cpus");
            if (p.rps() != null) {
                Checks.nonNegative(p.rps(), "rps at " + p.cpus() + " cpus");
            }
            if (p.cpuPerWall() != null) {
                Checks.nonNegative(p.cpuPerWall(), "cpu_per_wall at " + p.cpus() + " cpus");
            }
        }
        sorted.sort(Comparator.comparingDouble(CpuPoint::cpus));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).cpus() == sorted.get(i - 1).cpus()) {
                throw new IllegalArgumentException("CPU count " + Checks.fmt(sorted.get(i).cpus())
                        + " is measured twice: give one latency per count");
            }
        }

        CpuPoint base = sorted.get(0);
        double nb = base.cpus();
        int n = sorted.size();
        double[] cpus = new double[n];
        double[] speedup = new double[n];
        double[] efficiency = new double[n];
        for (int i = 0; i < n; i++) {
            cpus[i] = sorted.get(i).cpus();
            speedup[i] = base.latencyMs() / sorted.get(i).latencyMs();
            efficiency[i] = speedup[i] / (cpus[i] / nb);
        }

        List<String> notes = new ArrayList<>();
        String baselineNote = nb == 1 ? null
                : "no 1-CPU measurement: speedup and efficiency are relative to " + Checks.fmt(nb) + " CPUs";
        if (baselineNote != null) {
            notes.add(baselineNote);
        }

        Double diminishing = null;
        for (int i = 1; i < n; i++) {
            double gain = gain(sorted, i);
            if (gain < 0) {
                notes.add("latency rises from " + Checks.fmt(cpus[i - 1]) + " to " + Checks.fmt(cpus[i])
                        + " CPUs (non-monotonic): more cores made it slower, or the measurement is noisy");
            }
            if (diminishing == null && gain < DIMINISHING_GAIN) {
                diminishing = cpus[i - 1];
            }
        }

        AmdahlFit amdahl = null;
        UslFit usl = null;
        if (n >= 2) {
            amdahl = fitAmdahl(cpus, speedup, nb);
            if (n >= 3) {
                usl = fitUsl(cpus, speedup, nb, amdahl.serialFraction());
            } else {
                notes.add("only two CPU counts: the USL fit (two parameters) is underdetermined, Amdahl only");
            }
        } else {
            notes.add("a single CPU count: no speedup, efficiency or model fit can be derived");
        }

        List<ScalingPoint> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CpuPoint p = sorted.get(i);
            Double rpsSpeedup = p.rps() != null && base.rps() != null && base.rps() > 0 ? p.rps() / base.rps() : null;
            Double amdahlS = amdahl == null ? null : amdahlRelative(amdahl.serialFraction(), cpus[i], nb);
            Double uslS = usl == null ? null : uslRelative(usl.sigma(), usl.kappa(), cpus[i], nb);
            points.add(new ScalingPoint(p.cpus(), p.latencyMs(), speedup[i], efficiency[i],
                    i == 0 ? null : gain(sorted, i), p.rps(), rpsSpeedup, p.cpuPerWall(), amdahlS, uslS));
        }

        Scaling classification = n < 2 ? Scaling.SINGLE_POINT : classify(efficiency[n - 1]);
        Decision decision = decide(cpus, efficiency, diminishing, sorted);
        return new Result(nb, baselineNote, List.copyOf(points), classification, diminishing, amdahl, usl,
                decision.answer, decision.cpus, decision.rule, List.copyOf(notes));
    }

    private static double gain(List<CpuPoint> sorted, int i) {
        double prev = sorted.get(i - 1).latencyMs();
        return (prev - sorted.get(i).latencyMs()) / prev;
    }

    static Scaling classify(double efficiency) {
        if (efficiency > 1.10) {
            return Scaling.SUPER_LINEAR;
        }
        if (efficiency >= 0.90) {
            return Scaling.LINEAR;
        }
        if (efficiency >= 0.80) {
            return Scaling.NEAR_LINEAR;
        }
        if (efficiency >= 0.50) {
            return Scaling.SUB_LINEAR;
        }
        return Scaling.POOR;
    }

    private record Decision(CoreAdvice answer, double cpus, String rule) {
    }

    private static Decision decide(double[] cpus, double[] efficiency, Double diminishing, List<CpuPoint> sorted) {
        int n = cpus.length;
        if (n < 2) {
            return new Decision(CoreAdvice.INSUFFICIENT_DATA, cpus[0],
                    "at least two CPU counts are needed to judge scaling; measured only " + Checks.fmt(cpus[0]));
        }
        double efficientLimit = efficientLimit(cpus, efficiency, diminishing);
        String fewCores = ": few strong cores pay off (buy per-core speed, keep pods small and scale out)";
        for (int i = 1; i < n; i++) {
            if (cpus[i] == 4 && efficiency[i] < FEW_CORES_EFFICIENCY_AT_4) {
                return new Decision(CoreAdvice.FEW_STRONG_CORES, efficientLimit,
                        "efficiency at 4 CPUs is " + Checks.fmt(efficiency[i]) + " < "
                                + Checks.fmt(FEW_CORES_EFFICIENCY_AT_4) + fewCores);
            }
        }
        if (diminishing != null && diminishing <= FEW_CORES_DIMINISHING_AT) {
            int i = indexOf(cpus, diminishing);
            return new Decision(CoreAdvice.FEW_STRONG_CORES, efficientLimit,
                    "going from " + Checks.fmt(cpus[i]) + " to " + Checks.fmt(cpus[i + 1]) + " CPUs cuts latency by "
                            + percent(gain(sorted, i + 1)) + " (< " + percent(DIMINISHING_GAIN)
                            + "), so returns diminish at " + Checks.fmt(diminishing) + " <= "
                            + Checks.fmt(FEW_CORES_DIMINISHING_AT) + " CPUs" + fewCores);
        }
        double largest = cpus[n - 1];
        if (efficiency[n - 1] >= MANY_CORES_EFFICIENCY) {
            double recommended = diminishing != null ? diminishing : largest;
            return new Decision(CoreAdvice.MANY_CORES, recommended,
                    "efficiency at " + Checks.fmt(largest) + " CPUs (the largest measured) is "
                            + Checks.fmt(efficiency[n - 1]) + " >= " + Checks.fmt(MANY_CORES_EFFICIENCY)
                            + ": many cores pay off (more cores per pod shorten each request and add throughput)"
                            + (diminishing != null ? "; stop at " + Checks.fmt(diminishing)
                            + " CPUs where the next step gains < " + percent(DIMINISHING_GAIN) : ""));
        }
        return new Decision(CoreAdvice.MODERATE, efficientLimit,
                "efficiency at " + Checks.fmt(largest) + " CPUs (the largest measured) is " + Checks.fmt(efficiency[n - 1])
                        + " < " + Checks.fmt(MANY_CORES_EFFICIENCY) + " and no few-cores rule applies: moderate: up to "
                        + Checks.fmt(efficientLimit) + " CPUs per pod (the largest count keeping efficiency >= "
                        + Checks.fmt(EFFICIENT) + (diminishing != null ? " and before diminishing returns" : "")
                        + "), then scale out");
    }

    /** Largest count such that it and every smaller one keep efficiency >= 0.7, capped at diminishing returns. */
    private static double efficientLimit(double[] cpus, double[] efficiency, Double diminishing) {
        double limit = cpus[0];
        for (int i = 1; i < cpus.length; i++) {
            if (efficiency[i] < EFFICIENT || (diminishing != null && cpus[i] > diminishing)) {
                break;
            }
            limit = cpus[i];
        }
        return limit;
    }

    private static int indexOf(double[] values, double value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        throw new IllegalStateException("not measured: " + value);
    }

    private static String percent(double fraction) {
        return Checks.fmt(Math.round(fraction * 1000) / 10.0) + "%";
    }

    // ---- model fits -------------------------------------------------------------------------------------

    /** Amdahl speedup at n over the baseline count nb: A(n) / A(nb) with A(n) = 1 / (s + (1 - s) / n). */
    public static double amdahlRelative(double s, double n, double nb) {
        return (s + (1 - s) / nb) / (s + (1 - s) / n);
    }

    /** USL capacity at n over the baseline count nb: C(n) / C(nb) with C(n) = n / (1 + sigma(n-1) + kappa n(n-1)). */
    public static double uslRelative(double sigma, double kappa, double n, double nb) {
        return usl(sigma, kappa, n) / usl(sigma, kappa, nb);
    }

    private static double usl(double sigma, double kappa, double n) {
        return n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
    }

    private static double sumSquares(double[] cpus, double[] speedup, DoubleUnaryOperator model) {
        double sum = 0;
        for (int i = 0; i < cpus.length; i++) {
            double r = speedup[i] - model.applyAsDouble(cpus[i]);
            sum += r * r;
        }
        return sum;
    }

    static AmdahlFit fitAmdahl(double[] cpus, double[] speedup, double nb) {
        UnivariateFunction cost = s -> sumSquares(cpus, speedup, n -> amdahlRelative(s, n, nb));
        double best = new BrentOptimizer(1e-12, 1e-15).optimize(new MaxEval(10_000),
                new UnivariateObjectiveFunction(cost), GoalType.MINIMIZE, new SearchInterval(0, 1)).getPoint();
        // Brent never evaluates the interval ends; a fit that wants s outside [0, 1] belongs on the bound.
        for (double edge : new double[] {0, 1}) {
            if (cost.value(edge) <= cost.value(best)) {
                best = edge;
            }
        }
        double rmse = Math.sqrt(cost.value(best) / cpus.length);
        return new AmdahlFit(best, best > 0 ? 1 / best : null, rmse);
    }

    static UslFit fitUsl(double[] cpus, double[] speedup, double nb, double amdahlS) {
        ObjectiveFunction cost = new ObjectiveFunction(
                p -> sumSquares(cpus, speedup, n -> uslRelative(p[0], p[1], n, nb)));
        PointValuePair best = null;
        // Several starts keep the result independent of one unlucky guess; USL with kappa = 0 equals Amdahl,
        // so starting at the Amdahl fit guarantees USL never fits worse than Amdahl.
        double[][] starts = {{amdahlS, 0}, {0.05, 0.001}, {0.3, 0.05}, {0.1, 0.3}};
        for (double[] start : starts) {
            PointValuePair candidate = new BOBYQAOptimizer(5, 0.05, 1e-10).optimize(new MaxEval(20_000), cost,
                    GoalType.MINIMIZE, new InitialGuess(start),
                    new SimpleBounds(new double[] {0, 0}, new double[] {1, 1}));
            if (best == null || candidate.getValue() < best.getValue()) {
                best = candidate;
            }
        }
        double sigma = best.getPoint()[0];
        double kappa = best.getPoint()[1];
        double rmse = Math.sqrt(best.getValue() / cpus.length);
        double largest = cpus[cpus.length - 1];
        if (kappa <= 1e-9) {
            return new UslFit(sigma, kappa, null, "no peak in range: kappa is 0 (no coherency cost), capacity keeps"
                    + " rising " + (sigma > 0 ? "toward " + Checks.fmt(1 / sigma) + "x one core" : "linearly"), rmse);
        }
        double peak = Math.sqrt(Math.max(0, 1 - sigma) / kappa);
        String where = peak < cpus[0] ? "below the smallest measured count: every added core already costs capacity"
                : peak <= largest ? "within the measured range"
                : "beyond the largest measured count (" + Checks.fmt(largest) + "): extrapolated, measure before relying on it";
        return new UslFit(sigma, kappa, peak, "capacity peaks near " + Checks.fmt(peak) + " CPUs, " + where, rmse);
    }
}
