package org.sttbench.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.sttbench.audio.TestSignals.amplitudeAt;
import static org.sttbench.audio.TestSignals.db;
import static org.sttbench.audio.TestSignals.rms;
import static org.sttbench.audio.TestSignals.zeroCrossings;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {
    private static final int OUT = 16_000;

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }

    private static float[] resample(int inRate, double hz, double amplitude) {
        return new Resampler(inRate, OUT).process(toFloat(TestSignals.sine(hz, inRate, 2.0, amplitude)));
    }

    @Test
    void oneKilohertzAt44kStaysOneKilohertzAt16kWithItsLevel() {
        float[] out = resample(44_100, 1000, 0.5);
        assertThat(out).hasSize(32_000);
        int from = 1600, to = 30_400;                       // leave the filter's edges out
        double seconds = (to - from) / (double) OUT;
        assertThat(zeroCrossings(out, from, to) / seconds).isCloseTo(2000.0, within(5.0));
        assertThat(db(rms(out, from, to) / (0.5 / Math.sqrt(2)))).isCloseTo(0.0, within(0.05));
    }

    @ParameterizedTest(name = "{0} Hz -> 16 kHz keeps {1} Hz within {2} dB")
    @CsvSource({"44100, 1000, 0.05", "44100, 6000, 0.1", "22050, 3000, 0.05", "48000, 7000, 0.1",
            "8000, 1000, 0.05", "8000, 3500, 0.1", "44056, 2000, 0.05"})
    void passBandIsFlat(int inRate, double hz, double toleranceDb) {
        float[] out = resample(inRate, hz, 0.5);
        double level = amplitudeAt(out, 1600, 30_400, hz, OUT);
        assertThat(db(level / 0.5)).isCloseTo(0.0, within(toleranceDb));
    }

    /**
     * A tone above 8 kHz cannot exist at 16 kHz; naive decimation would fold it into the speech band
     * (10 kHz shows up at 6 kHz, 12 kHz at 4 kHz). The JDK's converter does exactly that at about -1.5 dB.
     */
    @ParameterizedTest(name = "{0} Hz: {1} Hz tone leaves less than -70 dB")
    @CsvSource({"44100, 10000", "44100, 12000", "44100, 8500", "48000, 10000", "22050, 9000", "32000, 11000"})
    void toneAboveTargetNyquistIsNotAliased(int inRate, double hz) {
        float[] out = resample(inRate, hz, 0.5);
        double aliasHz = OUT - hz;                          // where the fold-back would land
        assertThat(db(amplitudeAt(out, 1600, 30_400, aliasHz, OUT) / 0.5)).isLessThan(-70);
        assertThat(db(rms(out, 1600, 30_400) / (0.5 / Math.sqrt(2)))).isLessThan(-60);
    }

    @Test
    void upsamplingLeavesNoImage() {
        // 8 kHz -> 16 kHz: a 3 kHz tone must not leave an image at 5 kHz
        float[] out = resample(8_000, 3000, 0.5);
        assertThat(out).hasSize(32_000);
        assertThat(db(amplitudeAt(out, 1600, 30_400, 5000, OUT) / 0.5)).isLessThan(-70);
    }

    @Test
    void durationIsKeptForOddLengths() {
        Resampler r = new Resampler(44_100, OUT);
        assertThat(r.outputLength(220_500)).isEqualTo(80_000);
        assertThat(r.process(new float[441])).hasSize(160);
        assertThat(r.process(new float[0])).isEmpty();
        assertThat(new Resampler(16_000, 16_000).process(new float[]{0.25f})).containsExactly(0.25f);
    }

    @Test
    void constantSignalKeepsItsLevel() {
        float[] dc = new float[44_100];
        Arrays.fill(dc, 0.3f);
        float[] out = new Resampler(44_100, OUT).process(dc);
        for (int i = 500; i < out.length - 500; i++) {
            assertThat(out[i]).isCloseTo(0.3f, within(1e-4f));
        }
    }
}
