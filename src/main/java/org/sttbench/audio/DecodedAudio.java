package org.sttbench.audio;

import java.nio.file.Path;

/**
 * A clip ready for Whisper: 16 kHz mono float samples in [-1, 1].
 *
 * @param source      the file it came from
 * @param format      container/codec as detected (wav, mp3, flac, ogg, m4a)
 * @param samples     16 kHz mono PCM
 * @param durationS   samples.length / 16000
 * @param decodeNanos wall time spent decoding and resampling
 */
public record DecodedAudio(Path source, String format, float[] samples, double durationS, long decodeNanos) {
    public static final int SAMPLE_RATE = 16_000;

    public double decodeMs() {
        return decodeNanos / 1e6;
    }
}
