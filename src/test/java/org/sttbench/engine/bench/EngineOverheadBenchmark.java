package org.sttbench.engine.bench;

import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperFullParams;
import io.github.givimad.whisperjni.WhisperJNI;
import io.github.givimad.whisperjni.WhisperSamplingStrategy;
import io.github.givimad.whisperjni.WhisperState;
import java.nio.file.Path;
import java.util.Arrays;
import org.sttbench.audio.AudioDecoder;
import org.sttbench.audio.DecodedAudio;
import org.sttbench.engine.EngineOptions;
import org.sttbench.engine.WhisperEngine;
import org.sttbench.models.ModelStore;

/**
 * Not a test: inference time through sttbench's engine against a minimal direct whisper-jni loop on
 * the same model, clip and threads, alternating the two so drift on a shared machine hits both alike.
 * Usage: bench/engine-overhead.sh MODEL CLIP THREADS ROUNDS
 */
public final class EngineOverheadBenchmark {
    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        DecodedAudio clip = new AudioDecoder().decode(Path.of(args[1]));
        int threads = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);

        WhisperJNI.loadLibrary();
        WhisperJNI jni = new WhisperJNI();
        WhisperContext context = jni.initNoState(model);
        WhisperState state = jni.initState(context);
        WhisperFullParams params = new WhisperFullParams(WhisperSamplingStrategy.GREEDY);
        params.nThreads = threads;
        params.language = "en";
        params.noTimestamps = true;
        params.printProgress = false;
        params.printRealtime = false;
        params.printTimestamps = false;

        double[] direct = new double[rounds];
        double[] engine = new double[rounds];
        try (WhisperEngine sttbench = WhisperEngine.load(new ModelStore(model.getParent()).describe(model),
                new EngineOptions(threads, 1, "en"))) {
            // one warm-up each: page in the weights, settle the allocators
            jni.fullWithState(context, state, params, clip.samples(), clip.samples().length);
            sttbench.transcribe(clip);
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                jni.fullWithState(context, state, params, clip.samples(), clip.samples().length);
                for (int s = 0; s < jni.fullNSegmentsFromState(state); s++) {
                    jni.fullGetSegmentTextFromState(state, s);
                }
                direct[i] = (System.nanoTime() - start) / 1e6;
                long t0 = System.nanoTime();
                sttbench.transcribe(clip);
                engine[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        jni.free(state);
        jni.free(context);
        double d = median(direct);
        double e = median(engine);
        System.out.printf("model %s, clip %s (%.1f s), %d thread(s), %d rounds%n", model.getFileName(),
                clip.source().getFileName(), clip.durationS(), threads, rounds);
        System.out.printf("direct whisper-jni: median %.1f ms (min %.1f)%n", d, Arrays.stream(direct).min().orElseThrow());
        System.out.printf("sttbench engine:    median %.1f ms (min %.1f)%n", e, Arrays.stream(engine).min().orElseThrow());
        System.out.printf("ratio engine/direct: %.3f%n", e / d);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
