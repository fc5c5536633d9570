package org.sttbench.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.sttbench.BadInputException;

/**
 * The multipart/form-data body every request of a run sends, built once so the generator spends no time
 * per request on it.
 *
 * @param fileName    the audio file's name as sent
 * @param audioBytes  size of the audio part
 * @param contentType the multipart Content-Type header, boundary included
 * @param body        the whole encoded form
 */
public record AudioPayload(String fileName, long audioBytes, String contentType, byte[] body) {

    private static final Map<String, String> AUDIO_TYPES = Map.ofEntries(
            Map.entry("wav", "audio/wav"), Map.entry("mp3", "audio/mpeg"), Map.entry("mpga", "audio/mpeg"),
            Map.entry("mpeg", "audio/mpeg"), Map.entry("flac", "audio/flac"), Map.entry("ogg", "audio/ogg"),
            Map.entry("oga", "audio/ogg"), Map.entry("opus", "audio/ogg"), Map.entry("m4a", "audio/mp4"),
            Map.entry("mp4", "audio/mp4"), Map.entry("webm", "audio/webm"));

    /** Reads the audio file and encodes the OpenAI form fields {@code file, model, response_format, language}. */
    public static AudioPayload of(Path audio, String model, String responseFormat, String language) {
        ApiDialect openai = ApiDialect.openai(model, language, responseFormat);
        return of(audio, openai.fileField(), openai.fields());
    }

    /** Reads the audio file and encodes it as part {@code fileField}, followed by the given form fields. */
    public static AudioPayload of(Path audio, String fileField, Map<String, String> fields) {
        if (audio == null || !Files.isRegularFile(audio)) {
            throw new BadInputException("audio file not found: " + audio + " (pass --audio FILE)");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(audio);
        } catch (IOException e) {
            throw new BadInputException("cannot read audio file " + audio + ": " + e.getMessage());
        }
        String fileName = audio.getFileName().toString();
        String boundary = "sttbench-" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 1024);
        writeFile(out, boundary, fileField, fileName, contentTypeOf(fileName), bytes);
        fields.forEach((name, value) -> writeField(out, boundary, name, value));
        write(out, "--" + boundary + "--\r\n");
        return new AudioPayload(fileName, bytes.length, "multipart/form-data; boundary=" + boundary,
                out.toByteArray());
    }

    /** The audio MIME type guessed from the file extension, application/octet-stream when unknown. */
    public static String contentTypeOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return AUDIO_TYPES.getOrDefault(ext, "application/octet-stream");
    }

    private static void writeFile(ByteArrayOutputStream out, String boundary, String field, String fileName,
                                  String type, byte[] bytes) {
        write(out, "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName.replace("\"", "_")
                + "\"\r\n" + "Content-Type: " + type + "\r\n\r\n");
        out.writeBytes(bytes);
        write(out, "\r\n");
    }

    private static void writeField(ByteArrayOutputStream out, String boundary, String name, String value) {
        write(out, "--" + boundary + "\r\n" + "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
                + value + "\r\n");
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
