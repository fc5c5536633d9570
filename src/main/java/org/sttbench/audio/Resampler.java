package org.sttbench.audio;

/**
 * Band-limited sample-rate conversion with a Kaiser-windowed sinc filter, evaluated as a polyphase
 * filter bank. Written because the JDK's own converter interpolates without a proper anti-alias filter:
 * tones above the target Nyquist frequency fold back into the speech band.
 *
 * <p>Design: pass band up to 90% of the lower Nyquist frequency (7.2 kHz when the target is 16 kHz),
 * stop band from the lower Nyquist frequency on, about 90 dB of stop-band attenuation. Instances are
 * immutable and thread-safe.
 */
public final class Resampler {
    private static final double STOPBAND_DB = 90.0;
    private static final double PASSBAND_FRACTION = 0.90;
    /** Rates with a huge common denominator use a quantized phase grid; 1/4096 sample is inaudible. */
    private static final int MAX_PHASES = 4096;

    private final int inRate;
    private final int outRate;
    private final long up;       // L: output samples per `down` input samples
    private final long down;     // M
    private final int phases;    // rows of the table
    private final int taps;      // even number of taps per phase
    private final float[][] table;

    public Resampler(int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + inRate + " -> " + outRate);
        }
        this.inRate = inRate;
        this.outRate = outRate;
        long g = gcd(inRate, outRate);
        this.up = outRate / g;
        this.down = inRate / g;
        this.phases = (int) Math.min(up, MAX_PHASES);

        double nyquist = Math.min(inRate, outRate) / 2.0;
        double passHz = PASSBAND_FRACTION * nyquist;
        double cutoff = (passHz + nyquist) / 2.0 / inRate;           // cycles per input sample
        double transition = (nyquist - passHz) / inRate;
        // Kaiser's estimates for the window length and shape at the wanted attenuation
        int length = (int) Math.ceil((STOPBAND_DB - 7.95) / (2.285 * 2 * Math.PI * transition)) + 1;
        int half = Math.max(2, (length + 1) / 2);
        this.taps = 2 * half;
        double beta = 0.1102 * (STOPBAND_DB - 8.7);
        double i0Beta = besselI0(beta);

        this.table = new float[phases][taps];
        for (int p = 0; p < phases; p++) {
            double frac = (double) p / phases;
            double sum = 0;
            double[] row = new double[taps];
            for (int k = 0; k < taps; k++) {
                double x = (k - half + 1) - frac;                       // distance from the output instant
                double r = x / half;
                double window = Math.abs(r) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
                row[k] = 2 * cutoff * sinc(2 * cutoff * x) * window;
                sum += row[k];
            }
            for (int k = 0; k < taps; k++) {
                table[p][k] = (float) (row[k] / sum);                   // unity gain at DC for every phase
            }
        }
    }

    public int inRate() {
        return inRate;
    }

    public int outRate() {
        return outRate;
    }

    /** Output length for {@code inputLength} samples: the duration is kept. */
    public int outputLength(int inputLength) {
        return (int) (inputLength * up / down);
    }

    public float[] process(float[] in) {
        if (inRate == outRate) {
            return in.clone();
        }
        int n = in.length;
        float[] out = new float[outputLength(n)];
        int half = taps / 2;
        for (int j = 0; j < out.length; j++) {
            long num = j * down;
            long i0 = num / up;
            long rem = num % up;
            int phase;
            if (up == phases) {
                phase = (int) rem;
            } else {
                phase = (int) Math.round((double) rem * phases / up);
                if (phase == phases) {
                    phase = 0;
                    i0++;
                }
            }
            float[] h = table[phase];
            int start = (int) i0 - half + 1;
            int kFrom = Math.max(0, -start);
            int kTo = Math.min(taps, n - start);
            double acc = 0;
            for (int k = kFrom; k < kTo; k++) {
                acc += h[k] * in[start + k];
            }
            out[j] = clamp((float) acc);
        }
        return out;
    }

    static float clamp(float v) {
        if (v > 1f) return 1f;
        if (v < -1f) return -1f;
        return Float.isNaN(v) ? 0f : v;
    }

    private static double sinc(double x) {
        if (Math.abs(x) < 1e-12) return 1.0;
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    private static double besselI0(double x) {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 200 && term > 1e-12 * sum; k++) {
            term *= q / ((double) k * k);
            sum += term;
        }
        return sum;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
