package org.sttbench.models;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Writes the ggml model file whisper.cpp loads, the layout {@link GgmlHeader} reads back: magic,
 * hyper-parameters, mel filters, vocabulary, then named tensors (f32 or f16, little-endian). It knows the
 * format only; what the weights are is the caller's business.
 */
final class GgmlWriter {
    /** One row is ne[0] values; a tensor has ne[1]*ne[2] rows, asked for in order. */
    @FunctionalInterface
    interface RowSource {
        void row(int index, float[] out);
    }

    record Tensor(String name, int[] ne, boolean f16, RowSource rows) {
        int rowCount() {
            int n = 1;
            for (int i = 1; i < ne.length; i++) {
                n *= ne[i];
            }
            return n;
        }
    }

    /**
     * @param hparams    the eleven hyper-parameters in whisper.cpp's order
     * @param melFilters n_mel filters of n_fft values each
     * @param vocabulary entry for each token id, {@code vocabularySize} of them
     */
    record Model(int[] hparams, float[][] melFilters, int vocabularySize, IntFunction<String> vocabulary,
                 List<Tensor> tensors) {
    }

    private GgmlWriter() {
    }

    /**
     * Writes the model to {@code out}: streamed into a temporary file next to it, then renamed atomically,
     * so a crash never leaves a half-written model under the final name.
     */
    static void write(Path out, Model model) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + out.getFileName(), ".part");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                Sink sink = new Sink(ch);
                writeHeader(sink, model);
                for (Tensor t : model.tensors()) {
                    writeTensor(sink, t);
                }
                sink.flush();
            }
            ModelStore.makeWorldReadable(tmp);
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeHeader(Sink s, Model model) throws IOException {
        s.putInt(GgmlHeader.MAGIC);
        for (int h : model.hparams()) {
            s.putInt(h);
        }
        float[][] filters = model.melFilters();
        s.putInt(filters.length);
        s.putInt(filters[0].length);
        for (float[] filter : filters) {
            for (float f : filter) {
                s.putFloat(f);
            }
        }
        s.putInt(model.vocabularySize());
        for (int id = 0; id < model.vocabularySize(); id++) {
            byte[] bytes = model.vocabulary().apply(id).getBytes(StandardCharsets.UTF_8);
            s.putInt(bytes.length);
            s.putBytes(bytes);
        }
    }

    private static void writeTensor(Sink s, Tensor t) throws IOException {
        byte[] name = t.name().getBytes(StandardCharsets.US_ASCII);
        s.putInt(t.ne().length);
        s.putInt(name.length);
        s.putInt(t.f16() ? 1 : 0);
        for (int n : t.ne()) {
            s.putInt(n);
        }
        s.putBytes(name);
        float[] row = new float[t.ne()[0]];
        int rows = t.rowCount();
        for (int r = 0; r < rows; r++) {
            t.rows().row(r, row);
            if (t.f16()) {
                for (float v : row) {
                    s.putShort(Float16.fromFloat(v));
                }
            } else {
                for (float v : row) {
                    s.putFloat(v);
                }
            }
        }
    }

    /** Little-endian buffered writing to a channel. */
    private static final class Sink {
        private final FileChannel ch;
        private final ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);

        Sink(FileChannel ch) {
            this.ch = ch;
        }

        void putInt(int v) throws IOException {
            room(4);
            buf.putInt(v);
        }

        void putFloat(float v) throws IOException {
            room(4);
            buf.putFloat(v);
        }

        void putShort(short v) throws IOException {
            room(2);
            buf.putShort(v);
        }

        void putBytes(byte[] b) throws IOException {
            int off = 0;
            while (off < b.length) {
                room(1);
                int n = Math.min(buf.remaining(), b.length - off);
                buf.put(b, off, n);
                off += n;
            }
        }

        private void room(int n) throws IOException {
            if (buf.remaining() < n) {
                flush();
            }
        }

        void flush() throws IOException {
            buf.flip();
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            buf.clear();
        }
    }
}
