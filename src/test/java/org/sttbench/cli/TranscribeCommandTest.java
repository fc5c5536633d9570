package org.sttbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.Json;
import org.sttbench.testing.Console;
import org.sttbench.testing.TestModels;
import org.sttbench.testing.Wav;

class TranscribeCommandTest {
    private static final String MODEL = TestModels.micro().toString();

    @Test
    void jsonCarriesTheTimingsAndTheModel() throws Exception {
        Console c = Console.run("transcribe", "test_audio/en_30s.wav", "--model", MODEL, "--threads", "1", "--json");
        assertThat(c.exitCode()).as(c.err()).isZero();
        JsonNode json = Json.json().readTree(c.out());
        for (String field : new String[] {"text", "audio_duration_s", "decode_ms", "load_ms", "inference_ms", "rtf",
                "threads", "peak_rss_mb", "model", "wer", "notice"}) {
            assertThat(json.has(field)).as(field).isTrue();
        }
        assertThat(json.get("audio_duration_s").asDouble()).isEqualTo(30.0);
        assertThat(json.get("threads").asInt()).isEqualTo(1);
        assertThat(json.get("rtf").asDouble()).isCloseTo(json.get("inference_ms").asDouble() / 30_000,
                Offset.offset(1e-6));
        JsonNode model = json.get("model");
        assertThat(model.get("synthetic").asBoolean()).isTrue();
        assertThat(model.get("sha256").asText()).hasSize(64);
        assertThat(model.get("size_bytes").asLong()).isEqualTo(Files.size(Path.of(MODEL)));
        assertThat(model.get("path").asText()).isEqualTo(MODEL);
    }

    @Test
    void mp3AndPlainText() {
        Console c = Console.run("transcribe", "test_audio/en_30s.mp3", "--model", MODEL, "--threads", "1");
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.out()).isNotBlank();
        assertThat(c.err()).contains("synthetic weights");
    }

    @Test
    void missingModelSaysHowToGetOne(@TempDir Path store) {
        System.setProperty("sttbench.models.dir", store.toString());
        try {
            Console c = Console.run("transcribe", "test_audio/en_5s.wav", "--model", "tiny");
            assertThat(c.exitCode()).isEqualTo(2);
            assertThat(c.err().strip()).doesNotContain("\n").contains("model not found: tiny")
                    .contains("models pull tiny").contains("models synth tiny");
        } finally {
            System.clearProperty("sttbench.models.dir");
        }
    }

    @Test
    void badInputsExitTwoWithOneLineNamingTheFile(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.wav"));
        Path text = dir.resolve("readme.mp3");
        Files.writeString(text, "this is not audio at all, just words in a file");
        Path noise = dir.resolve("noise.wav");
        byte[] bytes = new byte[10_000];
        new Random(1).nextBytes(bytes);
        Files.write(noise, bytes);
        Path noSamples = dir.resolve("nosamples.wav");
        Files.write(noSamples, Wav.header(0));
        Path truncatedModel = dir.resolve("half.bin");
        byte[] model = Files.readAllBytes(Path.of(MODEL));
        Files.write(truncatedModel, Arrays.copyOf(model, model.length / 3));

        for (Path audio : new Path[] {empty, text, noise, noSamples, dir.resolve("missing.wav")}) {
            Console c = Console.run("transcribe", audio.toString(), "--model", MODEL);
            assertThat(c.exitCode()).as(audio + ": " + c.err()).isEqualTo(2);
            assertThat(c.err().strip()).as(audio.toString()).doesNotContain("\n").contains(audio.getFileName().toString());
        }
        Console corrupt = Console.run("transcribe", "test_audio/en_5s.wav", "--model", truncatedModel.toString());
        assertThat(corrupt.exitCode()).as(corrupt.err()).isEqualTo(2);
        assertThat(corrupt.err().strip()).doesNotContain("\n").contains("half.bin").doesNotContain("NullPointer");
        Console zeroThreads = Console.run("transcribe", "test_audio/en_5s.wav", "--model", MODEL, "--threads", "0");
        assertThat(zeroThreads.exitCode()).isEqualTo(2);
    }
}
