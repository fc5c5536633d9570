package org.sttbench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A stage cut into equal slices (at least 1 s, at most 20 per stage) by intended send time, counted as
 * answers arrive, so a caller can see whether the stage was steady or drifting.
 */
final class StageWindows {
    private final long startNanos;
    private final long windowNanos;
    private final LongAdder[] scheduled, completed, successes, good;
    private final Histogram[] latency;

    StageWindows(long startNanos, double plannedS) {
        this.startNanos = startNanos;
        long planned = (long) (plannedS * 1e9);
        this.windowNanos = Math.max(1_000_000_000L, planned / 20);
        int n = (int) Math.max(1, (planned + windowNanos - 1) / windowNanos);
        scheduled = adders(n);
        completed = adders(n);
        successes = adders(n);
        good = adders(n);
        latency = new Histogram[n];
        for (int i = 0; i < n; i++) {
            // 2 significant digits: a window's p95 is for comparing windows, not for reporting
            latency[i] = new ConcurrentHistogram(1, LatencyStats.HIGHEST_TRACKABLE_MICROS, 2);
        }
    }

    private static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    private int index(long nanos) {
        return (int) Math.min(scheduled.length - 1, Math.max(0, (nanos - startNanos) / windowNanos));
    }

    void arrival(long intendedNanos) {
        scheduled[index(intendedNanos)].increment();
    }

    void answer(long intendedNanos, RequestOutcome outcome, boolean isGood) {
        completed[index(outcome.endNanos())].increment();
        if (outcome.success()) {
            int w = index(intendedNanos);
            successes[w].increment();
            LatencyStats.recordNanos(latency[w], outcome.endNanos() - intendedNanos);
            if (isGood) {
                good[w].increment();
            }
        }
    }

    /** The windows up to the stage's end (fewer than planned when it ended early). */
    List<StageResult.Window> results(long endNanos) {
        List<StageResult.Window> out = new ArrayList<>();
        for (int i = 0; i < scheduled.length; i++) {
            long offset = i * windowNanos;
            if (i > 0 && offset >= endNanos - startNanos) {
                break;
            }
            out.add(new StageResult.Window(LatencyStats.round(offset / 1e9), LatencyStats.round(windowNanos / 1e9),
                    scheduled[i].sum(), completed[i].sum(), successes[i].sum(), good[i].sum(),
                    LatencyStats.of(latency[i]).p95Ms()));
        }
        return out;
    }
}
