package org.sttbench.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Minimal WAV files for tests. */
public final class Wav {
    private Wav() {
    }

    /** A 16 kHz mono 16-bit WAV file holding these samples. */
    public static byte[] of(short[] samples) {
        ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put(header(samples.length * 2));
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }

    public static byte[] header(int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(16000).putInt(32000)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(dataBytes);
        return b.array();
    }
}
