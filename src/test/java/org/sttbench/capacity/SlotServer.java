package org.sttbench.capacity;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * A loopback transcription endpoint whose capacity is known by construction: {@code slots} requests are
 * served at a time, each for {@code serviceMs}; the rest wait in a fair queue. True capacity is
 * slots * 1000 / serviceMs requests per second.
 */
final class SlotServer implements AutoCloseable {
    static {
        // without it the JDK server's separate header and body writes meet the client's delayed ACK (~40 ms)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final Semaphore slots;
    private final long serviceMs;
    private final int status;

    SlotServer(int slots, long serviceMs, int status) throws IOException {
        this.slots = new Semaphore(slots, true);
        this.serviceMs = serviceMs;
        this.status = status;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        // far more threads than slots, so waiting happens in the semaphore's queue, not the accept backlog
        pool = Executors.newFixedThreadPool(256);
        server.setExecutor(pool);
        server.createContext("/v1/audio/transcriptions", this::respond);
        server.start();
    }

    double capacityRps(int slotCount) {
        return slotCount * 1000.0 / serviceMs;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void respond(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            slots.acquireUninterruptibly();
            try {
                Thread.sleep(serviceMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                slots.release();
            }
            byte[] out = (status == 200 ? "{\"text\":\"hello\"}" : "{\"error\":{\"message\":\"broken\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        } catch (IOException e) {
            // the client gave up: nothing to answer
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
