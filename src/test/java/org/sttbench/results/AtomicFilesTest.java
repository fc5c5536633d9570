package org.sttbench.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs are written whole or not at all, with the permissions any other file of the process gets. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void anOutputHasTheUsualPermissionsNotTheTemporaryFilesOwnerOnlyOnes() throws Exception {
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        Path written = dir.resolve("report.html");

        AtomicFiles.writeString(written, "<html></html>");

        // results.json was once written 0600 while every report beside it was 0644
        assertThat(Files.getPosixFilePermissions(written)).isEqualTo(Files.getPosixFilePermissions(plain));
        assertThat(Files.readString(written)).isEqualTo("<html></html>");
    }

    @Test
    void aFileThatMustNotBeReplacedIsKeptAndNoTemporaryIsLeft() throws Exception {
        Path results = Files.writeString(dir.resolve("results.json"), "{\"first\": true}");

        assertThatThrownBy(() -> AtomicFiles.write(results, "{}".getBytes(StandardCharsets.UTF_8), false))
                .isInstanceOf(FileAlreadyExistsException.class);

        assertThat(Files.readString(results)).isEqualTo("{\"first\": true}");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(results);
        }
    }
}
