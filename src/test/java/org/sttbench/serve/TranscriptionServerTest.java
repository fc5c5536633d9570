package org.sttbench.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.BadInputException;
import org.sttbench.Json;
import org.sttbench.testing.Await;

class TranscriptionServerTest {
    private static final byte[] WAV = wavHeader();

    @TempDir
    Path dir;
    private TranscriptionServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private FakeBackend start(int workers, int queue, long maxUpload, Duration timeout) {
        server = new TranscriptionServer(new ServeConfig("127.0.0.1", 0, workers, queue, maxUpload, timeout,
                dir.resolve("uploads")));
        server.start();
        FakeBackend backend = new FakeBackend();
        server.useBackend(backend);
        return backend;
    }

    private FakeBackend start() {
        return start(2, 4, 1024 * 1024, Duration.ofSeconds(10));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    @Test
    void healthIs503UntilTheModelIsLoadedThen200() throws Exception {
        server = new TranscriptionServer(new ServeConfig("127.0.0.1", 0, 3, 4, 1 << 20, null, dir.resolve("u")));
        server.start();
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> loaded = server.load(() -> {
            release.await(10, TimeUnit.SECONDS);
            return new FakeBackend();
        });

        HttpResponse<String> loading = get("/health");
        assertThat(loading.statusCode()).isEqualTo(503);
        assertThat(loading.body()).contains("loading");
        HttpResponse<String> early = post(form(Map.of(), "a.wav", "audio/wav", WAV));
        assertThat(early.statusCode()).isEqualTo(503);
        assertThat(early.headers().firstValue("Retry-After")).isPresent();

        release.countDown();
        loaded.get(10, TimeUnit.SECONDS);
        HttpResponse<String> ok = get("/health");
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode body = Json.json().readTree(ok.body());
        assertThat(body.path("status").asText()).isEqualTo("ok");
        assertThat(body.path("model").asText()).isEqualTo("fake-tiny");
        assertThat(body.path("workers").asInt()).isEqualTo(3);
    }

    @Test
    void failedLoadIsReportedByHealth() throws Exception {
        server = new TranscriptionServer(new ServeConfig("127.0.0.1", 0, 1, 1, 1024, null, dir.resolve("u")));
        server.start();
        CompletableFuture<Void> loaded = server.load(() -> {
            throw new BadInputException("model file missing: x.bin");
        });
        assertThat(loaded).failsWithin(Duration.ofSeconds(5));

        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("failed", "model file missing");
    }

    @Test
    void aDecodingErrorNamesTheUploadedFileNotItsTemporaryPath() throws Exception {
        FakeBackend backend = start();
        backend.truncated = true;

        HttpResponse<String> r = post(form(Map.of("model", "whisper-1"), "meeting.wav", "audio/wav", WAV));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("'meeting.wav': the file ends inside").doesNotContain(dir.resolve("u").toString());
    }

    @Test
    void aConnectionThatStopsSendingItsUploadIsClosedByTheIdleTimeout() throws Exception {
        server = new TranscriptionServer(new ServeConfig("127.0.0.1", 0, 1, 1, 1 << 20, null, dir.resolve("u")))
                .withIdleTimeout(Duration.ofMillis(300));
        server.start();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            // complete headers announcing a body, a few bytes of it, then nothing
            socket.getOutputStream().write(("POST /v1/audio/transcriptions HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 5000\r\n\r\n--b\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.setSoTimeout(30_000);
            assertThat(socket.getInputStream().read()).as("closed by the server").isEqualTo(-1);
        }
    }

    @Test
    void aClientThatHangsUpMidUploadIsCounted499NotAsAServerError() throws Exception {
        start();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("POST /v1/audio/transcriptions HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n"
                    + "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
                    + "Content-Type: audio/wav\r\n\r\nRIFF").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }
        Await.until(Duration.ofSeconds(30), () -> server.metrics().scrape().contains("status=\"499\""),
                () -> server.metrics().scrape());

        assertThat(server.metrics().scrape()).doesNotContain("status=\"500\"");
    }

    @Test
    void anUnknownLanguageIsABadRequestNamingIt() throws Exception {
        FakeBackend backend = start();
        HttpResponse<String> r = post(form(Map.of("model", "whisper-1", "language", "xx"), "a.wav", "audio/wav", WAV));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("invalid_language").contains("language 'xx' is not a language Whisper knows");
        assertThat(backend.language.get()).as("never reached the engine").isNull();
    }

    @Test
    void jsonIsTheDefaultFormatAndRunsOffTheEventLoop() throws Exception {
        FakeBackend backend = start();
        HttpResponse<String> r = post(form(Map.of("model", "whisper-1", "language", "vi"), "a.wav", "audio/wav", WAV));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(Json.json().readTree(r.body()).path("text").asText()).isEqualTo("hello world");
        assertThat(backend.thread.get()).startsWith("stt-worker-");
        assertThat(backend.language.get()).isEqualTo("vi");
    }

    @Test
    void textFormatIsPlainText() throws Exception {
        start();
        HttpResponse<String> r = post(form(Map.of("response_format", "text"), "a.wav", "audio/wav", WAV));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(r.body()).isEqualTo("hello world");
    }

    @Test
    void verboseJsonHasTaskLanguageDurationAndSegments() throws Exception {
        start();
        HttpResponse<String> r = post(form(Map.of("response_format", "verbose_json"), "a.wav", "audio/wav", WAV));

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = Json.json().readTree(r.body());
        assertThat(body.path("task").asText()).isEqualTo("transcribe");
        assertThat(body.path("language").asText()).isEqualTo("en");
        assertThat(body.path("duration").asDouble()).isEqualTo(2.5);
        assertThat(body.path("text").asText()).isEqualTo("hello world");
        JsonNode seg = body.path("segments").get(1);
        assertThat(seg.path("id").asInt()).isEqualTo(1);
        assertThat(seg.path("start").asDouble()).isEqualTo(1.2);
        assertThat(seg.path("end").asDouble()).isEqualTo(2.5);
        assertThat(seg.path("text").asText()).isEqualTo(" world");
    }

    @Test
    void srtAndVttHaveCues() throws Exception {
        start();
        assertThat(post(form(Map.of("response_format", "srt"), "a.wav", "audio/wav", WAV)).body())
                .startsWith("1\n00:00:00,000 --> 00:00:01,200\nhello\n");
        assertThat(post(form(Map.of("response_format", "vtt"), "a.wav", "audio/wav", WAV)).body())
                .startsWith("WEBVTT\n\n00:00:00.000 --> 00:00:01.200\nhello\n");
    }

    @Test
    void missingFileIs400() throws Exception {
        start();
        HttpResponse<String> r = post(form(Map.of("model", "whisper-1"), null, null, null));

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = Json.json().readTree(r.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).contains("'file'");
    }

    @Test
    void nonAudioIs400AndUnknownResponseFormatIs400() throws Exception {
        start();
        HttpResponse<String> text = post(form(Map.of(), "notes.txt", "text/plain",
                "just some text, no audio".getBytes(StandardCharsets.UTF_8)));
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(text.body()).contains("not an audio file");

        HttpResponse<String> format = post(form(Map.of("response_format", "xml"), "a.wav", "audio/wav", WAV));
        assertThat(format.statusCode()).isEqualTo(400);
        assertThat(format.body()).contains("response_format");
    }

    @Test
    void undecodableAudioFromTheBackendIs400() throws Exception {
        FakeBackend backend = start();
        backend.failure = new BadInputException("cannot decode a.wav: truncated header");
        HttpResponse<String> r = post(form(Map.of(), "a.wav", "audio/wav", WAV));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("truncated header", "invalid_audio");
    }

    @Test
    void unsupportedAudioFormatIs415() throws Exception {
        start();
        byte[] aiff = "FORM\0\0\0\u0010AIFFCOMM".getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> r = post(form(Map.of(), "a.aiff", "audio/aiff", aiff));

        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.body()).contains("unsupported audio format", "aiff");
        HttpResponse<String> unknown = post(form(Map.of(), "a.xyz", "audio/x-strange", new byte[]{0, 1, 2, 3, (byte) 0x80, 0x7f, 0, 0}));
        assertThat(unknown.statusCode()).isEqualTo(415);
    }

    @Test
    void uploadOverTheLimitIs413() throws Exception {
        start(1, 1, 64 * 1024, Duration.ofSeconds(10));
        byte[] big = new byte[200 * 1024];
        System.arraycopy(WAV, 0, big, 0, WAV.length);
        HttpResponse<String> r = post(form(Map.of(), "big.wav", "audio/wav", big));

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(Json.json().readTree(r.body()).path("error").path("code").asText()).isEqualTo("file_too_large");
    }

    @Test
    void fullQueueIs503WithRetryAfter() throws Exception {
        FakeBackend backend = start(1, 1, 1024 * 1024, Duration.ofSeconds(10)).closed();
        CompletableFuture<HttpResponse<String>> running = postAsync(form(Map.of(), "a.wav", "audio/wav", WAV));
        assertThat(backend.started.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<HttpResponse<String>> queued = postAsync(form(Map.of(), "a.wav", "audio/wav", WAV));
        awaitQueueDepth(1);

        HttpResponse<String> rejected = post(form(Map.of(), "a.wav", "audio/wav", WAV));
        assertThat(rejected.statusCode()).isEqualTo(503);
        assertThat(rejected.headers().firstValue("Retry-After")).hasValueSatisfying(
                v -> assertThat(Integer.parseInt(v)).isPositive());
        assertThat(rejected.body()).contains("queue_full");

        backend.open();
        assertThat(running.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(queued.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void requestNotAnsweredInTimeIs504() throws Exception {
        FakeBackend backend = start(1, 2, 1024 * 1024, Duration.ofMillis(300)).closed();
        try {
            HttpResponse<String> r = post(form(Map.of(), "a.wav", "audio/wav", WAV));

            assertThat(r.statusCode()).isEqualTo(504);
            assertThat(Json.json().readTree(r.body()).path("error").path("code").asText()).isEqualTo("timeout");
        } finally {
            backend.open();
        }
    }

    @Test
    void metricsExposeCountersGaugesAndHistograms() throws Exception {
        start();
        post(form(Map.of(), "a.wav", "audio/wav", WAV));
        post(form(Map.of(), "notes.txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8)));

        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String text = r.body();
        assertThat(text).containsPattern("stt_http_requests_total\\{endpoint=\"transcriptions\",status=\"200\"\\} 1\\.0");
        assertThat(text).containsPattern("stt_http_requests_total\\{endpoint=\"transcriptions\",status=\"400\"\\} 1\\.0");
        assertThat(text).contains("stt_request_duration_seconds_bucket", "stt_request_duration_seconds_count 1");
        assertThat(text).contains("stt_queue_depth 0.0", "stt_in_flight 0.0", "stt_workers 2.0", "stt_model_loaded 1.0");
        assertThat(text).contains("stt_audio_seconds_total 2.5");
        assertThat(text).containsPattern("stt_rtf_sum 0\\.2");
        assertThat(text).contains("stt_inference_seconds_sum 0.5");
    }

    private void awaitQueueDepth(int depth) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.queueDepth() < depth && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.queueDepth()).isEqualTo(depth);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> postAsync(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A multipart/form-data POST to the transcription endpoint; fileName null leaves the file out. */
    private HttpRequest form(Map<String, String> fields, String fileName, String type, byte[] content) {
        String boundary = "b0undary";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : new LinkedHashMap<>(fields).entrySet()) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey()
                    + "\"\r\n\r\n" + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (fileName != null) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + fileName + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(url(TranscriptionServer.TRANSCRIPTIONS)))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build();
    }

    private static byte[] wavHeader() {
        byte[] h = new byte[44 + 3200];
        byte[] riff = "RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(riff, 0, h, 0, riff.length);
        return h;
    }
}
