package org.sttbench.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Signals and WAV files made by the tests. */
final class TestSignals {
    static final int PCM = 1;
    static final int FLOAT = 3;

    private TestSignals() {
    }

    static double[] sine(double hz, int rate, double seconds, double amplitude) {
        int n = (int) Math.round(rate * seconds);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = amplitude * Math.sin(2 * Math.PI * hz * i / rate);
        }
        return s;
    }

    /** Writes a RIFF/WAVE file; {@code channels[c][i]} are samples in [-1, 1]. */
    static Path writeWav(Path file, int rate, int formatTag, int bits, boolean extensible, double[]... channels)
            throws IOException {
        int ch = channels.length;
        int frames = channels[0].length;
        int blockAlign = ch * bits / 8;
        int fmtSize = extensible ? 40 : 16;
        int dataSize = frames * blockAlign;
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + fmtSize + 8 + dataSize + (dataSize & 1))
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(b.capacity() - 8).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(fmtSize);
        b.putShort((short) (extensible ? 0xFFFE : formatTag)).putShort((short) ch).putInt(rate)
                .putInt(rate * blockAlign).putShort((short) blockAlign).putShort((short) bits);
        if (extensible) {
            b.putShort((short) 22).putShort((short) bits).putInt(0);
            // sub-format GUID: format tag followed by the fixed KSDATAFORMAT suffix
            b.putShort((short) formatTag).put(new byte[]{0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00,
                    0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71});
        }
        b.put("data".getBytes()).putInt(dataSize);
        for (int i = 0; i < frames; i++) {
            for (double[] c : channels) {
                double v = Math.max(-1, Math.min(1, c[i]));
                if (formatTag == FLOAT) {
                    if (bits == 32) b.putFloat((float) v); else b.putDouble(v);
                } else {
                    switch (bits) {
                        case 8 -> b.put((byte) (Math.round(v * 127) + 128));
                        case 16 -> b.putShort((short) Math.round(v * 32767));
                        case 24 -> {
                            int s = (int) Math.round(v * 8388607);
                            b.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
                        }
                        default -> b.putInt((int) Math.round(v * 2147483647.0));
                    }
                }
            }
        }
        Files.write(file, b.array());
        return file;
    }

    static double rms(float[] s, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) s[i] * s[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    /** Energy at one frequency (Goertzel), as the amplitude of a sine of that frequency. */
    static double amplitudeAt(float[] s, int from, int to, double hz, int rate) {
        double w = 2 * Math.PI * hz / rate;
        double coeff = 2 * Math.cos(w);
        double s1 = 0, s2 = 0;
        for (int i = from; i < to; i++) {
            // Hann window against leakage from the edges of the block
            double win = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i - from) / (to - from - 1));
            double s0 = s[i] * win + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return 2 * Math.sqrt(power) / ((to - from) * 0.5);
    }

    static int zeroCrossings(float[] s, int from, int to) {
        int n = 0;
        for (int i = from + 1; i < to; i++) {
            if ((s[i - 1] < 0) != (s[i] < 0)) n++;
        }
        return n;
    }

    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }
}
