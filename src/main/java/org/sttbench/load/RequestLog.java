package org.sttbench.load;

import org.HdrHistogram.Histogram;

/**
 * Where raw measurements go besides the summary: every request, and each stage's or level's latency
 * histogram, so runs and replicas can be merged exactly later. Called from request threads.
 */
public interface RequestLog extends AutoCloseable {
    RequestLog NONE = new RequestLog() {
        @Override
        public void request(String phase, PreparedWorkload.Clip clip, long intendedNanos, long sentNanos,
                            RequestOutcome outcome, boolean good) {
        }

        @Override
        public void interval(String tag, long startNanos, long endNanos, Histogram latency) {
        }
    };

    /**
     * @param phase         stage or level label, e.g. {@code stage-0} or {@code c-4}
     * @param intendedNanos System.nanoTime() the request was due (the send time in the closed model)
     * @param sentNanos     System.nanoTime() it went out
     */
    void request(String phase, PreparedWorkload.Clip clip, long intendedNanos, long sentNanos,
                 RequestOutcome outcome, boolean good);

    /** A finished stage's or level's latency histogram (microseconds) over [start, end] in nanoTime. */
    void interval(String tag, long startNanos, long endNanos, Histogram latency);

    @Override
    default void close() {
    }
}
