package org.sttbench.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.sttbench.BadInputException;

/**
 * Finds the reference transcript of a clip: a UTF-8 {@code .txt} file beside it with the same base name
 * ({@code en_30s.wav} and {@code en_30s.mp3} both use {@code en_30s.txt}).
 */
public final class ReferenceTranscripts {
    private ReferenceTranscripts() {
    }

    /** Where the reference of {@code audio} would be: same folder, extension replaced by {@code .txt}. */
    public static Path referencePath(Path audio) {
        String name = audio.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return audio.resolveSibling(base + ".txt");
    }

    /**
     * The reference text of {@code audio} with surrounding whitespace removed, or empty when there is no
     * such file. A blank file gives an empty string (a clip of silence).
     *
     * @throws BadInputException the file exists but cannot be read or is not UTF-8
     */
    public static Optional<String> find(Path audio) {
        Path ref = referencePath(audio);
        if (ref.equals(audio)) {
            return Optional.empty();                      // the "audio" is itself a .txt file
        }
        if (!Files.isRegularFile(ref)) {
            Path upper = audio.resolveSibling(ref.getFileName().toString().replaceFirst("\\.txt$", ".TXT"));
            if (!Files.isRegularFile(upper)) {
                return Optional.empty();
            }
            ref = upper;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(ref)))
                    .toString();
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);                 // byte order mark some editors write
            }
            return Optional.of(text.strip());
        } catch (CharacterCodingException e) {
            throw new BadInputException(ref + ": reference transcript is not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            throw new BadInputException(ref + ": cannot read reference transcript: " + e.getMessage(), e);
        }
    }
}
