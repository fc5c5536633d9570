package org.sttbench.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow-header clients against a real server socket. Each test's deadline is short and its client far
 * slower or longer than it, so a busy machine only makes a pause longer, never the verdict different.
 */
class HeaderReadTimeoutTest {
    @TempDir
    Path dir;
    private TranscriptionServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private FakeBackend start(Duration headerTimeout) {
        // the request timeout (and with it the idle timeout) is minutes: only the header deadline can act
        server = new TranscriptionServer(new ServeConfig("127.0.0.1", 0, 1, 2, 1 << 20, Duration.ofMinutes(5),
                dir.resolve("u"), headerTimeout));
        server.start();
        FakeBackend backend = new FakeBackend();
        server.useBackend(backend);
        return backend;
    }

    @Test
    void aClientTricklingItsHeadersGets408AndIsClosedWhileStillSending() throws Exception {
        start(Duration.ofMillis(500));
        byte[] request = ("POST /v1/audio/transcriptions HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(600))
                .getBytes(StandardCharsets.US_ASCII);
        AtomicInteger sent = new AtomicInteger();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            // one byte per 100 ms: never idle for even a second, and 60 s to send it all
            OutputStream out = socket.getOutputStream();
            Thread trickle = new Thread(() -> {
                try {
                    for (byte b : request) {
                        out.write(b);
                        out.flush();
                        sent.incrementAndGet();
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException e) {
                    // closed by the server: what the test expects
                }
            });
            trickle.setDaemon(true);
            trickle.start();
            socket.setSoTimeout(120_000);

            String answer = readToEnd(socket.getInputStream());

            assertThat(answer).startsWith("HTTP/1.1 408 ").contains("Connection: close");
            assertThat(sent.get()).as("closed before the headers were all sent").isLessThan(request.length);
        }
        assertThat(server.metrics().scrape()).contains("stt_header_timeouts_total 1.0");
    }

    @Test
    void aConnectionThatSendsNothingIsClosed() throws Exception {
        start(Duration.ofMillis(300));
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(120_000);
            assertThat(readToEnd(socket.getInputStream())).startsWith("HTTP/1.1 408 ");
        }
    }

    @Test
    void aKeepAliveConnectionMayWaitLongerThanTheHeaderTimeoutBetweenRequests() throws Exception {
        start(Duration.ofMillis(200));
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(120_000);
            byte[] health = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            socket.getOutputStream().write(health);
            assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200 ");

            Thread.sleep(1000);
            socket.getOutputStream().write(health);

            assertThat(readResponse(socket.getInputStream())).as("the same connection still answers")
                    .startsWith("HTTP/1.1 200 ");
        }
        assertThat(server.metrics().scrape()).contains("stt_header_timeouts_total 0.0");
    }

    @Test
    void aLaterRequestOnAKeptAliveConnectionIsTimedFromItsFirstByte() throws Exception {
        start(Duration.ofMillis(300));
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200 ");

            // the second request begins, then stalls inside its headers far longer than the deadline
            out.write("GET /health HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            assertThat(readToEnd(socket.getInputStream())).startsWith("HTTP/1.1 408 ");
        }
        assertThat(server.metrics().scrape()).contains("stt_header_timeouts_total 1.0");
    }

    @Test
    void aTranscriptionLongerThanTheHeaderTimeoutIsAnswered() throws Exception {
        FakeBackend backend = start(Duration.ofMillis(200)).closed();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\nRIFF....WAVE\r\n--" + boundary + "--\r\n";
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + server.port() + TranscriptionServer.TRANSCRIPTIONS))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(backend.started.await(30, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(1000);
        backend.open();

        assertThat(answer.get(60, TimeUnit.SECONDS).statusCode()).isNotEqualTo(408).isLessThan(500);
        assertThat(server.metrics().scrape()).contains("stt_header_timeouts_total 0.0");
    }

    private static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toString(StandardCharsets.US_ASCII);
    }

    /** One response on a kept-alive connection: its head, then Content-Length bytes of body. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString(StandardCharsets.US_ASCII) + "<closed>";
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return text + new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }
}
