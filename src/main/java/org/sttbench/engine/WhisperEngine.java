package org.sttbench.engine;

import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperFullParams;
import io.github.givimad.whisperjni.WhisperJNI;
import io.github.givimad.whisperjni.WhisperSamplingStrategy;
import io.github.givimad.whisperjni.WhisperState;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttbench.BadInputException;
import org.sttbench.audio.DecodedAudio;
import org.sttbench.host.CpuLimit;
import org.sttbench.host.CpuLimitDetector;
import org.sttbench.models.ModelInfo;

/**
 * A loaded Whisper model that transcribes 16 kHz mono audio through whisper.cpp.
 *
 * <p>The model weights are loaded once without a state; one {@link WhisperState} per allowed concurrent
 * transcription is created up front, because whisper.cpp's states are not safe to share and creating or
 * freeing them while others run is racy in the native layer. A caller blocks until a state is free.
 */
public final class WhisperEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WhisperEngine.class);
    private static final Logger NATIVE_LOG = LoggerFactory.getLogger("org.sttbench.engine.whispercpp");
    private static volatile WhisperJNI jni;

    private final ModelInfo model;
    private final EngineOptions options;
    private final ThreadChoice threads;
    private final WhisperContext context;
    private final List<WhisperState> states;
    private final BlockingQueue<WhisperState> freeStates;
    private final long loadNanos;
    private volatile boolean closed;

    private WhisperEngine(ModelInfo model, EngineOptions options, ThreadChoice threads, WhisperContext context,
                          List<WhisperState> states, long loadNanos) {
        this.model = model;
        this.options = options;
        this.threads = threads;
        this.context = context;
        this.states = states;
        this.freeStates = new ArrayBlockingQueue<>(states.size(), false, states);
        this.loadNanos = loadNanos;
    }

    /**
     * Loads a model.
     *
     * @throws BadInputException when the file is missing, or whisper.cpp cannot load it (corrupt, truncated,
     *                           not a ggml model)
     */
    public static WhisperEngine load(ModelInfo model, EngineOptions options) {
        if (!Files.isRegularFile(model.path())) {
            throw new BadInputException("model not found: " + model.path()
                    + "; try: sttbench models pull tiny, or models synth tiny");
        }
        ThreadChoice threads = chooseThreads(options, new CpuLimitDetector().detect());
        WhisperJNI whisper = library();
        long start = System.nanoTime();
        WhisperContext context;
        try {
            context = whisper.initNoState(model.path());
        } catch (IOException e) {
            throw new BadInputException("cannot read model " + model.path() + ": " + e.getMessage(), e);
        }
        if (context == null) {
            // whisper-jni returns null rather than throwing when whisper.cpp rejects the file
            throw new BadInputException("corrupt or unsupported model: " + model.path()
                    + " (whisper.cpp could not load it); re-download with: sttbench models pull NAME,"
                    + " or regenerate with: sttbench models synth NAME");
        }
        List<WhisperState> states = new ArrayList<>();
        for (int i = 0; i < options.concurrency(); i++) {
            WhisperState state = whisper.initState(context);
            if (state == null) {
                states.forEach(whisper::free);
                whisper.free(context);
                throw new IllegalStateException("whisper.cpp could not allocate state " + (i + 1) + " of "
                        + options.concurrency() + " for " + model.path() + " (out of memory?)");
            }
            states.add(state);
        }
        long loadNanos = System.nanoTime() - start;
        LOG.info("loaded {} ({}) in {} ms: {} state(s), {} thread(s) each [{}]", model.name(),
                model.synthetic() ? "synthetic" : "real", loadNanos / 1_000_000, states.size(), threads.threads(),
                threads.derivation());
        return new WhisperEngine(model, options, threads, context, states, loadNanos);
    }

    static ThreadChoice chooseThreads(EngineOptions options, CpuLimit limit) {
        if (options.threads() != null) {
            return new ThreadChoice(options.threads(), limit.cpus(), "explicit threads=" + options.threads()
                    + " (CPU limit " + String.format("%.2f", limit.cpus()) + ")");
        }
        int perTranscription = Math.max(1, limit.recommendedThreads() / options.concurrency());
        String share = options.concurrency() > 1 ? " shared by " + options.concurrency() + " concurrent transcriptions" : "";
        return new ThreadChoice(perTranscription, limit.cpus(), limit.derivation() + " -> effective "
                + String.format("%.2f", limit.cpus()) + " CPU (" + limit.source() + ")" + share + " -> "
                + perTranscription + " thread(s)");
    }

    /** The native library, loaded once per JVM with whisper.cpp's log routed to our logger. */
    static WhisperJNI library() {
        if (jni == null) {
            synchronized (WhisperEngine.class) {
                if (jni == null) {
                    try {
                        WhisperJNI.loadLibrary(message -> LOG.debug("whisper-jni: {}", message));
                        WhisperJNI.setLibraryLogger(message -> NATIVE_LOG.debug(message.strip()));
                    } catch (IOException e) {
                        throw new IllegalStateException("cannot load the whisper.cpp native library for "
                                + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ": "
                                + e.getMessage(), e);
                    }
                    jni = new WhisperJNI();
                }
            }
        }
        return jni;
    }

    /** whisper.cpp's build flags (AVX, AVX2, ...), as results report them. */
    public static String systemInfo() {
        return library().getSystemInfo().strip();
    }

    public Transcription transcribe(DecodedAudio audio) {
        if (audio.samples().length == 0) {
            throw new BadInputException("audio has no samples: " + audio.source());
        }
        return transcribe(audio.samples(), audio.durationS());
    }

    /** Transcribes 16 kHz mono samples; safe to call from several threads, blocks for a free state. */
    public Transcription transcribe(float[] samples, double durationS) {
        if (closed) {
            throw new IllegalStateException("engine for " + model.name() + " is closed");
        }
        WhisperState state;
        try {
            state = freeStates.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a free whisper state", e);
        }
        try {
            WhisperJNI whisper = library();
            long start = System.nanoTime();
            int rc = whisper.fullWithState(context, state, params(), samples, samples.length);
            long inference = System.nanoTime() - start;
            if (rc != 0) {
                throw new IllegalStateException("whisper.cpp failed with code " + rc + " on " + durationS + " s of audio");
            }
            int n = whisper.fullNSegmentsFromState(state);
            List<Segment> segments = new ArrayList<>(n);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < n; i++) {
                String piece = whisper.fullGetSegmentTextFromState(state, i);
                // centiseconds; without timestamp tokens whisper.cpp can report bounds outside the clip
                long clipMs = Math.round(durationS * 1000);
                long from = clamp(whisper.fullGetSegmentTimestamp0FromState(state, i) * 10, clipMs);
                long to = Math.max(from, clamp(whisper.fullGetSegmentTimestamp1FromState(state, i) * 10, clipMs));
                segments.add(new Segment(from, to, piece.strip()));
                text.append(piece);
            }
            return new Transcription(text.toString().strip(), segments, options.language(), durationS, inference,
                    threads.threads());
        } finally {
            freeStates.add(state);
        }
    }

    private static long clamp(long ms, long clipMs) {
        return Math.max(0, Math.min(ms, clipMs));
    }

    private WhisperFullParams params() {
        WhisperFullParams params = new WhisperFullParams(WhisperSamplingStrategy.GREEDY);
        params.nThreads = threads.threads();
        params.language = options.language();
        params.detectLanguage = false;
        params.translate = false;
        // one text segment per window; synthetic models are steered for this mode
        params.noTimestamps = true;
        params.printProgress = false;
        params.printRealtime = false;
        params.printTimestamps = false;
        params.printSpecial = false;
        params.temperature = 0f;
        return params;
    }

    public ModelInfo model() {
        return model;
    }

    public ThreadChoice threads() {
        return threads;
    }

    public int concurrency() {
        return states.size();
    }

    public long loadNanos() {
        return loadNanos;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        WhisperJNI whisper = library();
        // take every state back so none is freed under a running transcription
        for (int i = 0; i < states.size(); i++) {
            try {
                whisper.free(freeStates.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        whisper.free(context);
    }
}
