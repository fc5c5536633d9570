package org.sttbench.serve;

import java.util.List;

/**
 * What the server returns for one upload, independent of the engine's own types.
 *
 * @param language       detected or requested language code
 * @param durationS      audio duration in seconds
 * @param inferenceNanos time the engine spent on it (decoding excluded)
 */
public record ServedTranscription(String text, List<Segment> segments, String language, double durationS,
                                  long inferenceNanos) {
    public ServedTranscription {
        text = text == null ? "" : text;
        segments = segments == null ? List.of() : List.copyOf(segments);
    }

    public record Segment(long startMs, long endMs, String text) {
    }
}
