package org.sttbench.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** A throw-away installation: the project's routes and templates, a plans folder and one speech clip. */
final class TestHome {
    static final Path PROJECT = Path.of("").toAbsolutePath();
    static final String CLIP = "test_audio/en_5s.wav";

    private TestHome() {
    }

    static Path create(Path dir) throws IOException {
        copyTree(PROJECT.resolve("routes"), dir.resolve("routes"));
        copyTree(PROJECT.resolve("templates"), dir.resolve("templates"));
        Files.createDirectories(dir.resolve("plans"));
        Files.createDirectories(dir.resolve("test_audio"));
        Files.copy(PROJECT.resolve(CLIP), dir.resolve(CLIP), StandardCopyOption.REPLACE_EXISTING);
        return dir;
    }

    /** A plan with one latency unit on the local executor over the bundled clip. */
    static Path writePlan(Path home, String file, String name, String model) throws IOException {
        return Files.writeString(home.resolve("plans").resolve(file), """
                name: %s
                model: %s
                audio: [%s]
                executor: local
                suites:
                  latency: { iterations: 1, warmup: 0 }
                """.formatted(name, model, CLIP));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
