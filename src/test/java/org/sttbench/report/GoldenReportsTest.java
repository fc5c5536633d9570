package org.sttbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders every report and manifest from the fixed fixtures and compares them with the golden files in
 * src/test/resources/golden/<fixture>/. Charts are left out of the comparison (their SVG depends on the
 * fonts of the machine): Markdown only links them, and in HTML every inline SVG is replaced by a marker.
 *
 * <p>After an intended change, regenerate the goldens and review the diff:
 * {@code mvn -o -q test -Dtest=GoldenReportsTest -Dsttbench.golden.update=true}, then {@code git diff src/test/resources/golden}.
 */
class GoldenReportsTest {
    static final Instant GENERATED_AT = Instant.parse("2026-11-22T08:00:00Z");
    static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final boolean UPDATE = Boolean.getBoolean("sttbench.golden.update");

    static Reports reports() {
        return new Reports(Path.of("templates"), ReportOptions.defaults().withGeneratedAt(GENERATED_AT));
    }

    static Stream<String> fixtures() {
        return Fixtures.NAMES.stream();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void rendersAsTheGoldenFiles(String fixture) throws IOException {
        Path out = Path.of("target/golden-out", fixture);
        deleteTree(out);
        List<Path> written = reports().render(Fixtures.load(fixture), out);
        assertThat(written).isNotEmpty();
        Path goldenDir = GOLDEN.resolve(fixture);
        List<String> expectedNames = new ArrayList<>();
        if (UPDATE) {
            deleteTree(goldenDir);
        }
        for (Path file : written) {
            String relative = out.relativize(file).toString();
            expectedNames.add(relative);
            String actual = normalize(Files.readString(file, StandardCharsets.UTF_8));
            Path golden = goldenDir.resolve(relative);
            if (UPDATE) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
            }
            assertThat(golden).as("golden file for " + relative + " (regenerate with -Dsttbench.golden.update=true)").exists();
            assertThat(actual).as(fixture + "/" + relative).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        }
        try (Stream<Path> goldens = Files.walk(goldenDir)) {
            List<String> stored = goldens.filter(Files::isRegularFile).map(p -> goldenDir.relativize(p).toString()).toList();
            assertThat(stored).as("golden files that are no longer rendered").containsExactlyInAnyOrderElementsOf(expectedNames);
        }
    }

    /**
     * Inline charts depend on fonts; everything else must match exactly, the charts' text descriptions
     * (their measured points) included.
     */
    static String normalize(String text) {
        return text.replaceAll("(?s)<svg\\b(?:[^>]*?( aria-label=\"[^\"]*\"))?[^>]*>.*?</svg>", "<svg$1><!-- chart --></svg>");
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
