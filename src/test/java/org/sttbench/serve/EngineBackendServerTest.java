package org.sttbench.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.Json;
import org.sttbench.engine.EngineOptions;
import org.sttbench.engine.WhisperEngine;
import org.sttbench.load.AudioPayload;
import org.sttbench.models.ModelStore;
import org.sttbench.models.SyntheticModelWriter;

/** The server with the real JNI engine on a synthetic micro model: upload, decode, transcribe, answer. */
class EngineBackendServerTest {
    @TempDir
    Path dir;

    @Test
    void transcribesThroughTheRealEngine() throws Exception {
        Path model = dir.resolve("ggml-micro.bin");
        new SyntheticModelWriter(SyntheticModelWriter.Shape.MICRO, SyntheticModelWriter.Options.defaults()).write(model);
        Path clip = dir.resolve("clip.wav");
        int frames = 16_000 * 2;
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(new byte[frames * 2]),
                new AudioFormat(16_000, 16, 1, true, false), frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, clip.toFile());
        }
        WhisperEngine engine = WhisperEngine.load(new ModelStore(dir).describe(model), new EngineOptions(1, 2, "en"));
        try (TranscriptionServer server = new TranscriptionServer(new ServeConfig("127.0.0.1", 0, 2, 4, 1 << 20,
                Duration.ofSeconds(60), dir.resolve("uploads")))) {
            server.start();
            server.useBackend(EngineBackend.of(engine));
            AudioPayload payload = AudioPayload.of(clip, "whisper-1", "verbose_json", null);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + TranscriptionServer.TRANSCRIPTIONS))
                    .header("Content-Type", payload.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(payload.body())).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode body = Json.json().readTree(r.body());
            assertThat(body.path("duration").asDouble()).isEqualTo(2.0);
            assertThat(body.path("language").asText()).isEqualTo("en");
            assertThat(body.path("segments").isArray()).isTrue();
            assertThat(body.path("text").isTextual()).isTrue();

            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(Json.json().readTree(health.body()).path("model").asText()).isEqualTo(engine.model().name());
            assertThat(server.metrics().scrape()).contains("stt_audio_seconds_total 2.0");
            assertThat(List.of(engine.concurrency())).containsExactly(2);
        }
    }
}
