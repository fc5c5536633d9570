package org.sttbench.models;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sttbench.BadInputException;

/**
 * The head of a ggml Whisper model file (the pre-GGUF format whisper.cpp 1.x loads): magic, hyper-parameters,
 * mel filters and vocabulary. Reading it tells whether a file is a Whisper model at all and whether
 * {@link SyntheticModelWriter} made it (its marker is a vocabulary entry). Whether the tensors are complete
 * is left to whisper.cpp's own loader.
 *
 * @param nVocab       hparams.n_vocab (51865 multilingual, 51864 English-only, 51866 large-v3)
 * @param nAudioCtx    encoder positions (1500)
 * @param nAudioState  encoder width
 * @param nAudioHead   encoder attention heads
 * @param nAudioLayer  encoder blocks
 * @param nTextCtx     decoder positions (448)
 * @param nTextState   decoder width
 * @param nTextHead    decoder attention heads
 * @param nTextLayer   decoder blocks
 * @param nMels        mel bands (80, 128 for large-v3)
 * @param ftype        weight type (0 f32, 1 f16, others quantized; includes the quantization version * 1000)
 * @param syntheticMarker the synthetic marker vocabulary entry if there is one, else null
 */
public record GgmlHeader(int nVocab, int nAudioCtx, int nAudioState, int nAudioHead, int nAudioLayer,
                         int nTextCtx, int nTextState, int nTextHead, int nTextLayer, int nMels, int ftype,
                         String syntheticMarker) {

    /** "ggml" read as a little-endian uint32. */
    public static final int MAGIC = 0x67676d6c;

    public boolean synthetic() {
        return syntheticMarker != null;
    }

    /** Reads the head of {@code file}; a file that is not a ggml Whisper model is a {@link BadInputException}. */
    public static GgmlHeader read(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, file);
        } catch (EOFException e) {
            throw notAModel(file, "truncated header");
        } catch (IOException e) {
            throw new BadInputException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
    }

    private static GgmlHeader read(InputStream raw, Path file) throws IOException {
        LittleEndianReader in = new LittleEndianReader(raw);
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw notAModel(file, String.format("bad magic 0x%08x, expected 0x%08x", magic, MAGIC));
        }
        int[] h = new int[11];
        for (int i = 0; i < h.length; i++) {
            h[i] = in.readInt();
        }
        for (int i = 0; i < 10; i++) {
            if (h[i] <= 0 || h[i] > 1_000_000) {
                throw notAModel(file, "implausible hyper-parameter #" + i + " = " + h[i]);
            }
        }
        int nMel = in.readInt();
        int nFft = in.readInt();
        if (nMel <= 0 || nFft <= 0 || (long) nMel * nFft > 10_000_000L) {
            throw notAModel(file, "implausible mel filter size " + nMel + "x" + nFft);
        }
        in.skipFully((long) nMel * nFft * Float.BYTES);
        int nTokens = in.readInt();
        if (nTokens < 0 || nTokens > h[0]) {
            throw notAModel(file, "implausible vocabulary size " + nTokens);
        }
        String marker = null;
        byte[] prefix = SyntheticModelWriter.MARKER_PREFIX.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < nTokens; i++) {
            int len = in.readInt();
            if (len < 0 || len > 1 << 16) {
                throw notAModel(file, "implausible vocabulary entry length " + len + " at token " + i);
            }
            if (marker == null && len >= prefix.length && len < 256) {
                byte[] word = in.readBytes(len);
                if (startsWith(word, prefix)) {
                    marker = new String(word, StandardCharsets.UTF_8);
                }
            } else {
                in.skipFully(len);
            }
        }
        return new GgmlHeader(h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9], h[10], marker);
    }

    private static boolean startsWith(byte[] word, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (word[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static BadInputException notAModel(Path file, String why) {
        return new BadInputException("not a ggml whisper model: " + file + " (" + why + ")");
    }

    /** Minimal little-endian reading on top of a buffered stream. */
    private static final class LittleEndianReader {
        private final DataInputStream in;

        LittleEndianReader(InputStream in) {
            this.in = new DataInputStream(in);
        }

        int readInt() throws IOException {
            return Integer.reverseBytes(in.readInt());
        }

        byte[] readBytes(int n) throws IOException {
            byte[] b = new byte[n];
            in.readFully(b);
            return b;
        }

        void skipFully(long n) throws IOException {
            long left = n;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException();
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }
    }
}
