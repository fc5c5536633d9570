package org.sttbench.analysis;

import org.apache.commons.math3.analysis.solvers.BrentSolver;

/**
 * The M/M/c queue: Poisson arrivals, exponential service times, c identical servers, first come first served.
 * Loads are given as the offered load a = lambda / mu (in Erlangs, i.e. busy servers needed on average) and
 * the mean service time in ms; the service rate is mu = 1 / serviceMs.
 *
 * <p>When a >= c the queue grows without bound: the probability of waiting is 1 and waits are infinite.
 *
 * <p>Response time T = W + S (wait plus service). Its tail is exact for M/M/c:
 * W is 0 with probability 1 - C and otherwise exponential with rate theta = c*mu - lambda, independent of S,
 * so P(T > t) = (1 - C) e^(-mu t) + C * P(E_theta + E_mu > t), where the tail of the sum of two independent
 * exponentials is (theta e^(-mu t) - mu e^(-theta t)) / (theta - mu), or (1 + mu t) e^(-mu t) when theta = mu.
 * Quantiles are found by root finding on that tail.
 */
public final class ErlangC {
    private ErlangC() {
    }

    /** Erlang C: the probability that an arriving request has to wait. */
    public static double probabilityOfWaiting(int c, double offeredLoad) {
        check(c, offeredLoad);
        if (offeredLoad == 0) {
            return 0;
        }
        if (offeredLoad >= c) {
            return 1;
        }
        // Erlang B by its recurrence (stable for large c), then C = c B / (c - a (1 - B)).
        double b = 1;
        for (int k = 1; k <= c; k++) {
            b = offeredLoad * b / (k + offeredLoad * b);
        }
        return c * b / (c - offeredLoad * (1 - b));
    }

    /** Mean time in queue (before service starts), ms: C / (c mu - lambda). Infinite when a >= c. */
    public static double meanWaitMs(int c, double offeredLoad, double serviceMs) {
        check(c, offeredLoad);
        Checks.positive(serviceMs, "service time ms");
        if (offeredLoad >= c) {
            return Double.POSITIVE_INFINITY;
        }
        return probabilityOfWaiting(c, offeredLoad) * serviceMs / (c - offeredLoad);
    }

    /** P(W > t): C e^(-(c mu - lambda) t). */
    public static double waitTail(int c, double offeredLoad, double serviceMs, double tMs) {
        check(c, offeredLoad);
        Checks.positive(serviceMs, "service time ms");
        Checks.nonNegative(tMs, "t");
        if (offeredLoad >= c) {
            return 1;
        }
        double theta = (c - offeredLoad) / serviceMs;
        return probabilityOfWaiting(c, offeredLoad) * Math.exp(-theta * tMs);
    }

    /** The p-quantile of the wait, ms: 0 when C <= 1 - p, else ln(C / (1 - p)) / theta. */
    public static double waitQuantileMs(int c, double offeredLoad, double serviceMs, double p) {
        check(c, offeredLoad);
        Checks.positive(serviceMs, "service time ms");
        checkP(p);
        if (offeredLoad >= c) {
            return Double.POSITIVE_INFINITY;
        }
        double pw = probabilityOfWaiting(c, offeredLoad);
        if (pw <= 1 - p) {
            return 0;
        }
        return Math.log(pw / (1 - p)) * serviceMs / (c - offeredLoad);
    }

    /** P(T > t) for the response time T = W + S, exact for M/M/c (formula on the class). */
    public static double responseTail(int c, double offeredLoad, double serviceMs, double tMs) {
        check(c, offeredLoad);
        Checks.positive(serviceMs, "service time ms");
        Checks.nonNegative(tMs, "t");
        if (offeredLoad >= c) {
            return 1;
        }
        double mu = 1 / serviceMs;
        double theta = (c - offeredLoad) / serviceMs;
        double pw = probabilityOfWaiting(c, offeredLoad);
        double sumTail;
        if (Math.abs(theta - mu) <= 1e-12 * mu) {
            sumTail = (1 + mu * tMs) * Math.exp(-mu * tMs);
        } else {
            sumTail = (theta * Math.exp(-mu * tMs) - mu * Math.exp(-theta * tMs)) / (theta - mu);
        }
        return (1 - pw) * Math.exp(-mu * tMs) + pw * sumTail;
    }

    /** The p-quantile of the response time (wait + service), ms. Infinite when a >= c. */
    public static double responseQuantileMs(int c, double offeredLoad, double serviceMs, double p) {
        check(c, offeredLoad);
        Checks.positive(serviceMs, "service time ms");
        checkP(p);
        if (offeredLoad >= c) {
            return Double.POSITIVE_INFINITY;
        }
        double target = 1 - p;
        double hi = serviceMs;
        while (responseTail(c, offeredLoad, serviceMs, hi) > target) {
            hi *= 2;
        }
        return new BrentSolver(1e-12, 1e-9).solve(10_000,
                t -> responseTail(c, offeredLoad, serviceMs, t) - target, 0, hi);
    }

    private static void check(int c, double offeredLoad) {
        if (c < 1) {
            throw new IllegalArgumentException("servers must be >= 1, got " + c);
        }
        Checks.nonNegative(offeredLoad, "offered load");
    }

    private static void checkP(double p) {
        Checks.finite(p, "quantile");
        if (p <= 0 || p >= 1) {
            throw new IllegalArgumentException("quantile must be within (0, 1), got " + p);
        }
    }
}
