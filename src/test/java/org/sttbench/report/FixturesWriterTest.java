package org.sttbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.Json;
import org.sttbench.results.RunResult;

/**
 * Keeps the stored fixtures in step with the code that describes them. Normally it only checks that
 * building them again gives the stored documents; with {@code -Dsttbench.fixtures.update=true} it rewrites
 * src/test/resources/fixtures/ (then regenerate the goldens, see {@link GoldenReportsTest}).
 */
class FixturesWriterTest {
    @TempDir
    Path scratch;

    @Test
    void storedFixturesMatchTheirBuilder() throws Exception {
        if (Boolean.getBoolean("sttbench.fixtures.update")) {
            Fixtures.writeAll(Path.of("src/test/resources/fixtures"), scratch);
        }
        for (String name : Fixtures.NAMES) {
            RunResult built = Fixtures.build(name, scratch.resolve(name));
            Path file = Path.of("src/test/resources/fixtures", name + ".json");
            assertThat(Files.exists(file)).as(file.toString()).isTrue();
            JsonNode stored = Json.json().readTree(file.toFile());
            JsonNode again = Json.json().readTree(Json.json().writeValueAsBytes(built));
            assertThat(stored).as(name).isEqualTo(again);
        }
    }
}
