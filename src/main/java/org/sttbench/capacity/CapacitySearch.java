package org.sttbench.capacity;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.sttbench.analysis.CapacityMath;

/**
 * Finds the highest arrival rate a target sustains within an SLA: find a rate that holds (the start rate,
 * else a quarter of it, and so on), double until one fails, then bisect between the two until they are
 * within the precision or the budget runs out. Each step is an open-model stage (see {@link RateProbe}).
 *
 * <p>Bisection is guided by what a failed step completed: a server pushed past its capacity completes
 * about its capacity per second, so that figure, when it lies inside the bracket, is the next rate tried
 * instead of the midpoint. It saves steps; correctness still rests on the bracket alone.
 */
public final class CapacitySearch {
    /** Latency at a rate more than this times the lowest rate's marks the knee. */
    public static final double KNEE_FACTOR = 2.0;
    /** Arrivals a step needs before its late sends can show the generator's limit. */
    static final int MIN_SENDS_FOR_GENERATOR_LIMIT = 50;

    private final RateProbe probe;
    private final SearchSettings settings;
    private final LongSupplier nanoTime;
    private final Consumer<String> progress;

    public CapacitySearch(RateProbe probe, SearchSettings settings, LongSupplier nanoTime, Consumer<String> progress) {
        this.probe = probe;
        this.settings = settings;
        this.nanoTime = nanoTime;
        this.progress = progress == null ? s -> { } : progress;
    }

    public CapacitySearch(RateProbe probe, SearchSettings settings, Consumer<String> progress) {
        this(probe, settings, System::nanoTime, progress);
    }

    public CapacityResult run() {
        long start = nanoTime.getAsLong();
        long deadline = start + settings.budget().toNanos();
        List<CapacityResult.Step> steps = new ArrayList<>();
        Bracket b = new Bracket();
        double rate = settings.startRate();

        // 1. a rate that holds: the start rate, else a quarter of it, down to the minimum
        while (b.lo == null && b.outcome == null) {
            take(b, steps, rate, deadline, steps.isEmpty());
            if (b.lo == null && b.outcome == null) {
                double lower = rate / 4;
                if (lower < SearchSettings.MIN_RATE) {
                    b.outcome = CapacityResult.NONE_MET;
                } else {
                    rate = lower;
                }
            }
        }

        // 2. double until a rate fails, then 3. bisect until the bracket is within the precision
        while (b.outcome == null && b.lo != null) {
            if (b.hi == null) {
                rate = Math.min(b.lo * 2, settings.maxRate());
                if (rate <= b.lo) {
                    b.outcome = CapacityResult.FOUND;
                    b.message = "the SLA held up to the highest rate allowed, " + fmt(b.lo) + " req/s";
                    break;
                }
            } else if (b.hi > b.lo * (1 + settings.precision())) {
                double gap = b.hi - b.lo;
                rate = b.guide != null && b.guide > b.lo + gap * 0.1 && b.guide < b.hi - gap * 0.1 ? b.guide
                        : b.lo + gap / 2;
                b.guide = null;
            } else {
                break;
            }
            take(b, steps, rate, deadline, false);
        }
        Double lo = b.lo;
        Double hi = b.hi;
        String outcome = b.outcome;
        String message = b.message;

        if (outcome == null) {
            outcome = CapacityResult.FOUND;
        }
        if (lo == null && (outcome.equals(CapacityResult.NONE_MET) || outcome.equals(CapacityResult.BUDGET))
                && !steps.isEmpty()) {
            boolean budget = outcome.equals(CapacityResult.BUDGET);
            CapacityResult.Step lowest = steps.stream()
                    .min(Comparator.comparingDouble(s -> s.measurement().rate())).orElseThrow();
            outcome = CapacityResult.NONE_MET;
            message = "not even the lowest rate tried held the SLA: at " + fmt(lowest.measurement().rate())
                    + " req/s " + figures(lowest) + (budget ? "; the budget left no room to try a lower rate" : "");
        }
        if (message == null) {
            message = summary(outcome, lo, hi);
        } else if (lo != null && !outcome.equals(CapacityResult.FOUND)) {
            message = message + "; the highest rate that met the SLA was " + fmt(lo) + " req/s";
        }
        double elapsed = (nanoTime.getAsLong() - start) / 1e9;
        List<CapacityResult.Step> byRate = steps.stream()
                .sorted(Comparator.comparingDouble(s -> s.measurement().rate())).toList();
        Double knee = CapacityMath.knee(byRate.stream().map(s -> s.measurement().rate()).toList(),
                byRate.stream().map(s -> s.measurement().p95Ms()).toList(), KNEE_FACTOR);
        return new CapacityResult(settings.slaP95Ms(), settings.maxErrorRate(), settings.budget().toMillis() / 1000.0,
                round(elapsed), outcome, lo, knee, message, steps);
    }

    private record Ending(String outcome, String message) {
    }

    /** What the steps so far say: the highest rate that met the SLA, the lowest that did not, and any end. */
    private static final class Bracket {
        Double lo;
        Double hi;
        /** Where the failed step's own figures put the capacity (a better next rate than the midpoint). */
        Double guide;
        String outcome;
        String message;
    }

    /** Runs a step at {@code rate}, when it fits in the budget, and moves the bracket by its verdict. */
    private void take(Bracket b, List<CapacityResult.Step> steps, double rate, long deadline, boolean first) {
        CapacityResult.Step step = step(steps, rate, deadline);
        if (step == null) {
            b.outcome = CapacityResult.BUDGET;
            return;
        }
        Verdict v = verdict(step);
        Ending end = ending(v, step, first);
        if (v == Verdict.MET) {
            b.lo = rate;
        } else if (end != null) {
            b.outcome = end.outcome();
            b.message = end.message();
        } else {
            b.hi = rate;
            b.guide = guide(step.measurement());
        }
    }

    /**
     * Whether a failed step ends the search: the target is down (at the first step, or stopped answering
     * later), every request of the first step failed, or the generator hit its own limit. Null to go on.
     */
    private static Ending ending(Verdict v, CapacityResult.Step step, boolean first) {
        StepMeasurement m = step.measurement();
        return switch (v) {
            case DOWN -> new Ending(CapacityResult.TARGET_DOWN, first
                    ? "the target is down: no request at " + fmt(m.rate()) + " req/s got a response (" + causes(m) + ")"
                    : "the target stopped answering at " + fmt(m.rate()) + " req/s (" + causes(m) + ")");
            case ALL_ERRORS -> first ? new Ending(CapacityResult.ALL_ERRORS, "every request at " + fmt(m.rate())
                    + " req/s failed (" + causes(m) + "): the target answers, but not with transcriptions") : null;
            case GENERATOR_LIMIT -> new Ending(CapacityResult.GENERATOR_LIMIT, generatorLimit(m));
            default -> null;
        };
    }

    private String summary(String outcome, Double lo, Double hi) {
        if (outcome.equals(CapacityResult.BUDGET)) {
            return lo == null ? "the budget of " + settings.budget().toSeconds() + " s ran out before any step"
                    : "the budget ran out: " + fmt(lo) + " req/s met the SLA" + (hi == null ? "; no rate failed yet"
                    : ", " + fmt(hi) + " req/s did not");
        }
        return fmt(lo) + " req/s met the SLA (p95 <= " + fmt(settings.slaP95Ms()) + " ms)"
                + (hi == null ? "" : "; " + fmt(hi) + " req/s did not");
    }

    /** Runs one step when it fits in what is left of the budget; null when it does not. */
    private CapacityResult.Step step(List<CapacityResult.Step> steps, double rate, long deadline) {
        long remaining = deadline - nanoTime.getAsLong();
        if (remaining < probe.minimumStep(rate).toNanos()) {
            return null;
        }
        // no step takes more than a quarter of the budget (or its minimum): the search needs several steps
        long share = Math.max(probe.minimumStep(rate).toNanos(), settings.budget().toNanos() / 4);
        StepMeasurement m = probe.measure(rate, Duration.ofNanos(Math.min(remaining, share)));
        Verdict v = judge(m);
        CapacityResult.Step step = new CapacityResult.Step(steps.size() + 1, v.label(), reason(v, m), m);
        steps.add(step);
        progress.accept(String.format(Locale.ROOT, "  %8s req/s: p50 %s ms, p95 %s ms, goodput %s req/s, errors %d,"
                        + " dropped %d -> %s", fmt(rate), fmt(m.p50Ms()), fmt(m.p95Ms()), fmt(m.goodputRps()), m.errors(),
                m.dropped(), step.reason()));
        return step;
    }

    private static Verdict verdict(CapacityResult.Step step) {
        for (Verdict v : Verdict.values()) {
            if (v.label().equals(step.verdict())) {
                return v;
            }
        }
        throw new IllegalStateException(step.verdict());
    }

    /** The verdict on one step; the first rule that applies wins (see {@link Verdict}). */
    /**
     * Whether a stage of this many arrivals, this many of them sent late, hit the generator's own limit
     * rather than measured the target. A few late sends at a low rate are the machine's scheduling noise.
     */
    public static boolean generatorLimited(long scheduled, long late, double maxLateShare) {
        return scheduled >= MIN_SENDS_FOR_GENERATOR_LIMIT && late > maxLateShare * scheduled;
    }

    Verdict judge(StepMeasurement m) {
        if (m.successes() == 0 && m.errors() > 0 && m.errorsByCause().keySet().stream()
                .allMatch(c -> c.equals("connection_refused") || c.equals("timeout"))) {
            return Verdict.DOWN;
        }
        if (m.successes() == 0 && m.errors() > 0) {
            return Verdict.ALL_ERRORS;
        }
        if (m.dropped() > 0) {
            return Verdict.DROPPED;
        }
        if (generatorLimited(m.scheduled(), m.late(), settings.maxLateShare())) {
            return Verdict.GENERATOR_LIMIT;
        }
        if (m.errorRate() > settings.maxErrorRate()) {
            return Verdict.ERRORS;
        }
        if (m.successes() == 0 || m.p95Ms() > settings.slaP95Ms()) {
            return Verdict.SLA_MISSED;
        }
        if (m.rising()) {
            return Verdict.SATURATED;
        }
        return Verdict.MET;
    }

    private String reason(Verdict v, StepMeasurement m) {
        return switch (v) {
            case MET -> "met the SLA" + (m.stable() ? "" : " (windows did not settle within tolerance)");
            case SLA_MISSED -> "p95 " + fmt(m.p95Ms()) + " ms > SLA " + fmt(settings.slaP95Ms()) + " ms";
            case SATURATED -> "latency rose window after window: the server falls behind this rate";
            case ERRORS -> "error rate " + fmt(m.errorRate() * 100) + "% > " + fmt(settings.maxErrorRate() * 100)
                    + "% (" + causes(m) + ")";
            case DROPPED -> m.dropped() + " arrivals dropped at the in-flight cap: the server fell far behind";
            case GENERATOR_LIMIT -> generatorLimit(m);
            case ALL_ERRORS -> "every request failed (" + causes(m) + ")";
            case DOWN -> "no response (" + causes(m) + ")";
        };
        }

    private static String generatorLimit(StepMeasurement m) {
        return "the generator could not send " + fmt(m.rate()) + " req/s (" + fmt(m.lateShare() * 100)
                + "% of sends late, none dropped): this is the generator's limit, not the server's";
    }

    /** Where the server topped out when it failed from overload, for the next bisection point. */
    private static Double guide(StepMeasurement m) {
        return m.throughputRps() > 0 && m.throughputRps() < m.rate() ? m.throughputRps() : null;
    }

    private static String figures(CapacityResult.Step s) {
        StepMeasurement m = s.measurement();
        return "p50 " + fmt(m.p50Ms()) + " ms, p95 " + fmt(m.p95Ms()) + " ms, p99 " + fmt(m.p99Ms()) + " ms, goodput "
                + fmt(m.goodputRps()) + " req/s, " + m.errors() + " error(s), " + m.dropped() + " dropped (" + s.reason()
                + ")";
    }

    static String causes(StepMeasurement m) {
        if (m.errorsByCause().isEmpty()) {
            return "no errors";
        }
        return m.errorsByCause().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "));
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
