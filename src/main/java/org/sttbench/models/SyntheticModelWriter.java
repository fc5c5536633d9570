package org.sttbench.models;

import org.sttbench.BadInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes a ggml Whisper model with seeded random weights in the real shape of tiny, base or small (or the
 * very small {@code micro} for tests). Such a model loads and runs through whisper.cpp exactly like the real
 * one, so encoder and decoder timing are those of the real shape; its transcripts mean nothing.
 *
 * <p>Decoding is steered so that every 30 s window yields a fixed, realistic number of distinct tokens and
 * then end-of-text, with high confidence (no temperature fallback). The first decoder block's MLP is a lookup
 * table: one hidden unit per "trigger" token fires only when the current token's embedding is in the residual
 * stream and writes {@code ALPHA} times the embedding of that token's successor back into it. All other
 * decoder output projections are scaled down so the residual stream stays dominated by these embeddings, and
 * since the logits are the final layer norm dotted with the (tied) token embeddings, the successor wins.
 * The chain is: no-timestamps (or transcribe/translate, the end of whisper.cpp's prompt) -> word 1 -> ... ->
 * word N -> end-of-text. It follows tokens, not positions, so a longer prompt (previous-text context) does
 * not shift it. Steered tokens have equal-norm, zero-mean, near-orthogonal embeddings; all other tokens have
 * small ones.
 *
 * <p>The model is marked synthetic by a vocabulary entry starting with {@link #MARKER_PREFIX} at token id
 * {@link #MARKER_TOKEN} (the last ordinary vocabulary entry), so a copied or renamed file still says so.
 */
public final class SyntheticModelWriter {
    /** Start of the vocabulary entry that marks a synthetic model; {@link GgmlHeader} looks for it. */
    public static final String MARKER_PREFIX = "<|sttbench-synthetic";
    /** Token id whose vocabulary entry carries the marker. */
    public static final int MARKER_TOKEN = 50256;
    public static final double DEFAULT_TOKENS_PER_SECOND = 2.5;
    public static final long DEFAULT_SEED = 1;
    /** whisper.cpp decodes at most n_text_ctx/2 - 4 = 220 tokens per window; stay clear of that. */
    public static final int MAX_TOKENS_PER_WINDOW = 200;
    public static final double WINDOW_SECONDS = 30.0;

    static final int N_VOCAB = 51865;
    static final int N_AUDIO_CTX = 1500;
    static final int N_TEXT_CTX = 448;
    static final int N_MELS = 80;
    static final int N_FFT = 201;
    static final int FTYPE_F16 = 1;
    /** Ordinary tokens written to the file, as the converter does; whisper.cpp names the special ones itself. */
    static final int VOCAB_ENTRIES = 50257;
    // special token ids of the multilingual vocabulary (n_vocab 51865)
    static final int TOKEN_EOT = 50257;
    static final int TOKEN_SOT = 50258;
    static final int TOKEN_TRANSLATE = 50358;
    static final int TOKEN_TRANSCRIBE = 50359;
    static final int TOKEN_NO_TIMESTAMPS = 50363;
    /** whisper.cpp looks up the token " " (blank suppression) and fails without it. */
    static final int TOKEN_SPACE = 220;

    // steering constants (see class comment)
    private static final double LOGIT_TARGET = 30.0;   // logit of the steered next token
    private static final double ALPHA = 3.0;           // successor embedding weight vs the current token's
    private static final double GATE_THRESHOLD = 0.72; // cosine a trigger unit needs to fire
    private static final double GATE_OUTPUT = 4.0;     // pre-activation of a firing trigger unit
    private static final double MAX_COSINE = 0.45;     // between any two steered embeddings
    private static final double UNSTEERED_NORM = 0.05; // other tokens' embedding norm, relative
    private static final double QUIET = 0.01;          // decoder sub-layer outputs, relative to the embeddings

    /** Real hyper-parameters of the shapes (n_audio_state = n_text_state, heads, layers per stack). */
    public enum Shape {
        MICRO(64, 2, 1), TINY(384, 6, 4), BASE(512, 8, 6), SMALL(768, 12, 12);

        final int state;
        final int heads;
        final int layers;

        Shape(int state, int heads, int layers) {
            this.state = state;
            this.heads = heads;
            this.layers = layers;
        }

        public String modelName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Shape byName(String name) {
            for (Shape s : values()) {
                if (s.modelName().equals(name)) {
                    return s;
                }
            }
            throw new BadInputException("no synthetic shape named '" + name + "'; choose one of: "
                    + String.join(", ", Arrays.stream(values()).map(Shape::modelName).toList()));
        }
    }

    /**
     * @param seed            seeds every weight: the same seed gives a byte-identical file
     * @param tokensPerSecond steered tokens per second of a full 30 s window (2.5 -> 75 per window)
     * @param marker          write the synthetic marker (only tests turn it off)
     */
    public record Options(long seed, double tokensPerSecond, boolean marker) {
        public static Options defaults() {
            return new Options(DEFAULT_SEED, DEFAULT_TOKENS_PER_SECOND, true);
        }
    }

    private final Shape shape;
    private final Options options;
    private final int d;
    private final double embeddingNorm;
    private final List<String> words;
    private final int[] wordTokens;
    /** Steered token id -> its unit embedding. */
    private final Map<Integer, float[]> steered = new HashMap<>();
    /** Trigger unit k fires on triggers[k] and writes successors[k]. */
    private final int[] triggers;
    private final int[] successors;

    public SyntheticModelWriter(Shape shape, Options options) {
        this.shape = Objects.requireNonNull(shape);
        this.options = Objects.requireNonNull(options);
        if (!(options.tokensPerSecond() > 0) || Double.isInfinite(options.tokensPerSecond())) {
            throw new BadInputException("--tokens-per-second must be a positive number, got " + options.tokensPerSecond());
        }
        int n = (int) Math.round(options.tokensPerSecond() * WINDOW_SECONDS);
        if (n < 1 || n > MAX_TOKENS_PER_WINDOW) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "--tokens-per-second %.3g gives %d tokens per 30 s window; allowed 1..%d (0.034..%.2f per second)",
                    options.tokensPerSecond(), n, MAX_TOKENS_PER_WINDOW, MAX_TOKENS_PER_WINDOW / WINDOW_SECONDS));
        }
        this.d = shape.state;
        // logit of the successor = sqrt(d) * r * ALPHA / sqrt(1 + ALPHA^2): solve for r
        this.embeddingNorm = LOGIT_TARGET * Math.sqrt(1 + ALPHA * ALPHA) / (ALPHA * Math.sqrt(d));
        List<String> all = wordList();
        this.words = all.subList(0, n);
        SplittableRandom rng = new SplittableRandom(mix(options.seed(), "steering"));
        Set<Integer> ids = new LinkedHashSet<>();
        while (ids.size() < n) {
            int id = 1000 + rng.nextInt(49_000);
            if (id != TOKEN_SPACE) {
                ids.add(id);
            }
        }
        this.wordTokens = ids.stream().mapToInt(Integer::intValue).toArray();

        List<Integer> steeredIds = new ArrayList<>(List.of(TOKEN_NO_TIMESTAMPS, TOKEN_TRANSCRIBE, TOKEN_TRANSLATE));
        for (int id : wordTokens) {
            steeredIds.add(id);
        }
        steeredIds.add(TOKEN_EOT);
        List<float[]> accepted = new ArrayList<>();
        for (int id : steeredIds) {
            float[] v = nearOrthogonalUnit(rng, accepted);
            accepted.add(v);
            steered.put(id, v);
        }
        int k = n + 3;
        this.triggers = new int[k];
        this.successors = new int[k];
        triggers[0] = TOKEN_NO_TIMESTAMPS;
        triggers[1] = TOKEN_TRANSCRIBE;
        triggers[2] = TOKEN_TRANSLATE;
        successors[0] = successors[1] = successors[2] = wordTokens[0];
        for (int i = 0; i < n; i++) {
            triggers[3 + i] = wordTokens[i];
            successors[3 + i] = i + 1 < n ? wordTokens[i + 1] : TOKEN_EOT;
        }
        if (k > 4 * d) {
            throw new BadInputException("too many steered tokens (" + n + ") for shape " + shape.modelName());
        }
    }

    public Shape shape() {
        return shape;
    }

    /** Tokens every 30 s window decodes before end-of-text. */
    public int tokensPerWindow() {
        return wordTokens.length;
    }

    /** Token ids every window decodes, in order (end-of-text not included). */
    public int[] steeredTokens() {
        return wordTokens.clone();
    }

    /** The text whisper.cpp returns for one window (a leading blank, then words separated by blanks). */
    public String expectedWindowText() {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            sb.append(' ').append(w);
        }
        return sb.toString();
    }

    /** The vocabulary entry that marks this model as synthetic. */
    public String marker() {
        return String.format(Locale.ROOT, "%s:v1 shape=%s seed=%d tokens_per_window=%d|>",
                MARKER_PREFIX, shape.modelName(), options.seed(), wordTokens.length);
    }

    /**
     * Writes the model to {@code out}: streamed into a temporary file next to it, then renamed atomically,
     * so a crash never leaves a half-written model under the final name.
     */
    public void write(Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + out.getFileName(), ".part");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                Sink sink = new Sink(ch);
                writeHeader(sink);
                for (Tensor t : tensors()) {
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

    // ---------------------------------------------------------------- header

    private void writeHeader(Sink s) throws IOException {
        s.putInt(GgmlHeader.MAGIC);
        int[] hparams = {N_VOCAB, N_AUDIO_CTX, d, shape.heads, shape.layers, N_TEXT_CTX, d, shape.heads,
                shape.layers, N_MELS, FTYPE_F16};
        for (int h : hparams) {
            s.putInt(h);
        }
        s.putInt(N_MELS);
        s.putInt(N_FFT);
        for (float[] filter : melFilters()) {
            for (float f : filter) {
                s.putFloat(f);
            }
        }
        Map<Integer, String> special = new HashMap<>();
        special.put(TOKEN_SPACE, " ");
        for (int i = 0; i < wordTokens.length; i++) {
            special.put(wordTokens[i], " " + words.get(i));
        }
        special.put(MARKER_TOKEN, options.marker() ? marker() : "<|unused|>");
        s.putInt(VOCAB_ENTRIES);
        for (int id = 0; id < VOCAB_ENTRIES; id++) {
            String word = special.getOrDefault(id, "[" + id + "]");
            byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
            s.putInt(bytes.length);
            s.putBytes(bytes);
        }
    }

    /** Triangular filters, evenly spaced on the mel scale over 0..8 kHz, area-normalized. */
    private static float[][] melFilters() {
        float[][] filters = new float[N_MELS][N_FFT];
        double maxMel = hzToMel(8000);
        double[] edges = new double[N_MELS + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = melToHz(maxMel * i / (N_MELS + 1));
        }
        for (int m = 0; m < N_MELS; m++) {
            double lo = edges[m];
            double mid = edges[m + 1];
            double hi = edges[m + 2];
            for (int k = 0; k < N_FFT; k++) {
                double f = k * 16000.0 / 400.0;
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

    // ---------------------------------------------------------------- tensors

    /** One row is ne[0] values; a tensor has ne[1]*ne[2] rows, written in order. */
    @FunctionalInterface
    private interface RowSource {
        void row(int index, float[] out);
    }

    private record Tensor(String name, int[] ne, boolean f16, RowSource rows) {
        int rowCount() {
            int n = 1;
            for (int i = 1; i < ne.length; i++) {
                n *= ne[i];
            }
            return n;
        }
    }

    private List<Tensor> tensors() {
        List<Tensor> t = new ArrayList<>();
        int d4 = 4 * d;
        t.add(f32("encoder.positional_embedding", this::sinusoid, d, N_AUDIO_CTX));
        t.add(f16r("encoder.conv1.weight", 1 / Math.sqrt(3.0 * N_MELS), 3, N_MELS, d));
        t.add(f32r("encoder.conv1.bias", 0.01, 1, d));
        t.add(f16r("encoder.conv2.weight", 1 / Math.sqrt(3.0 * d), 3, d, d));
        t.add(f32r("encoder.conv2.bias", 0.01, 1, d));
        for (int b = 0; b < shape.layers; b++) {
            String p = "encoder.blocks." + b + ".";
            addAttention(t, p + "attn.", 1 / Math.sqrt(d));
            addNorm(t, p + "attn_ln");
            t.add(f16r(p + "mlp.0.weight", 1 / Math.sqrt(d), d, d4));
            t.add(f32r(p + "mlp.0.bias", 0.01, d4));
            t.add(f16r(p + "mlp.2.weight", 1 / Math.sqrt(d4), d4, d));
            t.add(f32r(p + "mlp.2.bias", 0.01, d));
            addNorm(t, p + "mlp_ln");
        }
        addNorm(t, "encoder.ln_post");

        double component = embeddingNorm / Math.sqrt(d);
        double quiet = QUIET * component;
        t.add(f32r("decoder.positional_embedding", quiet, d, N_TEXT_CTX));
        t.add(f16("decoder.token_embedding.weight", tokenEmbeddings(), d, N_VOCAB));
        for (int b = 0; b < shape.layers; b++) {
            String p = "decoder.blocks." + b + ".";
            addAttention(t, p + "attn.", quiet / Math.sqrt(d));
            addNorm(t, p + "attn_ln");
            addAttention(t, p + "cross_attn.", quiet / Math.sqrt(d));
            addNorm(t, p + "cross_attn_ln");
            if (b == 0) {
                t.add(f16(p + "mlp.0.weight", lookupIn(p + "mlp.0.weight"), d, d4));
                t.add(f32(p + "mlp.0.bias", this::lookupInBias, d4));
                t.add(f16(p + "mlp.2.weight", lookupOut(p + "mlp.2.weight", quiet / Math.sqrt(d4)), d4, d));
                t.add(f32r(p + "mlp.2.bias", 0, d));
            } else {
                t.add(f16r(p + "mlp.0.weight", 1 / Math.sqrt(d), d, d4));
                t.add(f32r(p + "mlp.0.bias", 0.01, d4));
                t.add(f16r(p + "mlp.2.weight", quiet / Math.sqrt(d4), d4, d));
                t.add(f32r(p + "mlp.2.bias", 0, d));
            }
            addNorm(t, p + "mlp_ln");
        }
        addNorm(t, "decoder.ln");
        return t;
    }

    /** q, k (no bias), v and out projections; out is scaled by {@code outStd}. */
    private void addAttention(List<Tensor> t, String p, double outStd) {
        double std = 1 / Math.sqrt(d);
        t.add(f16r(p + "query.weight", std, d, d));
        t.add(f32r(p + "query.bias", 0.01, d));
        t.add(f16r(p + "key.weight", std, d, d));
        t.add(f16r(p + "value.weight", std, d, d));
        t.add(f32r(p + "value.bias", 0.01, d));
        t.add(f16r(p + "out.weight", outStd, d, d));
        t.add(f32r(p + "out.bias", 0, d));
    }

    private void addNorm(List<Tensor> t, String p) {
        t.add(f32(p + ".weight", (i, out) -> Arrays.fill(out, 1f), d));
        t.add(f32(p + ".bias", (i, out) -> Arrays.fill(out, 0f), d));
    }

    private void sinusoid(int position, float[] out) {
        int half = out.length / 2;
        double increment = Math.log(10000) / (half - 1);
        for (int i = 0; i < half; i++) {
            double angle = position * Math.exp(-increment * i);
            out[i] = (float) Math.sin(angle);
            out[half + i] = (float) Math.cos(angle);
        }
    }

    private RowSource tokenEmbeddings() {
        SplittableRandom rng = new SplittableRandom(mix(options.seed(), "decoder.token_embedding.weight"));
        double unsteeredStd = UNSTEERED_NORM * embeddingNorm / Math.sqrt(d);
        return (token, out) -> {
            float[] unit = steered.get(token);
            if (unit == null) {
                fillUniform(rng, out, unsteeredStd);
                return;
            }
            for (int i = 0; i < d; i++) {
                out[i] = (float) (unit[i] * embeddingNorm);
            }
        };
    }

    private double gateScale() {
        // pre-activation = scale * sqrt(d) * (cos - threshold); GATE_OUTPUT at cos = 1
        return GATE_OUTPUT / (Math.sqrt(d) * (1 - GATE_THRESHOLD));
    }

    private RowSource lookupIn(String name) {
        SplittableRandom rng = new SplittableRandom(mix(options.seed(), name));
        double scale = gateScale();
        return (unit, out) -> {
            if (unit < triggers.length) {
                float[] e = steered.get(triggers[unit]);
                for (int i = 0; i < d; i++) {
                    out[i] = (float) (scale * e[i]);
                }
            } else {
                fillUniform(rng, out, 1 / Math.sqrt(d));
            }
        };
    }

    private void lookupInBias(int row, float[] out) {
        double bias = -gateScale() * Math.sqrt(d) * GATE_THRESHOLD;
        for (int u = 0; u < out.length; u++) {
            out[u] = u < triggers.length ? (float) bias : 0f;
        }
    }

    private RowSource lookupOut(String name, double quietStd) {
        SplittableRandom rng = new SplittableRandom(mix(options.seed(), name));
        double firing = gelu(GATE_OUTPUT);
        double gain = ALPHA * embeddingNorm / firing;
        return (component, out) -> {
            fillUniform(rng, out, quietStd);
            for (int u = 0; u < triggers.length; u++) {
                out[u] = (float) (gain * steered.get(successors[u])[component]);
            }
        };
    }

    private Tensor f32(String name, RowSource rows, int... ne) {
        return new Tensor(name, ne, false, rows);
    }

    private Tensor f16(String name, RowSource rows, int... ne) {
        return new Tensor(name, ne, true, rows);
    }

    private Tensor f32r(String name, double std, int... ne) {
        return new Tensor(name, ne, false, random(name, std));
    }

    private Tensor f16r(String name, double std, int... ne) {
        return new Tensor(name, ne, true, random(name, std));
    }

    private RowSource random(String name, double std) {
        SplittableRandom rng = new SplittableRandom(mix(options.seed(), name));
        return (i, out) -> fillUniform(rng, out, std);
    }

    /** Uniform values with standard deviation {@code std} (cheaper than Gaussian; the shape is irrelevant). */
    private static void fillUniform(SplittableRandom rng, float[] out, double std) {
        double a = std * Math.sqrt(3);
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((rng.nextDouble() * 2 - 1) * a);
        }
    }

    private void writeTensor(Sink s, Tensor t) throws IOException {
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

    // ---------------------------------------------------------------- helpers

    /** A zero-mean unit vector whose |cosine| with every accepted one is below {@link #MAX_COSINE}. */
    private float[] nearOrthogonalUnit(SplittableRandom rng, List<float[]> accepted) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            double[] v = new double[d];
            double mean = 0;
            for (int i = 0; i < d; i++) {
                v[i] = gaussian(rng);
                mean += v[i];
            }
            mean /= d;
            double norm = 0;
            for (int i = 0; i < d; i++) {
                v[i] -= mean;
                norm += v[i] * v[i];
            }
            norm = Math.sqrt(norm);
            float[] unit = new float[d];
            for (int i = 0; i < d; i++) {
                unit[i] = (float) (v[i] / norm);
            }
            boolean ok = true;
            for (float[] other : accepted) {
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    dot += unit[i] * other[i];
                }
                if (Math.abs(dot) >= MAX_COSINE) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                return unit;
            }
        }
        throw new IllegalStateException("cannot find near-orthogonal embeddings in " + d + " dimensions");
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        double u1 = 1 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** The tanh approximation whisper.cpp's ggml uses. */
    static double gelu(double x) {
        return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }

    private static long mix(long seed, String name) {
        long h = seed * 0x9E3779B97F4A7C15L + name.hashCode();
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    static List<String> wordList() {
        try (InputStream in = SyntheticModelWriter.class.getResourceAsStream("/models/synthetic-words.txt")) {
            if (in == null) {
                throw new IllegalStateException("resource models/synthetic-words.txt is missing");
            }
            List<String> words = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    words.add(line);
                }
            }
            if (words.size() < MAX_TOKENS_PER_WINDOW) {
                throw new IllegalStateException("models/synthetic-words.txt needs " + MAX_TOKENS_PER_WINDOW + " words");
            }
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
