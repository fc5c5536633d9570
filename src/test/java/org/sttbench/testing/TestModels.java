package org.sttbench.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sttbench.models.ModelInfo;
import org.sttbench.models.ModelStore;
import org.sttbench.models.SyntheticModelWriter;

/** Synthetic models for tests, generated once per build under target/test-models. */
public final class TestModels {
    public static final Path DIR = Path.of("target", "test-models").toAbsolutePath();

    private TestModels() {
    }

    /** The smallest model whisper.cpp loads: milliseconds per transcription, for pipeline tests. */
    public static synchronized Path micro() {
        return make("micro");
    }

    /** The real tiny shape, for tests that need a worker busy for a while. */
    public static synchronized Path tiny() {
        return make("tiny");
    }

    public static ModelInfo info(Path model) {
        return new ModelStore(DIR).describe(model);
    }

    private static Path make(String shape) {
        Path file = DIR.resolve("ggml-" + shape + ".bin");
        if (!Files.isRegularFile(file)) {
            try {
                new SyntheticModelWriter(SyntheticModelWriter.Shape.byName(shape),
                        SyntheticModelWriter.Options.defaults()).write(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }
}
