package org.sttbench.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.sttbench.BadInputException;

/**
 * Reads RIFF/WAVE files holding integer PCM (8, 16, 24, 32 bit) or IEEE float (32, 64 bit) samples,
 * plain or WAVE_FORMAT_EXTENSIBLE, any rate and channel count, and mixes them down to mono floats at the
 * file's own rate. Other WAVE codecs (ADPCM, A-law, ...), big-endian RIFX and RF64 are reported as
 * {@link Result#needsFfmpeg()} so the caller can hand them on.
 */
final class WavReader {
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    private static final long UNKNOWN_SIZE = 0xFFFFFFFFL;

    /** Mono samples at {@code sampleRate}; or, when {@code needsFfmpeg}, nothing (another decoder must do it). */
    record Result(float[] mono, int sampleRate, int channels, boolean needsFfmpeg) {
        static Result handOff() {
            return new Result(null, 0, 0, true);
        }
    }

    private WavReader() {
    }

    static Result read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            ByteBuffer riff = readFully(ch, 0, 12);
            if (riff == null) {
                throw bad(file, "truncated WAV: the file is shorter than a RIFF header");
            }
            String magic = ascii(riff, 0);
            if (!magic.equals("RIFF")) {
                return Result.handOff();                  // RIFX (big-endian) or RF64 (> 4 GB)
            }
            long riffSize = Integer.toUnsignedLong(riff.getInt(4));

            Fmt fmt = null;
            long dataOffset = -1;
            long dataSize = -1;
            long pos = 12;
            while (pos + 8 <= fileSize) {
                ByteBuffer head = readFully(ch, pos, 8);
                String id = ascii(head, 0);
                long size = Integer.toUnsignedLong(head.getInt(4));
                long body = pos + 8;
                if (id.equals("fmt ")) {
                    if (size < 16 || body + size > fileSize) {
                        throw bad(file, "truncated or corrupt WAV header (fmt chunk of " + size + " bytes)");
                    }
                    fmt = Fmt.parse(readFully(ch, body, (int) Math.min(size, 64)));
                } else if (id.equals("data")) {
                    dataOffset = body;
                    dataSize = size;
                    // streaming writers leave the sizes unset; then the samples run to the end of the file
                    if (size == UNKNOWN_SIZE || (size == 0 && (riffSize == 0 || riffSize == UNKNOWN_SIZE))) {
                        dataSize = fileSize - body;
                    }
                    if (fmt != null) {
                        break;
                    }
                }
                pos = body + size + (size & 1);          // chunks are padded to an even length
            }
            if (fmt == null) {
                throw bad(file, "truncated or corrupt WAV: no 'fmt ' chunk");
            }
            if (dataOffset < 0) {
                throw bad(file, "truncated or corrupt WAV: no 'data' chunk");
            }
            if (!fmt.decodable()) {
                return Result.handOff();
            }
            fmt.validate(file);

            long available = fileSize - dataOffset;
            if (dataSize > available + fmt.blockAlign) {
                throw bad(file, String.format(Locale.ROOT,
                        "truncated WAV: the header declares %.2f s of audio but the file holds %.2f s",
                        seconds(dataSize, fmt), seconds(available, fmt)));
            }
            long frames = Math.min(dataSize, available) / fmt.blockAlign;
            if (frames == 0) {
                throw bad(file, "WAV contains no audio samples (empty data chunk)");
            }
            if (frames > Integer.MAX_VALUE - 8) {
                throw bad(file, "WAV is too long to decode in one piece (" + frames + " frames)");
            }
            float[] mono = readFrames(ch, dataOffset, (int) frames, fmt);
            return new Result(mono, fmt.sampleRate, fmt.channels, false);
        }
    }

    private static float[] readFrames(FileChannel ch, long offset, int frames, Fmt fmt) throws IOException {
        float[] mono = new float[frames];
        int bytesPerSample = fmt.bits / 8;
        int framesPerBlock = Math.max(1, (1 << 16) / fmt.blockAlign);
        ByteBuffer buf = ByteBuffer.allocate(framesPerBlock * fmt.blockAlign).order(ByteOrder.LITTLE_ENDIAN);
        float scale = 1f / fmt.channels;
        int done = 0;
        while (done < frames) {
            int n = Math.min(framesPerBlock, frames - done);
            buf.clear().limit(n * fmt.blockAlign);
            long at = offset + (long) done * fmt.blockAlign;
            while (buf.hasRemaining()) {
                int r = ch.read(buf, at + buf.position());
                if (r < 0) {
                    throw new IOException("unexpected end of file");
                }
            }
            for (int f = 0; f < n; f++) {
                int base = f * fmt.blockAlign;
                double sum = 0;
                for (int c = 0; c < fmt.channels; c++) {
                    sum += sample(buf, base + c * bytesPerSample, fmt);
                }
                mono[done + f] = Resampler.clamp((float) (sum * scale));
            }
            done += n;
        }
        return mono;
    }

    private static double sample(ByteBuffer b, int i, Fmt fmt) {
        if (fmt.isFloat) {
            return fmt.bits == 32 ? b.getFloat(i) : b.getDouble(i);
        }
        switch (fmt.bits) {
            case 8:
                return ((b.get(i) & 0xFF) - 128) / 128.0;
            case 16:
                return b.getShort(i) / 32768.0;
            case 24:
                int v = (b.get(i) & 0xFF) | (b.get(i + 1) & 0xFF) << 8 | b.get(i + 2) << 16;
                return v / 8388608.0;
            default:
                return b.getInt(i) / 2147483648.0;
        }
    }

    private static double seconds(long bytes, Fmt fmt) {
        return (double) (bytes / fmt.blockAlign) / fmt.sampleRate;
    }

    private static ByteBuffer readFully(FileChannel ch, long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            int r = ch.read(b, at + b.position());
            if (r < 0) {
                return null;
            }
        }
        return b.flip();
    }

    private static String ascii(ByteBuffer b, int at) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            c[i] = (char) (b.get(at + i) & 0xFF);
        }
        return new String(c);
    }

    private static BadInputException bad(Path file, String why) {
        return new BadInputException(file + ": " + why);
    }

    private static final class Fmt {
        int formatTag;
        int channels;
        int sampleRate;
        int blockAlign;
        int bits;
        boolean isFloat;

        static Fmt parse(ByteBuffer b) {
            Fmt f = new Fmt();
            f.formatTag = b.getShort(0) & 0xFFFF;
            f.channels = b.getShort(2) & 0xFFFF;
            f.sampleRate = b.getInt(4);
            f.blockAlign = b.getShort(12) & 0xFFFF;
            f.bits = b.getShort(14) & 0xFFFF;
            if (f.formatTag == FORMAT_EXTENSIBLE && b.limit() >= 26) {
                f.formatTag = b.getShort(24) & 0xFFFF;   // first two bytes of the sub-format GUID
            }
            f.isFloat = f.formatTag == FORMAT_FLOAT;
            return f;
        }

        boolean decodable() {
            return formatTag == FORMAT_PCM || formatTag == FORMAT_FLOAT;
        }

        void validate(Path file) {
            boolean bitsOk = isFloat ? (bits == 32 || bits == 64) : (bits == 8 || bits == 16 || bits == 24 || bits == 32);
            String problem = null;
            if (channels < 1 || channels > 64) {
                problem = channels + " channels";
            } else if (sampleRate < 1000 || sampleRate > 768_000) {
                problem = "sample rate " + Integer.toUnsignedString(sampleRate) + " Hz";
            } else if (!bitsOk) {
                problem = bits + "-bit " + (isFloat ? "float" : "integer") + " samples";
            } else if (blockAlign != channels * bits / 8) {
                problem = "block size " + blockAlign + " for " + channels + " x " + bits + "-bit";
            }
            if (problem != null) {
                throw bad(file, "corrupt or unsupported WAV header (" + problem + ")");
            }
        }
    }
}
