package org.sttbench.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperFullParams;
import io.github.givimad.whisperjni.WhisperJNI;
import io.github.givimad.whisperjni.WhisperSamplingStrategy;
import io.github.givimad.whisperjni.WhisperState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.BadInputException;

class SyntheticModelWriterTest {
    @TempDir
    static Path dir;
    static Path micro;
    static SyntheticModelWriter writer;

    @BeforeAll
    static void writeMicro() throws IOException {
        writer = new SyntheticModelWriter(SyntheticModelWriter.Shape.MICRO, SyntheticModelWriter.Options.defaults());
        micro = dir.resolve("ggml-micro.bin");
        writer.write(micro);
        WhisperJNI.loadLibrary();
    }

    @Test
    void microModelDecodesExactlyTheSteeredTokensThenEnds() throws IOException {
        List<String> texts = transcribe(micro, sine(10), "en", 2);

        assertThat(writer.tokensPerWindow()).isEqualTo(75);
        assertThat(texts).containsExactly(writer.expectedWindowText());
        assertThat(texts.get(0).trim().split(" ")).hasSize(75);
    }

    @Test
    void everyThirtySecondWindowDecodesTheSameSequence() throws IOException {
        List<String> texts = transcribe(micro, sine(45), "en", 2);

        assertThat(String.join("", texts)).isEqualTo(writer.expectedWindowText().repeat(2));
    }

    @Test
    void previousTextContextDoesNotShiftTheSequence() throws IOException {
        List<String> texts = transcribe(micro, sine(45), "en", 2, false);

        assertThat(texts).containsExactly(writer.expectedWindowText(), writer.expectedWindowText());
    }

    @Test
    void tokensPerSecondSetsTheCountAndAutoLanguageWorks() throws IOException {
        var w = new SyntheticModelWriter(SyntheticModelWriter.Shape.MICRO,
                new SyntheticModelWriter.Options(7, 1.0, true));
        Path file = dir.resolve("ggml-micro-30.bin");
        w.write(file);

        List<String> texts = transcribe(file, sine(10), "auto", 1);

        assertThat(w.tokensPerWindow()).isEqualTo(30);
        assertThat(texts).containsExactly(w.expectedWindowText());
    }

    @Test
    void sameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot() throws IOException {
        Path again = dir.resolve("again.bin");
        writer.write(again);
        Path other = dir.resolve("other.bin");
        new SyntheticModelWriter(SyntheticModelWriter.Shape.MICRO, new SyntheticModelWriter.Options(2, 2.5, true))
                .write(other);

        assertThat(Files.mismatch(micro, again)).isEqualTo(-1L);
        assertThat(Files.mismatch(micro, other)).isNotEqualTo(-1L);
        assertThat(dir).isDirectoryNotContaining("glob:**.part");
    }

    @Test
    void headerShowsRealHyperParametersAndTheMarker() {
        GgmlHeader h = GgmlHeader.read(micro);

        assertThat(h.nVocab()).isEqualTo(51865);
        assertThat(h.nAudioCtx()).isEqualTo(1500);
        assertThat(h.nMels()).isEqualTo(80);
        assertThat(h.nAudioState()).isEqualTo(64);
        assertThat(h.ftype()).isEqualTo(1);
        assertThat(h.synthetic()).isTrue();
        assertThat(h.syntheticMarker()).isEqualTo(writer.marker());
    }

    @Test
    void withoutTheMarkerTheFileIsNotFlaggedSynthetic() throws IOException {
        Path unmarked = dir.resolve("unmarked.bin");
        new SyntheticModelWriter(SyntheticModelWriter.Shape.MICRO, new SyntheticModelWriter.Options(1, 2.5, false))
                .write(unmarked);

        assertThat(GgmlHeader.read(unmarked).synthetic()).isFalse();
    }

    @Test
    void realShapesHaveTheRealSizes() {
        // tensor bytes of the real f16 models are ~75 MiB, ~142 MiB, ~466 MiB; checked without writing them
        assertThat(SyntheticModelWriter.Shape.byName("tiny").state).isEqualTo(384);
        assertThat(SyntheticModelWriter.Shape.byName("base").layers).isEqualTo(6);
        assertThat(SyntheticModelWriter.Shape.byName("small").heads).isEqualTo(12);
        assertThatThrownBy(() -> SyntheticModelWriter.Shape.byName("huge"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("micro, tiny, base, small");
    }

    @Test
    void outOfRangeTokenRateIsBadInput() {
        assertThatThrownBy(() -> new SyntheticModelWriter(SyntheticModelWriter.Shape.MICRO,
                new SyntheticModelWriter.Options(1, 50, true)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("tokens-per-second");
    }

    @Test
    void truncatedOrGarbageFilesAreNotModels() throws IOException {
        Path truncated = dir.resolve("truncated.bin");
        Files.write(truncated, Arrays.copyOf(Files.readAllBytes(micro), 30_000));
        Path garbage = dir.resolve("garbage.bin");
        Files.writeString(garbage, "<html>not found</html>");

        assertThatThrownBy(() -> GgmlHeader.read(truncated))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("not a ggml whisper model").hasMessageContaining("truncated.bin");
        assertThatThrownBy(() -> GgmlHeader.read(garbage))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("not a ggml whisper model").hasMessageContaining("bad magic");
    }

    static float[] sine(int seconds) {
        float[] s = new float[16_000 * seconds];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
        }
        return s;
    }

    static List<String> transcribe(Path model, float[] samples, String language, int threads) throws IOException {
        return transcribe(model, samples, language, threads, true);
    }

    static List<String> transcribe(Path model, float[] samples, String language, int threads, boolean noContext)
            throws IOException {
        WhisperJNI w = new WhisperJNI();
        WhisperContext ctx = w.initNoState(model);
        assertThat(ctx).as("whisper.cpp loads %s", model).isNotNull();
        try {
            WhisperState st = w.initState(ctx);
            try {
                WhisperFullParams p = new WhisperFullParams(WhisperSamplingStrategy.GREEDY);
                p.nThreads = threads;
                p.language = language;
                p.noTimestamps = true;
                p.printProgress = false;
                p.printTimestamps = false;
                p.temperature = 0;
                p.noContext = noContext;
                int rc = w.fullWithState(ctx, st, p, samples, samples.length);
                assertThat(rc).isZero();
                List<String> texts = new ArrayList<>();
                int n = w.fullNSegmentsFromState(st);
                for (int i = 0; i < n; i++) {
                    texts.add(w.fullGetSegmentTextFromState(st, i));
                }
                return texts;
            } finally {
                w.free(st);
            }
        } finally {
            w.free(ctx);
        }
    }
}
