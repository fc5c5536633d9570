package org.sttbench.serve;

import com.fasterxml.jackson.databind.node.TextNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttbench.BadInputException;
import org.sttbench.FileTrees;
import org.sttbench.engine.WhisperLanguages;

/**
 * An OpenAI-compatible transcription server on Vert.x. The event loop only parses requests, spools uploads
 * and writes answers; transcriptions run on {@code workers} threads fed by a bounded queue, so a full
 * queue is answered at once with 503 + Retry-After instead of piling up latency.
 */
public final class TranscriptionServer implements AutoCloseable {
    /** Counted for requests whose client closed the connection before the answer (nginx's convention). */
    static final int CLIENT_CLOSED = 499;
    private Duration idleTimeout;

    public static final String TRANSCRIPTIONS = "/v1/audio/transcriptions";
    private static final Logger LOG = LoggerFactory.getLogger(TranscriptionServer.class);
    private static final int LOADING_RETRY_AFTER_S = 5;

    private final ServeConfig config;
    private final AudioSniffer sniffer;
    private final ThreadPoolExecutor workers;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ServerMetrics metrics;
    private volatile TranscriptionBackend backend;
    private volatile String loadError;
    private Vertx vertx;
    private HttpServer server;
    private Path uploadsDir;
    private boolean ownUploadsDir;

    public TranscriptionServer(ServeConfig config) {
        this(config, new AudioSniffer());
    }

    public TranscriptionServer(ServeConfig config, AudioSniffer sniffer) {
        this.config = config;
        this.sniffer = sniffer;
        BlockingQueue<Runnable> queue = config.maxQueue() == 0 ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(config.maxQueue());
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(config.workers(), config.workers(), 0, TimeUnit.MILLISECONDS, queue,
                r -> {
                    Thread t = new Thread(r, "stt-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.metrics = new ServerMetrics(config.workers(), () -> workers.getQueue().size(), inFlight::get,
                () -> backend == null ? 0 : 1);
    }

    /** Binds the port and starts answering (health says 503 until a backend is set); returns the port. */
    public synchronized int start() {
        try {
            uploadsDir = config.uploadsDir();
            if (uploadsDir == null) {
                uploadsDir = Files.createTempDirectory("sttbench-uploads");
                ownUploadsDir = true;
            } else {
                Files.createDirectories(uploadsDir);
            }
        } catch (IOException e) {
            throw new BadInputException("cannot create the uploads directory " + uploadsDir + ": " + e.getMessage());
        }
        // no .vertx cache directory in the user's working directory
        vertx = Vertx.vertx(new VertxOptions().setFileSystemOptions(
                new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
        Router router = router();
        HeaderReadTimeout headerTimeout = new HeaderReadTimeout(config.headerTimeout(), () -> {
            metrics.headerTimedOut();
            LOG.debug("closed a connection whose request headers took longer than {} s",
                    config.headerTimeout().toSeconds());
        });
        try {
            server = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port())
                    .setIdleTimeout((int) idleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                    // plain HTTP/1.1, as the transcription APIs it mimics: without h2c detection the pipeline is
                    // built when a connection opens, not after its first bytes, so the header clock starts there
                    .setHttp2ClearTextEnabled(false))
                    // Vert.x's own connection type is the only way to its Netty channel (see HeaderReadTimeout)
                    .connectionHandler(connection -> headerTimeout.install(((ConnectionBase) connection).channel()))
                    .requestHandler(router).listen().toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new BadInputException("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + cause.getMessage() + " (is the port in use? try --port)");
        }
        LOG.info("listening on {}:{} with {} workers, queue {}", config.host(), server.actualPort(),
                config.workers(), config.maxQueue());
        return server.actualPort();
    }

    /**
     * A connection on which nothing moves for this long is closed: one that stops sending its upload, or
     * an idle keep-alive connection (headers that trickle in are bounded by the header timeout). A request waiting for its transcription is answered
     * within the request timeout (504 at the latest), so the bound is that plus a margin.
     */
    private Duration idleTimeout() {
        if (idleTimeout != null) {
            return idleTimeout;
        }
        return config.requestTimeout() == null ? Duration.ofMinutes(10) : config.requestTimeout().plusSeconds(15);
    }

    /** Sets the idle timeout instead of deriving it from the request timeout; before {@link #start()}. */
    TranscriptionServer withIdleTimeout(Duration timeout) {
        this.idleTimeout = timeout;
        return this;
    }

    /** Loads the backend on a background thread; /health turns 200 when it is done. */
    public CompletableFuture<Void> load(Callable<TranscriptionBackend> loader) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                useBackend(loader.call());
                done.complete(null);
            } catch (Throwable e) {
                loadError = e.getMessage() == null ? e.toString() : e.getMessage();
                done.completeExceptionally(e);
            }
        }, "stt-model-loader");
        t.setDaemon(true);
        t.start();
        return done;
    }

    public void useBackend(TranscriptionBackend loaded) {
        this.backend = loaded;
        LOG.info("model {} ready", loaded.modelName());
    }

    public int port() {
        return server == null ? -1 : server.actualPort();
    }

    public boolean ready() {
        return backend != null;
    }

    public int queueDepth() {
        return workers.getQueue().size();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    private Router router() {
        Router router = Router.router(vertx);
        router.get("/health").handler(this::health);
        router.get("/metrics").handler(ctx -> send(ctx, "metrics", 200,
                "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
        router.post(TRANSCRIPTIONS).handler(BodyHandler.create(uploadsDir.toString())
                .setBodyLimit(config.maxUploadBytes())
                .setDeleteUploadedFilesOnEnd(true)
                .setHandleFileUploads(true));
        router.post(TRANSCRIPTIONS).handler(this::transcribe);
        router.errorHandler(413, ctx -> error(ctx, new ApiError(413, "upload larger than "
                + config.maxUploadBytes() / (1024 * 1024.0) + " MB; send a shorter clip or raise --max-upload-mb",
                ApiError.INVALID_REQUEST, "file_too_large")));
        router.errorHandler(404, ctx -> error(ctx, new ApiError(404, "no such endpoint: " + ctx.request().path(),
                ApiError.INVALID_REQUEST, "not_found")));
        router.errorHandler(405, ctx -> error(ctx, new ApiError(405, "method not allowed on " + ctx.request().path(),
                ApiError.INVALID_REQUEST, "method_not_allowed")));
        router.errorHandler(500, ctx -> {
            LOG.warn("request failed", ctx.failure());
            error(ctx, new ApiError(500, "internal error", ApiError.SERVER_ERROR, "internal_error"));
        });
        return router;
    }

    private void health(RoutingContext ctx) {
        TranscriptionBackend b = backend;
        String body;
        if (b != null) {
            body = "{\"status\":\"ok\",\"model\":" + quote(b.modelName()) + ",\"workers\":" + config.workers() + "}";
        } else if (loadError != null) {
            body = "{\"status\":\"failed\",\"error\":" + quote(loadError) + "}";
        } else {
            body = "{\"status\":\"loading\"}";
        }
        send(ctx, "health", b != null ? 200 : 503, "application/json", body);
    }

    private void transcribe(RoutingContext ctx) {
        long received = System.nanoTime();
        TranscriptionBackend b = backend;
        if (b == null) {
            ctx.response().putHeader("Retry-After", Integer.toString(LOADING_RETRY_AFTER_S));
            error(ctx, new ApiError(503, "the model is still loading", ApiError.SERVER_ERROR, "model_loading"));
            return;
        }
        FileUpload upload = ctx.fileUploads().stream().filter(f -> "file".equals(f.name())).findFirst().orElse(null);
        if (upload == null) {
            error(ctx, ApiError.badRequest("missing_file",
                    "no audio: send it as the multipart/form-data field 'file'"));
            return;
        }
        ResponseFormat format = ResponseFormat.parse(ctx.request().getFormAttribute("response_format"));
        if (format == null) {
            error(ctx, ApiError.badRequest("invalid_response_format",
                    "response_format must be json, text, verbose_json, srt or vtt"));
            return;
        }
        String language = ctx.request().getFormAttribute("language");
        language = language == null || language.isBlank() ? null : language.trim();
        if (language != null && !WhisperLanguages.known(language)) {
            error(ctx, ApiError.badRequest("invalid_language", "language '" + language
                    + "' is not a language Whisper knows; use auto or an ISO 639-1 code such as en"));
            return;
        }
        Path file = Path.of(upload.uploadedFileName());
        String name = upload.fileName();
        String declared = upload.contentType();
        String lang = language;
        // detection reads up to 64 KB: Vert.x's blocking pool, not the event loop and not a transcription worker
        vertx.<AudioSniffer.Result>executeBlocking(() -> sniffer.sniff(file, name, declared), false)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        error(ctx, ApiError.badRequest("invalid_file", "cannot read the upload '" + name + "': "
                                + ar.cause().getMessage()));
                        return;
                    }
                    if (admissible(ctx, ar.result(), name)) {
                        submit(ctx, b, file, name, lang, format, received);
                    }
                });
    }

    private boolean admissible(RoutingContext ctx, AudioSniffer.Result sniffed, String name) {
        switch (sniffed.verdict()) {
            case EMPTY -> {
                error(ctx, ApiError.badRequest("invalid_file", "the uploaded file '" + name + "' is empty"));
                return false;
            }
            case NOT_AUDIO -> {
                error(ctx, ApiError.badRequest("invalid_file", "'" + name + "' is not an audio file (it looks like "
                        + sniffed.label() + "); supported: " + sniffer.supportedList()));
                return false;
            }
            case UNSUPPORTED_AUDIO -> {
                error(ctx, new ApiError(415, "unsupported audio format " + sniffed.label() + " (" + sniffed.format()
                        + ") in '" + name + "'; supported: " + sniffer.supportedList(),
                        ApiError.INVALID_REQUEST, "unsupported_format"));
                return false;
            }
            default -> {
                return true;
            }
        }
    }

    private void submit(RoutingContext ctx, TranscriptionBackend b, Path file, String name, String language, ResponseFormat format,
                        long received) {
        Context context = vertx.getOrCreateContext();
        AtomicBoolean answered = new AtomicBoolean();
        Future<?> task;
        try {
            task = workers.submit(() -> {
                if (answered.get()) {
                    return;
                }
                inFlight.incrementAndGet();
                ServedTranscription result = null;
                ApiError failure = null;
                try {
                    result = b.transcribe(file, language);
                    metrics.transcribed(result.durationS(), result.inferenceNanos());
                } catch (BadInputException e) {
                    // the decoder names the file it read: the client knows it by its own name, not the temp path
                    String message = e.getMessage() == null ? "cannot decode the upload"
                            : e.getMessage().replace(file.toString(), "'" + name + "'");
                    failure = ApiError.badRequest("invalid_audio", message);
                } catch (Throwable e) {
                    LOG.warn("transcription failed", e);
                    failure = new ApiError(500, "transcription failed: " + e.getMessage(), ApiError.SERVER_ERROR,
                            "transcription_failed");
                } finally {
                    inFlight.decrementAndGet();
                }
                ServedTranscription ok = result;
                ApiError err = failure;
                context.runOnContext(v -> {
                    if (!answered.compareAndSet(false, true)) {
                        return;
                    }
                    ctx.vertx().cancelTimer(ctx.<Long>get("timeout-timer"));
                    if (err != null) {
                        error(ctx, err);
                    } else {
                        metrics.transcriptionRequestDone(System.nanoTime() - received);
                        send(ctx, "transcriptions", 200, format.contentType(), format.render(ok));
                    }
                });
            });
        } catch (RejectedExecutionException e) {
            ctx.response().putHeader("Retry-After", Long.toString(retryAfterSeconds()));
            error(ctx, new ApiError(503, "server busy: " + config.workers() + " workers busy and " + config.maxQueue()
                    + " requests queued; retry later", ApiError.SERVER_ERROR, "queue_full"));
            return;
        }
        long timer = vertx.setTimer(config.requestTimeout().toMillis(), id -> {
            if (answered.compareAndSet(false, true)) {
                // a queued request leaves the queue; a running one finishes in the engine and is discarded
                task.cancel(false);
                workers.remove((Runnable) task);
                error(ctx, new ApiError(504, "transcription did not finish within "
                        + config.requestTimeout().toSeconds() + " s", ApiError.SERVER_ERROR, "timeout"));
            }
        });
        ctx.put("timeout-timer", timer);
    }

    /** Time for the queue ahead to drain at the observed mean service time; at least 1 s. */
    private long retryAfterSeconds() {
        double mean = metrics.meanRequestSeconds();
        double drain = mean * (config.maxQueue() + config.workers()) / config.workers();
        return Math.max(1, (long) Math.ceil(drain));
    }

    private void error(RoutingContext ctx, ApiError error) {
        String endpoint = ctx.request().path() != null && ctx.request().path().startsWith(TRANSCRIPTIONS)
                ? "transcriptions" : "other";
        send(ctx, endpoint, error.status(), "application/json", error.toJson());
    }

    private void send(RoutingContext ctx, String endpoint, int status, String contentType, String body) {
        if (ctx.response().closed()) {
            // the client went away (an upload cut off, a timeout on its side): not an error of the server
            metrics.request(endpoint, CLIENT_CLOSED);
            return;
        }
        metrics.request(endpoint, status);
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", contentType).end(body);
    }

    private static String quote(String s) {
        return TextNode.valueOf(s == null ? "" : s).toString();
    }

    @Override
    public synchronized void close() {
        workers.shutdownNow();
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debug("vert.x close", e);
            }
            vertx = null;
        }
        TranscriptionBackend b = backend;
        if (b != null) {
            try {
                b.close();
            } catch (Exception e) {
                LOG.debug("backend close", e);
            }
        }
        if (ownUploadsDir && !FileTrees.deleteQuietly(uploadsDir)) {
            LOG.debug("uploads folder {} not fully deleted", uploadsDir);
        }
    }
}
