package org.sttbench.load;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.sttbench.BadInputException;

/**
 * When the requests of an open-model stage are due. The gaps between arrivals follow a gamma
 * distribution with mean 1/rate and shape {@code burstiness} (the definition vLLM's benchmark uses):
 * 1 is a Poisson process (exponential gaps, independent users), below 1 arrivals come in bursts with
 * longer quiet spells between them, above 1 they are more regular, and constant is the limit of a very
 * large burstiness: exactly 1/rate apart.
 *
 * @param kind       constant, poisson or gamma
 * @param burstiness gamma's shape; 1 for poisson, infinite for constant
 */
public record ArrivalProcess(String kind, double burstiness) {
    public static final String CONSTANT = "constant";
    public static final String POISSON = "poisson";
    public static final String GAMMA = "gamma";

    public ArrivalProcess {
        if (!(burstiness > 0)) {
            throw new BadInputException("burstiness must be above 0 (1 = Poisson, < 1 burstier, > 1 more regular): "
                    + burstiness);
        }
    }

    public static ArrivalProcess constant() {
        return new ArrivalProcess(CONSTANT, Double.POSITIVE_INFINITY);
    }

    public static ArrivalProcess poisson() {
        return new ArrivalProcess(POISSON, 1);
    }

    public static ArrivalProcess gamma(double burstiness) {
        return new ArrivalProcess(GAMMA, burstiness);
    }

    /** Parses {@code constant}, {@code poisson} or {@code gamma:B} (B the burstiness). */
    public static ArrivalProcess parse(String text) {
        String t = text == null ? CONSTANT : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals(CONSTANT)) {
            return constant();
        }
        if (t.equals(POISSON)) {
            return poisson();
        }
        if (t.startsWith(GAMMA + ":")) {
            try {
                return gamma(Double.parseDouble(t.substring(GAMMA.length() + 1)));
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
        }
        throw new BadInputException("bad arrival process '" + text
                + "': use constant, poisson or gamma:B (B = burstiness, e.g. gamma:0.5)");
    }

    /** How results name it: constant, poisson, gamma(0.5). */
    public String label() {
        return kind.equals(GAMMA) ? GAMMA + "(" + burstiness + ")" : kind;
    }

    /**
     * The intended send times of a stage, in nanoseconds from its start, all below its duration. Drawn
     * completely before the stage starts, from {@code seed}, so the same seed gives the same schedule.
     */
    public long[] schedule(double rate, double durationS, long seed) {
        long durationNanos = (long) (durationS * 1e9);
        if (kind.equals(CONSTANT)) {
            int n = (int) Math.max(1, Math.round(rate * durationS));
            long[] out = new long[n];
            double gap = 1e9 / rate;
            for (int i = 0; i < n; i++) {
                out[i] = (long) (i * gap);
            }
            return out;
        }
        // shape k, scale 1/(rate k): the mean gap is 1/rate whatever the burstiness
        GammaDistribution gaps = new GammaDistribution(new Well19937c(seed), burstiness, 1e9 / (rate * burstiness));
        long[] out = new long[(int) Math.max(16, rate * durationS * 1.5)];
        int n = 0;
        double t = 0;
        while (true) {
            t += gaps.sample();
            if (t >= durationNanos) {
                break;
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            out[n++] = (long) t;
        }
        return Arrays.copyOf(out, n);
    }
}
