package org.sttbench.engine;

import java.util.List;

/**
 * What one transcription produced and cost.
 *
 * @param text            the segments' text joined and trimmed
 * @param segments        as whisper.cpp split them
 * @param language        the language requested ("auto" when detection was asked for)
 * @param audioDurationS  length of the clip transcribed
 * @param inferenceNanos  wall time inside whisper.cpp (encoder + decoder), excluding audio decoding
 * @param threads         whisper.cpp threads used
 */
public record Transcription(String text, List<Segment> segments, String language, double audioDurationS,
                            long inferenceNanos, int threads) {

    public double inferenceMs() {
        return inferenceNanos / 1e6;
    }

    /** Real-time factor: inference time over audio time; below 1 is faster than real time. */
    public double rtf() {
        return audioDurationS <= 0 ? Double.NaN : inferenceNanos / 1e9 / audioDurationS;
    }
}
