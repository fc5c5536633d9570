package org.sttbench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.BadInputException;
import org.sttbench.audio.AudioDecoder;
import org.sttbench.audio.DecodedAudio;
import org.sttbench.host.CpuLimit;
import org.sttbench.models.ModelInfo;
import org.sttbench.testing.TestModels;

/** The real whisper.cpp path, through whisper-jni, on a generated model. */
class WhisperEngineTest {
    private static final DecodedAudio CLIP = new AudioDecoder().decode(Path.of("test_audio/en_5s.wav"));

    @Test
    void transcribesThroughWhisperCpp() {
        ModelInfo model = TestModels.info(TestModels.micro());
        try (WhisperEngine engine = WhisperEngine.load(model, new EngineOptions(1, 1, "en"))) {
            Transcription t = engine.transcribe(CLIP);
            assertThat(t.text()).isNotBlank();
            assertThat(t.segments()).isNotEmpty();
            assertThat(t.inferenceNanos()).isPositive();
            assertThat(t.audioDurationS()).isEqualTo(5.0, Offset.offset(0.01));
            assertThat(t.rtf()).isEqualTo(t.inferenceNanos() / 1e9 / 5.0, Offset.offset(1e-3));
            assertThat(t.threads()).isEqualTo(1);
            assertThat(engine.threads().derivation()).contains("explicit");
        }
    }

    @Test
    void concurrentTranscriptionsUseOneStateEachAndAgree() throws Exception {
        ModelInfo model = TestModels.info(TestModels.micro());
        try (WhisperEngine engine = WhisperEngine.load(model, new EngineOptions(1, 3, "en"))) {
            assertThat(engine.concurrency()).isEqualTo(3);
            String expected = engine.transcribe(CLIP).text();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<Transcription>> futures = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    futures.add(pool.submit(() -> engine.transcribe(CLIP)));
                }
                for (Future<Transcription> f : futures) {
                    // greedy decoding is deterministic: a state shared between threads would garble this
                    assertThat(f.get().text()).isEqualTo(expected);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void corruptModelIsBadInputNotANullPointer(@TempDir Path dir) throws Exception {
        Path micro = TestModels.micro();
        Path truncated = dir.resolve("truncated.bin");
        byte[] bytes = Files.readAllBytes(micro);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        ModelInfo info = new ModelInfo("truncated", truncated, bytes.length / 2, "x", true);
        assertThatThrownBy(() -> WhisperEngine.load(info, EngineOptions.defaults()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("corrupt or unsupported model")
                .hasMessageContaining(truncated.toString());
    }

    @Test
    void missingModelNamesTheFixes(@TempDir Path dir) {
        ModelInfo info = new ModelInfo("gone", dir.resolve("gone.bin"), 0, "x", false);
        assertThatThrownBy(() -> WhisperEngine.load(info, EngineOptions.defaults()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("models pull tiny")
                .hasMessageContaining("models synth tiny");
    }

    @Test
    void threadsDefaultToTheCpuLimitSharedByConcurrentTranscriptions() {
        CpuLimit quota = new CpuLimit(1.5, 8, "cgroup-v1-quota", "cgroup v1 quota 150000/100000 us = 1.50 CPU");
        assertThat(WhisperEngine.chooseThreads(new EngineOptions(null, 1, "en"), quota).threads()).isEqualTo(2);
        assertThat(WhisperEngine.chooseThreads(new EngineOptions(null, 2, "en"), quota).threads()).isEqualTo(1);
        CpuLimit host = new CpuLimit(8, 8, "host", "host 8 logical CPUs");
        ThreadChoice four = WhisperEngine.chooseThreads(new EngineOptions(null, 2, "en"), host);
        assertThat(four.threads()).isEqualTo(4);
        assertThat(four.derivation()).contains("shared by 2");
        assertThat(WhisperEngine.chooseThreads(new EngineOptions(3, 1, "en"), quota).threads()).isEqualTo(3);
    }
}
