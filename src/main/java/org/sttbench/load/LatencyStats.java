package org.sttbench.load;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Percentiles of a latency histogram, in milliseconds. Histograms record microseconds (1 us to 1 h,
 * 3 significant digits, so any value is within 0.1%).
 */
public record LatencyStats(long n, double minMs, double avgMs, double p50Ms, double p90Ms, double p95Ms,
                           double p99Ms, double maxMs, double stddevMs) {

    public static final long HIGHEST_TRACKABLE_MICROS = 3_600_000_000L;

    /** A thread-safe microsecond histogram with the range and precision all load figures use. */
    public static Histogram newHistogram() {
        return new ConcurrentHistogram(1, HIGHEST_TRACKABLE_MICROS, 3);
    }

    public static void recordNanos(AbstractHistogram histogram, long nanos) {
        long micros = Math.max(1, Math.min(HIGHEST_TRACKABLE_MICROS, nanos / 1000));
        histogram.recordValue(micros);
    }

    public static LatencyStats of(AbstractHistogram h) {
        if (h.getTotalCount() == 0) {
            return new LatencyStats(0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new LatencyStats(h.getTotalCount(), ms(h.getMinValue()), round(h.getMean() / 1000.0),
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(95)),
                ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()), round(h.getStdDeviation() / 1000.0));
    }

    private static double ms(long micros) {
        return round(micros / 1000.0);
    }

    static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
