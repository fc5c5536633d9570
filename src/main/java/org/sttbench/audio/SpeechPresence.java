package org.sttbench.audio;

import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * A cheap check that a clip holds something like speech before minutes of benchmark time are spent on
 * it. Speech is voiced (harmonic spectra: low spectral flatness in many frames) and comes in syllables
 * and pauses (a loudness envelope that varies a lot); silence has no energy, and hiss or hum is
 * steady. A clip fails only when it looks like neither.
 */
public final class SpeechPresence {
    private static final int FRAME = 512;
    private static final int ENVELOPE_FRAME = DecodedAudio.SAMPLE_RATE / 10;
    private static final double SILENCE_DBFS = -50;
    /** a frame this flat or flatter is noise-like; voiced speech sits far below it */
    private static final double TONAL_FLATNESS = 0.25;
    private static final double MIN_TONAL_SHARE = 0.10;
    private static final double MIN_ENVELOPE_VARIATION = 0.25;

    /**
     * @param rmsDbfs           loudness of the whole clip
     * @param tonalShare        share of audible frames whose spectrum is harmonic rather than flat
     * @param envelopeVariation coefficient of variation of the 100 ms loudness envelope
     * @param speechLike        the verdict
     * @param reason            why not, when it is not
     */
    public record Result(double rmsDbfs, double tonalShare, double envelopeVariation, boolean speechLike, String reason) {
    }

    private SpeechPresence() {
    }

    public static Result analyze(float[] samples) {
        double rms = rms(samples, 0, samples.length);
        double dbfs = 20 * Math.log10(Math.max(rms, 1e-12));
        if (dbfs < SILENCE_DBFS) {
            return new Result(dbfs, 0, 0, false, String.format("silent (%.0f dBFS)", dbfs));
        }
        FastFourierTransformer fft = new FastFourierTransformer(DftNormalization.STANDARD);
        double[] window = new double[FRAME];
        int audible = 0;
        int tonal = 0;
        double threshold = rms * 0.1;
        for (int start = 0; start + FRAME <= samples.length; start += FRAME) {
            if (rms(samples, start, start + FRAME) < threshold) {
                continue;
            }
            audible++;
            for (int i = 0; i < FRAME; i++) {
                double hann = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (FRAME - 1));
                window[i] = samples[start + i] * hann;
            }
            Complex[] spectrum = fft.transform(window, TransformType.FORWARD);
            if (flatness(spectrum) < TONAL_FLATNESS) {
                tonal++;
            }
        }
        double tonalShare = audible == 0 ? 0 : (double) tonal / audible;
        double variation = envelopeVariation(samples);
        boolean speechLike = tonalShare >= MIN_TONAL_SHARE && variation >= MIN_ENVELOPE_VARIATION;
        String reason = speechLike ? null : String.format(
                "no speech detected: sounds like steady noise (%.0f%% harmonic frames, loudness variation %.2f)",
                tonalShare * 100, variation);
        return new Result(dbfs, tonalShare, variation, speechLike, reason);
    }

    /** Geometric over arithmetic mean of the power spectrum (300 Hz to 4 kHz, where speech lives). */
    private static double flatness(Complex[] spectrum) {
        int from = 300 * FRAME / DecodedAudio.SAMPLE_RATE;
        int to = 4000 * FRAME / DecodedAudio.SAMPLE_RATE;
        double logSum = 0;
        double sum = 0;
        for (int k = from; k < to; k++) {
            double power = spectrum[k].abs() * spectrum[k].abs() + 1e-20;
            logSum += Math.log(power);
            sum += power;
        }
        int n = to - from;
        return Math.exp(logSum / n) / (sum / n);
    }

    private static double envelopeVariation(float[] samples) {
        int frames = samples.length / ENVELOPE_FRAME;
        if (frames < 3) {
            return 1;
        }
        double[] envelope = new double[frames];
        double mean = 0;
        for (int f = 0; f < frames; f++) {
            envelope[f] = rms(samples, f * ENVELOPE_FRAME, (f + 1) * ENVELOPE_FRAME);
            mean += envelope[f];
        }
        mean /= frames;
        double var = 0;
        for (double e : envelope) {
            var += (e - mean) * (e - mean);
        }
        return mean == 0 ? 0 : Math.sqrt(var / (frames - 1)) / mean;
    }

    private static double rms(float[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += samples[i] * (double) samples[i];
        }
        return to > from ? Math.sqrt(sum / (to - from)) : 0;
    }
}
