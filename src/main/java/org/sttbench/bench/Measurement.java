package org.sttbench.bench;

import org.sttbench.analysis.LatencySummary;


/**
 * One measured condition: a clip transcribed {@code iterations} times at a CPU limit and thread count.
 *
 * @param suite          which suite made it
 * @param audio          the clip
 * @param iterations     measured repetitions (warm-up excluded)
 * @param warmup         unmeasured repetitions before them
 * @param cpuLimit       CPUs the worker had (null: unlimited)
 * @param threads        whisper.cpp threads
 * @param avgLatencyMs   mean inference time per transcription
 * @param latency        summary of the inference times
 * @param samplesMs      every measured inference time, in order, so any result can be re-analysed
 * @param rps            transcriptions per second of measured wall time
 * @param rtf            mean inference time over audio duration
 * @param decodeMs       time to decode and resample the clip
 * @param peakRssMb      worker's peak resident memory after this measurement
 * @param wer            word error rate against the reference transcript, null without one
 * @param transcript     the first transcript, cut to a readable length
 */
public record Measurement(
        Suite suite,
        AudioRef audio,
        int iterations,
        int warmup,
        Double cpuLimit,
        int threads,
        double avgLatencyMs,
        LatencySummary latency,
        double[] samplesMs,
        double rps,
        double rtf,
        double decodeMs,
        Double peakRssMb,
        Double wer,
        String transcript) {
}
