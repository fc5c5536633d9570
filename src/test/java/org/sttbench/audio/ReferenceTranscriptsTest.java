package org.sttbench.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sttbench.BadInputException;

class ReferenceTranscriptsTest {
    @TempDir
    Path tmp;

    @Test
    void everyFormatOfAClipSharesOneReference() {
        Path dir = Path.of("test_audio");
        String wav = ReferenceTranscripts.find(dir.resolve("en_30s.wav")).orElseThrow();
        assertThat(wav).startsWith("Our cloud cluster").endsWith("save money.");
        for (String ext : new String[]{"mp3", "flac", "ogg", "m4a"}) {
            assertThat(ReferenceTranscripts.find(dir.resolve("en_30s." + ext))).contains(wav);
        }
        assertThat(ReferenceTranscripts.find(dir.resolve("vi_5s.wav")).orElseThrow()).contains("mưa rào");
    }

    @Test
    void everyCommittedClipHasAReference() throws IOException {
        try (var files = Files.list(Path.of("test_audio"))) {
            files.filter(p -> p.toString().matches(".*\\.(wav|mp3|flac|ogg|opus|m4a)$"))
                    .forEach(p -> assertThat(ReferenceTranscripts.find(p)).as(p.toString()).isPresent()
                            .get().asString().isNotBlank());
        }
    }

    @Test
    void noReferenceGivesEmpty() {
        assertThat(ReferenceTranscripts.find(tmp.resolve("clip.wav"))).isEmpty();
        assertThat(ReferenceTranscripts.find(tmp.resolve("notes.txt"))).isEmpty();
    }

    @Test
    void onlyTheLastExtensionIsReplaced() throws IOException {
        Files.writeString(tmp.resolve("meeting.2024.txt"), "  hello world \n");
        assertThat(ReferenceTranscripts.referencePath(tmp.resolve("meeting.2024.mp3")))
                .isEqualTo(tmp.resolve("meeting.2024.txt"));
        assertThat(ReferenceTranscripts.find(tmp.resolve("meeting.2024.mp3"))).contains("hello world");
        assertThat(ReferenceTranscripts.referencePath(tmp.resolve("noext"))).isEqualTo(tmp.resolve("noext.txt"));
    }

    @Test
    void byteOrderMarkIsDroppedAndBlankMeansSilence() throws IOException {
        Files.writeString(tmp.resolve("a.txt"), "\uFEFFXin chào", StandardCharsets.UTF_8);
        Files.writeString(tmp.resolve("b.txt"), "\n\n");
        assertThat(ReferenceTranscripts.find(tmp.resolve("a.wav"))).contains("Xin chào");
        assertThat(ReferenceTranscripts.find(tmp.resolve("b.wav"))).contains("");
    }

    @Test
    void nonUtf8ReferenceIsBadInputNamingTheFile() throws IOException {
        Path ref = Files.write(tmp.resolve("latin.txt"), "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ReferenceTranscripts.find(tmp.resolve("latin.wav")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(ref.toString())
                .hasMessageContaining("UTF-8");
    }
}
