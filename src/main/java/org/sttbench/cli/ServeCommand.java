package org.sttbench.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.sttbench.BadInputException;
import org.sttbench.engine.ThreadLimit;
import org.sttbench.engine.WhisperLanguages;
import org.sttbench.models.ModelStore;
import org.sttbench.serve.EngineBackend;
import org.sttbench.serve.ServeConfig;
import org.sttbench.serve.TranscriptionServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sttbench serve}: an OpenAI-compatible transcription server until stopped (SIGTERM / Ctrl-C). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve POST /v1/audio/transcriptions (OpenAI-compatible), GET /health and GET /metrics.",
                "Transcriptions run on --workers threads, each with its own whisper state, fed by a bounded queue."})
public final class ServeCommand implements Callable<Integer> {
    /** How long a stop waits for running transcriptions before the process exits anyway. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(15);
    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, description = "model name in the store or path to a ggml file")
    String model;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "address to bind. Default ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", defaultValue = "8000", description = "port (0 = any free). Default ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--workers", defaultValue = "1", description = "concurrent transcriptions. Default ${DEFAULT-VALUE}.")
    int workers;

    @Option(names = "--threads", description = "whisper.cpp threads per transcription (default: CPU limit / workers)")
    Integer threads;

    @Option(names = "--max-queue", description = "requests waiting for a worker before 503 (default: 4 x workers)")
    Integer maxQueue;

    @Option(names = "--max-upload-mb", defaultValue = "25", description = "upload size limit. Default ${DEFAULT-VALUE}.")
    double maxUploadMb;

    @Option(names = "--request-timeout-s", defaultValue = "300",
            description = "answer 504 when a request takes longer. Default ${DEFAULT-VALUE}.")
    double requestTimeoutS;

    @Option(names = "--header-timeout-s", defaultValue = "20",
            description = "answer 408 and close a connection whose request line and headers take longer. "
                    + "Default ${DEFAULT-VALUE}.")
    double headerTimeoutS;

    @Option(names = {"-l", "--language"}, defaultValue = "en",
            description = "language code, or auto to detect. Default ${DEFAULT-VALUE}.")
    String language;

    private final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ServeConfig config = config();
        // a missing model is said before anything listens: "listening" would promise a server that cannot come up
        ModelStore.fromEnvironment().locate(model);
        TranscriptionServer server = new TranscriptionServer(config);
        Thread hook = new Thread(() -> {
            stop.countDown();
            closeWithin(server, SHUTDOWN_GRACE);
        }, "stt-shutdown");
        try {
            int bound = server.start();
            Runtime.getRuntime().addShutdownHook(hook);
            out.printf("listening on http://%s:%d (health: /health, metrics: /metrics); loading %s ...%n",
                    host, bound, model);
            out.flush();
            server.load(() -> EngineBackend.load(model, workers, threads, language)).get();
            out.printf("ready: %s, %d worker(s), queue %d%n", model, workers, config.maxQueue());
            out.flush();
            stop.await();
            return ExitCode.OK;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BadInputException bad) {
                throw bad;
            }
            throw new CommandFailedException("cannot load model " + model + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.OK;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // already shutting down, or never registered
            }
            server.close();
        }
    }

    /**
     * On SIGTERM: stop accepting, give running transcriptions the grace period, then exit regardless. A
     * native whisper call cannot be interrupted, and a stop that waits on it can outlast any orchestrator's patience.
     */
    static void closeWithin(TranscriptionServer server, Duration grace) {
        Thread closer = new Thread(server::close, "stt-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            System.err.println("serve: transcriptions still running " + grace.toSeconds() + " s after the stop; exiting");
            Runtime.getRuntime().halt(ExitCode.FAILED);
        }
    }

    /** Ends a running {@link #call()} (for embedding and tests; SIGTERM does the same). */
    public void stop() {
        stop.countDown();
    }

    ServeConfig config() {
        if (workers < 1 || workers > 256) {
            throw new BadInputException("--workers must be between 1 and 256, was " + workers);
        }
        ThreadLimit.check(threads, "--threads");
        WhisperLanguages.check(language, "--language");
        int queue = maxQueue == null ? 4 * workers : maxQueue;
        if (queue < 0) {
            throw new BadInputException("--max-queue must be >= 0, was " + queue);
        }
        if (!(maxUploadMb > 0) || !(requestTimeoutS > 0) || !(headerTimeoutS > 0)) {
            throw new BadInputException("--max-upload-mb, --request-timeout-s and --header-timeout-s must be positive");
        }
        if (port < 0 || port > 65535) {
            throw new BadInputException("--port must be between 0 and 65535, was " + port);
        }
        return new ServeConfig(host, port, workers, queue, (long) (maxUploadMb * 1024 * 1024),
                Duration.ofMillis((long) (requestTimeoutS * 1000)), null,
                Duration.ofMillis((long) (headerTimeoutS * 1000)));
    }
}
