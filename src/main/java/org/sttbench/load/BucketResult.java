package org.sttbench.load;

/**
 * The requests of one clip-length bucket (e.g. {@code 5-15s}) within a level or stage.
 *
 * @param requests   requests sent with a clip of this bucket
 * @param good       successes within the latency bound
 * @param goodShare  good / requests
 * @param latency    successful requests' latency (from the intended send in the open model)
 */
public record BucketResult(long requests, long successes, long errors, long good, double goodShare,
                           LatencyStats latency) {
}
