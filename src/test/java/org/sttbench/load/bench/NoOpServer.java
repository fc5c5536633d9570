package org.sttbench.load.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;

/**
 * Benchmark helper, not a test: an HTTP endpoint that reads the request body and answers a fixed small
 * JSON, so the load generator's own per-request cost is all that is left to measure. Usage: PORT [DELAY_MS]:
 * with a delay it answers that many milliseconds after the body arrived (a fixed service time, timer-based,
 * so any number of requests wait at once).
 */
public final class NoOpServer {
    private NoOpServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 18080;
        long delayMs = args.length > 1 ? Long.parseLong(args[1]) : 0;
        Vertx vertx = Vertx.vertx(new VertxOptions().setFileSystemOptions(
                new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
        vertx.createHttpServer()
                .requestHandler(req -> req.body().onComplete(body -> {
                    if (delayMs <= 0) {
                        req.response().putHeader("Content-Type", "application/json").end("{\"text\":\"\"}");
                    } else {
                        vertx.setTimer(delayMs, t -> req.response().putHeader("Content-Type", "application/json")
                                .end("{\"text\":\"\"}"));
                    }
                }))
                .listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        System.out.println("no-op server on 127.0.0.1:" + port + (delayMs > 0 ? ", answers after " + delayMs + " ms" : ""));
        Thread.currentThread().join();
    }
}
