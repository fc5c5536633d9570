package org.sttbench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.BadInputException;

class WorkloadTest {
    @TempDir
    Path dir;

    @Test
    void zeroOrNegativeWeightsAreRejected() throws Exception {
        Path clip = StubTranscriptionServer.silentWav(dir, 0.1);
        assertThatThrownBy(() -> Workload.parse(List.of(clip + ":0"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("weights must be above zero");
        assertThatThrownBy(() -> Workload.parse(List.of(clip + ":-2"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("weights must be above zero");
        assertThatThrownBy(() -> Workload.parse(List.of(clip + ":x"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("PATH[:WEIGHT]");
        assertThat(Workload.parse(List.of(clip + ":2.5")).clips().get(0).weight()).isEqualTo(2.5);
    }

    @Test
    void aClipSetWithNoReadableClipIsRejected() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path notAudio = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(notAudio.resolve("readme.txt"), "hello");
        Files.write(notAudio.resolve("zero.wav"), new byte[0]);

        assertThatThrownBy(() -> Workload.parse(List.of(empty.toString()))).isInstanceOf(BadInputException.class)
                .hasMessage("no readable audio clip in folder " + empty);
        assertThatThrownBy(() -> Workload.parse(List.of(notAudio.toString()))).isInstanceOf(BadInputException.class)
                .hasMessage("no readable audio clip in folder " + notAudio);
        assertThatThrownBy(() -> Workload.parse(List.of(dir.resolve("gone.wav").toString())))
                .isInstanceOf(BadInputException.class).hasMessageContaining("gone.wav");
        assertThatThrownBy(() -> Workload.parse(List.of())).isInstanceOf(BadInputException.class);
    }

    @Test
    void aFolderMeansEveryAudioFileInItAndSamplingFollowsTheWeightsFromTheSeed() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("clips"));
        Path a = StubTranscriptionServer.silentWav(Files.createDirectories(dir.resolve("a")), 1);
        Path b = StubTranscriptionServer.silentWav(Files.createDirectories(dir.resolve("b")), 8);
        Files.copy(a, folder.resolve("short.wav"));
        Files.copy(b, folder.resolve("long.wav"));
        Files.writeString(folder.resolve("notes.txt"), "skipped: not audio");

        Workload w = Workload.parse(List.of(folder.toString()));
        assertThat(w.clips()).extracting(c -> c.path().getFileName().toString()).containsExactly("long.wav",
                "short.wav");

        Workload weighted = Workload.parse(List.of(folder.resolve("short.wav") + ":3", folder.resolve("long.wav").toString()));
        PreparedWorkload p = PreparedWorkload.of(LoadSpec.of(List.of("http://127.0.0.1:9"), a).withWorkload(weighted),
                k -> null, DurationProbe.javaSound());
        assertThat(p.clips()).extracting(PreparedWorkload.Clip::bucket).containsExactly("0-5s", "5-15s");
        int[] seq = p.sequence(11, 40_000);
        assertThat(seq).isEqualTo(p.sequence(11, 40_000));
        long shorts = Arrays.stream(seq).filter(i -> i == 0).count();
        assertThat(shorts / 40_000.0).isBetween(0.73, 0.77);
    }
}
