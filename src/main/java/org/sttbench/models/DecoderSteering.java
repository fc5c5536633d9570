package org.sttbench.models;

import static org.sttbench.models.SeededWeights.fillUniform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.sttbench.BadInputException;
import org.sttbench.models.GgmlWriter.RowSource;

/**
 * The weights that make a synthetic model decode a chosen token sequence (see {@link SyntheticModelWriter}
 * for the idea): near-orthogonal embeddings for the steered tokens, and the first decoder block's MLP as a
 * lookup table from each trigger token to its successor.
 */
final class DecoderSteering {
    // special token ids of the multilingual vocabulary (n_vocab 51865)
    static final int TOKEN_EOT = 50257;
    static final int TOKEN_TRANSLATE = 50358;
    static final int TOKEN_TRANSCRIBE = 50359;
    static final int TOKEN_NO_TIMESTAMPS = 50363;
    /** whisper.cpp looks up the token " " (blank suppression) and fails without it. */
    static final int TOKEN_SPACE = 220;

    private static final double LOGIT_TARGET = 30.0;   // logit of the steered next token
    private static final double ALPHA = 3.0;           // successor embedding weight vs the current token's
    private static final double GATE_THRESHOLD = 0.72; // cosine a trigger unit needs to fire
    private static final double GATE_OUTPUT = 4.0;     // pre-activation of a firing trigger unit
    private static final double MAX_COSINE = 0.45;     // between any two steered embeddings
    private static final double UNSTEERED_NORM = 0.05; // other tokens' embedding norm, relative
    private static final double QUIET = 0.01;          // decoder sub-layer outputs, relative to the embeddings

    private final int d;
    private final long seed;
    private final double embeddingNorm;
    private final int[] wordTokens;
    /** Steered token id -> its unit embedding. */
    private final Map<Integer, float[]> steered = new HashMap<>();
    /** Trigger unit k fires on triggers[k] and writes successors[k]. */
    private final int[] triggers;
    private final int[] successors;

    /**
     * @param d     the model's state width
     * @param n     tokens each window decodes before end-of-text
     * @param shape named in the error when {@code n} does not fit the width
     */
    DecoderSteering(int d, int n, long seed, String shape) {
        this.d = d;
        this.seed = seed;
        // logit of the successor = sqrt(d) * r * ALPHA / sqrt(1 + ALPHA^2): solve for r
        this.embeddingNorm = LOGIT_TARGET * Math.sqrt(1 + ALPHA * ALPHA) / (ALPHA * Math.sqrt(d));
        SplittableRandom rng = SeededWeights.random(seed, "steering");
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
            throw new BadInputException("too many steered tokens (" + n + ") for shape " + shape);
        }
    }

    /** Token ids every window decodes, in order (end-of-text not included). */
    int[] wordTokens() {
        return wordTokens.clone();
    }

    /** Standard deviation of a weight whose output must stay small against the steered embeddings. */
    double quietStd() {
        double component = embeddingNorm / Math.sqrt(d);
        return QUIET * component;
    }

    RowSource tokenEmbeddings() {
        SplittableRandom rng = SeededWeights.random(seed, "decoder.token_embedding.weight");
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

    /** The lookup's input weights: trigger unit k matches the embedding of triggers[k]. */
    RowSource lookupIn(String name) {
        SplittableRandom rng = SeededWeights.random(seed, name);
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

    /** The lookup's biases: a trigger unit stays below zero unless its token's cosine passes the threshold. */
    void lookupInBias(int row, float[] out) {
        double bias = -gateScale() * Math.sqrt(d) * GATE_THRESHOLD;
        for (int u = 0; u < out.length; u++) {
            out[u] = u < triggers.length ? (float) bias : 0f;
        }
    }

    /** The lookup's output weights: a firing trigger unit writes its successor's embedding. */
    RowSource lookupOut(String name, double quietStd) {
        SplittableRandom rng = SeededWeights.random(seed, name);
        double firing = gelu(GATE_OUTPUT);
        double gain = ALPHA * embeddingNorm / firing;
        return (component, out) -> {
            fillUniform(rng, out, quietStd);
            for (int u = 0; u < triggers.length; u++) {
                out[u] = (float) (gain * steered.get(successors[u])[component]);
            }
        };
    }

    /** A zero-mean unit vector whose |cosine| with every accepted one is below {@link #MAX_COSINE}. */
    private float[] nearOrthogonalUnit(SplittableRandom rng, List<float[]> accepted) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            double[] v = new double[d];
            double mean = 0;
            for (int i = 0; i < d; i++) {
                v[i] = SeededWeights.gaussian(rng);
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

    /** The tanh approximation whisper.cpp's ggml uses. */
    static double gelu(double x) {
        return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }
}
