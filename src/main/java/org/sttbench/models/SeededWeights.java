package org.sttbench.models;

import java.util.SplittableRandom;

/** Random weights that depend only on the seed and the tensor's name, so a seed gives a byte-identical file. */
final class SeededWeights {
    private SeededWeights() {
    }

    /** A generator of its own for each name: tensors can be produced in any order. */
    static SplittableRandom random(long seed, String name) {
        long h = seed * 0x9E3779B97F4A7C15L + name.hashCode();
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return new SplittableRandom(h);
    }

    /** Uniform values with standard deviation {@code std} (cheaper than Gaussian; the shape is irrelevant). */
    static void fillUniform(SplittableRandom rng, float[] out, double std) {
        double a = std * Math.sqrt(3);
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((rng.nextDouble() * 2 - 1) * a);
        }
    }

    static double gaussian(SplittableRandom rng) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        double u1 = 1 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
