package org.sttbench.load;

/**
 * When an open-model stage ends before its planned duration, because running it out would only waste
 * time: the server has fallen behind for good (arrivals dropped at max in-flight), has stopped answering,
 * or fails too often. A capacity search uses it so a step past capacity costs seconds, not minutes.
 *
 * @param onSaturation   end once an arrival is dropped because max in-flight requests are outstanding
 * @param stallS         end when requests are outstanding and none has completed for this long; 0 = never
 * @param maxErrorRate   end when more than this share of the completed requests failed (after
 *                       {@code minCompleted}); 1 = never
 * @param minCompleted   completions before the error rate is judged
 */
public record StopRule(boolean onSaturation, double stallS, double maxErrorRate, int minCompleted) {
    /** Run every stage out, whatever happens (the plain {@code load} command). */
    public static final StopRule NEVER = new StopRule(false, 0, 1, Integer.MAX_VALUE);

    /** End on saturation, a 5 s stall, or more than half of at least 20 requests failing. */
    public static final StopRule CAPACITY_SEARCH = new StopRule(true, 5, 0.5, 20);
}
