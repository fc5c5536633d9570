package org.sttbench.load;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntToLongFunction;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** A loopback transcription endpoint whose behaviour each test scripts per request number (0-based). */
public final class StubTranscriptionServer implements AutoCloseable {
    public interface Behaviour {
        /** Returns the status to answer with after sleeping as needed. */
        int handle(int requestIndex) throws InterruptedException;
    }

    static {
        // without it the JDK server's separate header and body writes meet the client's delayed ACK (~40 ms)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService pool;
    final AtomicInteger received = new AtomicInteger();
    final AtomicReference<String> lastBody = new AtomicReference<>();
    final AtomicReference<String> lastContentType = new AtomicReference<>();
    final AtomicReference<Headers> lastHeaders = new AtomicReference<>();
    volatile String responseBody = "{\"text\":\"hello\"}";

    public StubTranscriptionServer(int threads, Behaviour behaviour) throws IOException {
        this(threads, LoadTargets.TRANSCRIPTIONS_PATH, behaviour);
    }

    /** Answers on {@code path} only; anything else gets the JDK server's 404. */
    StubTranscriptionServer(int threads, String path, Behaviour behaviour) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        pool = Executors.newFixedThreadPool(threads);
        server.setExecutor(pool);
        server.createContext(path, exchange -> respond(exchange, behaviour));
        server.start();
    }

    static StubTranscriptionServer fixedLatency(int threads, long millis) throws IOException {
        return new StubTranscriptionServer(threads, i -> {
            Thread.sleep(millis);
            return 200;
        });
    }

    /**
     * A server whose capacity is known by construction: {@code slots} requests in service at a time, each
     * taking {@code serviceMs(i)}, the rest waiting in arrival order. Completion times come from a virtual
     * queue (a request finishes at max(its arrival, the earliest free slot) + its service time) and the
     * handler sleeps until then, so thread-scheduling jitter delays single answers but never accumulates
     * into the queue.
     */
    static StubTranscriptionServer queue(int slots, IntToLongFunction serviceMs)
            throws IOException {
        long[] free = new long[slots];
        return new StubTranscriptionServer(256, i -> {
            long now = System.nanoTime();
            long finish;
            synchronized (free) {
                int k = 0;
                for (int j = 1; j < slots; j++) {
                    if (free[j] < free[k]) {
                        k = j;
                    }
                }
                finish = Math.max(now, free[k]) + serviceMs.applyAsLong(i) * 1_000_000L;
                free[k] = finish;
            }
            long left;
            while ((left = finish - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
            return 200;
        });
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void respond(HttpExchange exchange, Behaviour behaviour) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            int index = received.getAndIncrement();
            lastBody.set(new String(body, StandardCharsets.ISO_8859_1));
            lastContentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
            lastHeaders.set(exchange.getRequestHeaders());
            int status;
            try {
                status = behaviour.handle(index);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            byte[] out = (status == 200 ? responseBody : "{\"error\":{\"message\":\"busy\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        } catch (IOException e) {
            // the client gave up (timeout): nothing to answer
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    /** A silent 16 kHz mono WAV of the given length, for requests to upload. */
    public static Path silentWav(Path dir, double seconds) throws IOException {
        int frames = (int) (16_000 * seconds);
        AudioFormat format = new AudioFormat(16_000, 16, 1, true, false);
        Path file = dir.resolve("clip.wav");
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(new byte[frames * 2]), format,
                frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    static Path textFile(Path dir) throws IOException {
        return Files.writeString(dir.resolve("notes.txt"), "not audio");
    }
}
