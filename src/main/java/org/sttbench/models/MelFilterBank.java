package org.sttbench.models;

/**
 * The mel filter bank a ggml Whisper file carries: whisper.cpp reads it from the file and applies it to
 * 400-sample (25 ms) FFT frames of 16 kHz audio.
 */
final class MelFilterBank {
    private static final double SAMPLE_RATE = 16000.0;
    private static final int FFT_SIZE = 400;

    private MelFilterBank() {
    }

    /** {@code mels} triangular filters over {@code bins} FFT bins, evenly spaced on the mel scale over 0..8 kHz, area-normalized. */
    static float[][] triangular(int mels, int bins) {
        float[][] filters = new float[mels][bins];
        double maxMel = hzToMel(SAMPLE_RATE / 2);
        double[] edges = new double[mels + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = melToHz(maxMel * i / (mels + 1));
        }
        for (int m = 0; m < mels; m++) {
            double lo = edges[m];
            double mid = edges[m + 1];
            double hi = edges[m + 2];
            for (int k = 0; k < bins; k++) {
                double f = k * SAMPLE_RATE / FFT_SIZE;
                double w = Math.max(0, Math.min((f - lo) / (mid - lo), (hi - f) / (hi - mid)));
                filters[m][k] = (float) (w * 2.0 / (hi - lo));
            }
        }
        return filters;
    }

    private static double hzToMel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    private static double melToHz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }
}
