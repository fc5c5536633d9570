package org.sttbench.capacity;

import java.time.Duration;
import org.sttbench.BadInputException;

/**
 * What a capacity search looks for and how long it may take.
 *
 * @param slaP95Ms     a step meets the SLA when its steady p95 (from intended send time) is within this
 * @param maxErrorRate and no more than this share of its requests failed
 * @param budget       the whole search stops within this; a step never starts unless it fits
 * @param startRate    first rate tried (req/s); the search doubles up from it, or quarters down when it fails
 * @param maxRate      the search never offers more than this
 * @param precision    bisection stops when the failing rate is within this fraction above the passing one
 * @param maxLateShare a step with more of its sends late than this, none dropped, hit the generator's limit
 */
public record SearchSettings(double slaP95Ms, double maxErrorRate, Duration budget, double startRate,
                             double maxRate, double precision, double maxLateShare) {
    public static final double DEFAULT_MAX_ERROR_RATE = 0.01;
    public static final Duration DEFAULT_BUDGET = Duration.ofMinutes(5);
    public static final double DEFAULT_PRECISION = 0.05;
    public static final double DEFAULT_MAX_LATE_SHARE = 0.2;
    /** Below this the search stops going down: one request every 100 s says nothing about a service. */
    public static final double MIN_RATE = 0.01;

    public SearchSettings {
        if (!(slaP95Ms > 0)) {
            throw new BadInputException("the SLA p95 must be > 0 ms, got " + slaP95Ms);
        }
        if (!(maxErrorRate >= 0 && maxErrorRate < 1)) {
            throw new BadInputException("the max error rate must be within [0, 1), got " + maxErrorRate);
        }
        if (budget == null || budget.isNegative() || budget.isZero()) {
            throw new BadInputException("the capacity budget must be a positive duration, got " + budget);
        }
        if (!(startRate >= MIN_RATE) || !(maxRate >= startRate) || maxRate > 100_000) {
            throw new BadInputException("rates must satisfy " + MIN_RATE + " <= start (" + startRate + ") <= max ("
                    + maxRate + ") <= 100000 req/s");
        }
        if (!(precision > 0 && precision < 1)) {
            throw new BadInputException("the search precision must be within (0, 1), got " + precision);
        }
    }

    public static SearchSettings of(double slaP95Ms, Double maxErrorRate, Duration budget, Double startRate) {
        return new SearchSettings(slaP95Ms, maxErrorRate == null ? DEFAULT_MAX_ERROR_RATE : maxErrorRate,
                budget == null ? DEFAULT_BUDGET : budget, startRate == null ? 1 : startRate, 100_000,
                DEFAULT_PRECISION, DEFAULT_MAX_LATE_SHARE);
    }
}
