package org.sttbench.serve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Looks at an upload's first bytes to tell audio the decoder reads (go on), audio it does not (415) and
 * things that are not audio at all (400), before a worker spends time on it.
 */
public final class AudioSniffer {
    public enum Verdict { SUPPORTED, UNSUPPORTED_AUDIO, NOT_AUDIO, EMPTY }

    public record Result(Verdict verdict, String format) {
    }

    public static final Set<String> DEFAULT_SUPPORTED = Set.of("wav", "mp3", "flac", "ogg", "m4a");
    private static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "wave", "mp3", "mpga", "mpeg", "flac",
            "ogg", "oga", "opus", "m4a", "mp4", "aac", "webm", "aif", "aiff", "aifc", "au", "snd", "amr", "wma",
            "caf", "mid", "midi", "ac3", "ape", "wv", "mka");

    private final Set<String> supported;

    public AudioSniffer() {
        this(DEFAULT_SUPPORTED);
    }

    public AudioSniffer(Set<String> supported) {
        this.supported = Set.copyOf(supported);
    }

    public Set<String> supported() {
        return supported;
    }

    public Result sniff(Path file, String fileName, String contentType) throws IOException {
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n == 0) {
            return new Result(Verdict.EMPTY, null);
        }
        String format = formatOf(Arrays.copyOf(head, n));
        if (format != null) {
            return new Result(supported.contains(format) ? Verdict.SUPPORTED : Verdict.UNSUPPORTED_AUDIO, format);
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("audio/") || type.startsWith("video/") || AUDIO_EXTENSIONS.contains(extension(fileName))) {
            return new Result(Verdict.UNSUPPORTED_AUDIO, extension(fileName));
        }
        return new Result(Verdict.NOT_AUDIO, null);
    }

    /** The container a file's magic bytes announce, or null when none is recognised. */
    static String formatOf(byte[] h) {
        if (starts(h, 0, "RIFF") && starts(h, 8, "WAVE")) {
            return "wav";
        }
        if (starts(h, 0, "fLaC")) {
            return "flac";
        }
        if (starts(h, 0, "OggS")) {
            return "ogg";
        }
        if (h.length >= 2 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xF6) == 0xF0) {
            return "aac";
        }
        if (starts(h, 0, "ID3") || (h.length >= 2 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xE0) == 0xE0)) {
            return "mp3";
        }
        if (starts(h, 4, "ftyp")) {
            return "m4a";
        }
        if (starts(h, 0, "FORM") && (starts(h, 8, "AIFF") || starts(h, 8, "AIFC"))) {
            return "aiff";
        }
        if (starts(h, 0, ".snd")) {
            return "au";
        }
        if (starts(h, 0, "#!AMR")) {
            return "amr";
        }
        if (starts(h, 0, "caff")) {
            return "caf";
        }
        if (starts(h, 0, "MThd")) {
            return "midi";
        }
        if (h.length >= 4 && (h[0] & 0xFF) == 0x1A && (h[1] & 0xFF) == 0x45 && (h[2] & 0xFF) == 0xDF
                && (h[3] & 0xFF) == 0xA3) {
            return "webm";
        }
        if (h.length >= 4 && (h[0] & 0xFF) == 0x30 && (h[1] & 0xFF) == 0x26 && (h[2] & 0xFF) == 0xB2
                && (h[3] & 0xFF) == 0x75) {
            return "wma";
        }
        return null;
    }

    private static boolean starts(byte[] h, int offset, String magic) {
        byte[] m = magic.getBytes(StandardCharsets.ISO_8859_1);
        if (h.length < offset + m.length) {
            return false;
        }
        for (int i = 0; i < m.length; i++) {
            if (h[offset + i] != m[i]) {
                return false;
            }
        }
        return true;
    }

    private static String extension(String fileName) {
        if (fileName == null) {
            return "";
        }
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
