package org.sttbench.models;

import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperFullParams;
import io.github.givimad.whisperjni.WhisperJNI;
import io.github.givimad.whisperjni.WhisperSamplingStrategy;
import io.github.givimad.whisperjni.WhisperState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Not a test: measures what a synthetic model decodes and how long it takes, for docs/models.md.
 * Arguments: shape (default tiny), clip seconds (30), repetitions (3), thread counts (1,2), tokens per second
 * of a full window (2.5). One unmeasured warm-up run comes first.
 */
public final class SyntheticDecodeBenchmark {
    public static void main(String[] args) throws Exception {
        String shapeName = args.length > 0 ? args[0] : "tiny";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int[] threads = Arrays.stream((args.length > 3 ? args[3] : "1,2").split(",")).mapToInt(Integer::parseInt).toArray();

        double tokensPerSecond = args.length > 4 ? Double.parseDouble(args[4])
                : SyntheticModelWriter.DEFAULT_TOKENS_PER_SECOND;
        var writer = new SyntheticModelWriter(SyntheticModelWriter.Shape.byName(shapeName),
                new SyntheticModelWriter.Options(SyntheticModelWriter.DEFAULT_SEED, tokensPerSecond, true));
        Path model = Files.createTempFile("synthetic-" + shapeName, ".bin");
        long t0 = System.nanoTime();
        writer.write(model);
        System.out.printf(Locale.ROOT, "synth %s: %.1f MiB in %.2f s%n", shapeName,
                Files.size(model) / 1048576.0, (System.nanoTime() - t0) / 1e9);

        float[] samples = new float[16_000 * seconds];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
        }
        WhisperJNI.loadLibrary();
        WhisperJNI.setLibraryLogger(null);
        WhisperJNI w = new WhisperJNI();
        t0 = System.nanoTime();
        WhisperContext ctx = w.initNoState(model);
        WhisperState st = w.initState(ctx);
        System.out.printf(Locale.ROOT, "load + state: %.2f s%n", (System.nanoTime() - t0) / 1e9);
        run(w, ctx, st, samples, threads[0]); // warm-up: first-touch of the weights, thread pools
        for (int n : threads) {
            double[] times = new double[reps];
            String summary = "";
            for (int r = 0; r < reps; r++) {
                long s = System.nanoTime();
                int rc = run(w, ctx, st, samples, n);
                times[r] = (System.nanoTime() - s) / 1e9;
                int segments = w.fullNSegmentsFromState(st);
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < segments; i++) {
                    text.append(w.fullGetSegmentTextFromState(st, i));
                }
                int windows = (int) Math.ceil(seconds / SyntheticModelWriter.WINDOW_SECONDS);
                summary = String.format(Locale.ROOT, "tokens/window=%d rc=%d segments=%d words=%d steered=%s",
                        writer.tokensPerWindow(), rc, segments,
                        text.toString().trim().split(" ").length,
                        text.toString().equals(writer.expectedWindowText().repeat(windows)));
            }
            Arrays.sort(times);
            System.out.printf(Locale.ROOT, "threads=%d %s  full(): min %.2f s, median %.2f s, max %.2f s (RTF %.3f)%n",
                    n, summary, times[0], times[reps / 2], times[reps - 1], times[reps / 2] / seconds);
        }
        w.free(st);
        w.free(ctx);
        Files.delete(model);
    }

    private static int run(WhisperJNI w, WhisperContext ctx, WhisperState st, float[] samples, int threads) {
        WhisperFullParams p = new WhisperFullParams(WhisperSamplingStrategy.GREEDY);
        p.nThreads = threads;
        p.language = "en";
        p.noTimestamps = true;
        p.printProgress = false;
        p.printTimestamps = false;
        return w.fullWithState(ctx, st, p, samples, samples.length);
    }
}
