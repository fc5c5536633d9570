package org.sttbench.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.sttbench.audio.AudioDecoder;
import org.sttbench.audio.AudioFileType;

/**
 * Sorts an upload before a worker spends time on it: audio the decoder reads (go on), audio it does not
 * (415), and things that are not audio at all (400). The type comes from the file's leading bytes (the
 * audio package's detection); the declared content type or extension only decides between 415 and 400 when
 * the bytes are unrecognised.
 */
public final class AudioSniffer {
    public enum Verdict { SUPPORTED, UNSUPPORTED_AUDIO, NOT_AUDIO, EMPTY }

    /** @param format the detected type's short name, or the file extension when unrecognised */
    public record Result(Verdict verdict, String format, String label) {
    }

    private static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "wave", "mp3", "mpga", "mpeg", "flac",
            "ogg", "oga", "opus", "m4a", "mp4", "aac", "webm", "aif", "aiff", "aifc", "au", "snd", "amr", "wma",
            "caf", "mid", "midi", "ac3", "ape", "wv", "mka");

    private final AudioDecoder decoder = new AudioDecoder();

    public String supportedList() {
        return AudioFileType.supportedList();
    }

    /** Reads up to 64 KB of the file: call it off the event loop. */
    public Result sniff(Path file, String fileName, String contentType) throws IOException {
        if (Files.size(file) == 0) {
            return new Result(Verdict.EMPTY, null, null);
        }
        AudioFileType type = decoder.detect(file);
        if (type.supported()) {
            return new Result(Verdict.SUPPORTED, type.id(), type.label());
        }
        if (type.isAudio()) {
            return new Result(Verdict.UNSUPPORTED_AUDIO, type.id(), type.label());
        }
        String declared = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String ext = extension(fileName);
        if (type == AudioFileType.UNKNOWN
                && (declared.startsWith("audio/") || declared.startsWith("video/") || AUDIO_EXTENSIONS.contains(ext))) {
            return new Result(Verdict.UNSUPPORTED_AUDIO, ext, ext.isEmpty() ? declared : ext);
        }
        return new Result(Verdict.NOT_AUDIO, type.id(), type.label());
    }

    private static String extension(String fileName) {
        if (fileName == null) {
            return "";
        }
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
