package org.sttbench.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.BadInputException;

class ModelStoreTest {
    @TempDir
    static Path shared;
    static Path micro;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeModel() throws IOException {
        micro = shared.resolve("micro-source.bin");
        new SyntheticModelWriter(SyntheticModelWriter.Shape.MICRO, SyntheticModelWriter.Options.defaults()).write(micro);
    }

    @Test
    void resolvesAStoredName() throws IOException {
        Files.copy(micro, dir.resolve("ggml-base.en.bin"));

        ModelInfo info = new ModelStore(dir).resolve("base.en");

        assertThat(info.name()).isEqualTo("base.en");
        assertThat(info.path()).isEqualTo(dir.resolve("ggml-base.en.bin"));
        assertThat(info.sizeBytes()).isEqualTo(Files.size(micro));
        assertThat(info.sha256()).isEqualTo(ModelStore.digest(micro, "SHA-256"));
        assertThat(info.synthetic()).as("copied and renamed, still synthetic").isTrue();
    }

    @Test
    void resolvesAFilePathAnywhere() {
        ModelInfo info = new ModelStore(dir).resolve(micro.toString());

        assertThat(info.name()).isEqualTo("micro-source");
        assertThat(info.path()).isEqualTo(micro);
    }

    @Test
    void missingNameSaysWhereItLookedAndHowToGetIt() {
        assertThatThrownBy(() -> new ModelStore(dir).resolve("tiny"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("model not found: tiny")
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("models pull tiny")
                .hasMessageContaining("models synth tiny")
                .hasMessageNotContaining("\n");
    }

    @Test
    void missingFileIsBadInput() {
        assertThatThrownBy(() -> new ModelStore(dir).resolve(dir.resolve("nope/ggml-x.bin").toString()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("model file not found");
    }

    @Test
    void aFileThatIsNotAModelIsNamed() throws IOException {
        Path bad = dir.resolve("ggml-tiny.bin");
        Files.writeString(bad, "Entry not found");

        assertThatThrownBy(() -> new ModelStore(dir).resolve("tiny"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("not a ggml whisper model: " + bad);
        assertThat(new ModelStore(dir).list()).isEmpty();
    }

    @Test
    void sha256IsCachedBySizeAndModificationTime() throws IOException {
        Path f = dir.resolve("ggml-micro.bin");
        Files.copy(micro, f);
        ModelStore store = new ModelStore(dir);
        String real = store.resolve("micro").sha256();
        Path sidecar = dir.resolve("ggml-micro.bin.sha256");
        assertThat(sidecar).exists();

        // a planted digest is believed while size and mtime match: proof the file is not hashed again
        String planted = "ab".repeat(32);
        Files.writeString(sidecar, planted + " " + Files.size(f) + " " + Files.getLastModifiedTime(f).toMillis());
        assertThat(store.resolve("micro").sha256()).isEqualTo(planted);

        Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() - 60_000));
        assertThat(store.resolve("micro").sha256()).isEqualTo(real);
    }

    @Test
    void listShowsStoredModelsOnly() throws IOException {
        Files.copy(micro, dir.resolve("ggml-micro.bin"));
        Files.copy(micro, dir.resolve("ggml-tiny.bin"));
        Files.writeString(dir.resolve("notes.txt"), "x");

        assertThat(new ModelStore(dir).list()).extracting(ModelInfo::name).containsExactly("micro", "tiny");
        assertThat(new ModelStore(dir.resolve("absent")).list()).isEmpty();
    }

    @Test
    void directoryComesFromPropertyThenEnvironmentThenXdgThenHome() {
        Properties props = new Properties();
        props.setProperty("user.home", "/home/u");
        assertThat(ModelStore.defaultDir(props, Map.of())).isEqualTo(Path.of("/home/u/.cache/sttbench/models"));
        assertThat(ModelStore.defaultDir(props, Map.of("XDG_CACHE_HOME", "/xdg")))
                .isEqualTo(Path.of("/xdg/sttbench/models"));
        assertThat(ModelStore.defaultDir(props, Map.of("XDG_CACHE_HOME", "/xdg", "STTBENCH_MODELS_DIR", "/env")))
                .isEqualTo(Path.of("/env"));
        props.setProperty("sttbench.models.dir", "/prop");
        assertThat(ModelStore.defaultDir(props, Map.of("STTBENCH_MODELS_DIR", "/env"))).isEqualTo(Path.of("/prop"));
    }
}
