package org.sttbench.models;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.sttbench.BadInputException;
import org.sttbench.models.GgmlWriter.RowSource;
import org.sttbench.models.GgmlWriter.Tensor;

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
 * <p>The file format is {@link GgmlWriter}'s, the steering weights are {@link DecoderSteering}'s; this class
 * lays out the tensors of a shape and names the tokens.
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
    private final List<String> words;
    private final int[] wordTokens;
    private final DecoderSteering steering;

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
        this.words = wordList().subList(0, n);
        this.steering = new DecoderSteering(d, n, options.seed(), shape.modelName());
        this.wordTokens = steering.wordTokens();
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
        int[] hparams = {N_VOCAB, N_AUDIO_CTX, d, shape.heads, shape.layers, N_TEXT_CTX, d, shape.heads,
                shape.layers, N_MELS, FTYPE_F16};
        Map<Integer, String> named = new HashMap<>();
        named.put(DecoderSteering.TOKEN_SPACE, " ");
        for (int i = 0; i < wordTokens.length; i++) {
            named.put(wordTokens[i], " " + words.get(i));
        }
        named.put(MARKER_TOKEN, options.marker() ? marker() : "<|unused|>");
        GgmlWriter.write(out, new GgmlWriter.Model(hparams, MelFilterBank.triangular(N_MELS, N_FFT), VOCAB_ENTRIES,
                id -> named.getOrDefault(id, "[" + id + "]"), tensors()));
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

        double quiet = steering.quietStd();
        t.add(f32r("decoder.positional_embedding", quiet, d, N_TEXT_CTX));
        t.add(f16("decoder.token_embedding.weight", steering.tokenEmbeddings(), d, N_VOCAB));
        for (int b = 0; b < shape.layers; b++) {
            String p = "decoder.blocks." + b + ".";
            addAttention(t, p + "attn.", quiet / Math.sqrt(d));
            addNorm(t, p + "attn_ln");
            addAttention(t, p + "cross_attn.", quiet / Math.sqrt(d));
            addNorm(t, p + "cross_attn_ln");
            if (b == 0) {
                t.add(f16(p + "mlp.0.weight", steering.lookupIn(p + "mlp.0.weight"), d, d4));
                t.add(f32(p + "mlp.0.bias", steering::lookupInBias, d4));
                t.add(f16(p + "mlp.2.weight", steering.lookupOut(p + "mlp.2.weight", quiet / Math.sqrt(d4)), d4, d));
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
        SplittableRandom rng = SeededWeights.random(options.seed(), name);
        return (i, out) -> SeededWeights.fillUniform(rng, out, std);
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
}
