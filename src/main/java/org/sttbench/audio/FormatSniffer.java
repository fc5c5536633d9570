package org.sttbench.audio;

import java.nio.charset.StandardCharsets;

/**
 * Recognises a file's type from its leading bytes, so that a renamed file is decoded (or refused) for
 * what it is rather than for its extension.
 */
final class FormatSniffer {
    /** How many leading bytes {@link #detect} wants to see. */
    static final int HEAD_BYTES = 64 * 1024;

    private FormatSniffer() {
    }

    /**
     * @param head     the file's first bytes (up to {@link #HEAD_BYTES})
     * @param afterId3 the bytes just after a leading ID3v2 tag, or null when there is none or it was not read
     */
    static AudioFileType detect(byte[] head, byte[] afterId3) {
        if (startsWith(head, 0, "ID3")) {
            if (afterId3 != null) {
                AudioFileType inner = detectPlain(afterId3);
                if (inner == AudioFileType.FLAC || inner == AudioFileType.AAC) {
                    return inner;
                }
            }
            return AudioFileType.MP3;
        }
        return detectPlain(head);
    }

    /** Length of a leading ID3v2 tag including its header (and footer), or 0. */
    static long id3Length(byte[] head) {
        if (head.length < 10 || !startsWith(head, 0, "ID3")) {
            return 0;
        }
        long size = ((head[6] & 0x7F) << 21) | ((head[7] & 0x7F) << 14) | ((head[8] & 0x7F) << 7) | (head[9] & 0x7F);
        boolean footer = (head[5] & 0x10) != 0;
        return 10 + size + (footer ? 10 : 0);
    }

    private static AudioFileType detectPlain(byte[] b) {
        if ((startsWith(b, 0, "RIFF") || startsWith(b, 0, "RIFX") || startsWith(b, 0, "RF64"))
                && startsWith(b, 8, "WAVE")) {
            return AudioFileType.WAV;
        }
        if (startsWith(b, 0, "fLaC")) return AudioFileType.FLAC;
        if (startsWith(b, 0, "OggS")) return AudioFileType.OGG;
        if (startsWith(b, 4, "ftyp")) return AudioFileType.M4A;
        if (startsWith(b, 0, "FORM") && (startsWith(b, 8, "AIFF") || startsWith(b, 8, "AIFC"))) {
            return AudioFileType.AIFF;
        }
        if (startsWith(b, 0, "RIFF")) return AudioFileType.UNKNOWN; // AVI, WebP, ...: RIFF but not WAVE
        if (startsWith(b, 0, new int[]{0x1A, 0x45, 0xDF, 0xA3})) return AudioFileType.MATROSKA;
        if (startsWith(b, 0, new int[]{0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11})) return AudioFileType.ASF;
        if (startsWith(b, 0, "#!AMR")) return AudioFileType.AMR;
        if (startsWith(b, 0, ".snd")) return AudioFileType.AU;
        if (startsWith(b, 0, "caff")) return AudioFileType.CAF;
        if (startsWith(b, 0, "MThd")) return AudioFileType.MIDI;
        if (startsWith(b, 0, "%PDF")) return AudioFileType.PDF;
        if (startsWith(b, 0, new int[]{0x89, 'P', 'N', 'G'}) || startsWith(b, 0, new int[]{0xFF, 0xD8, 0xFF})
                || startsWith(b, 0, "GIF8")) {
            return AudioFileType.IMAGE;
        }
        if (startsWith(b, 0, new int[]{'P', 'K', 3, 4})) return AudioFileType.ZIP;
        if (startsWith(b, 0, new int[]{0x7F, 'E', 'L', 'F'})) return AudioFileType.EXECUTABLE;
        if (isAdts(b, 0)) return AudioFileType.AAC;
        if (mpegFrameChain(b, 0, 2)) return AudioFileType.MP3;
        if (looksLikeText(b)) return AudioFileType.TEXT;
        // MP3 files sometimes start with junk or zero padding: look for a run of valid frames further in
        for (int i = 1; i + 4 <= b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF && mpegFrameChain(b, i, 3)) {
                return AudioFileType.MP3;
            }
        }
        return AudioFileType.UNKNOWN;
    }

    private static boolean isAdts(byte[] b, int i) {
        return b.length >= i + 7 && (b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xF6) == 0xF0
                && ((b[i + 2] >> 2) & 0x0F) < 13;
    }

    /** True when {@code count} MPEG audio frame headers follow each other from {@code at}. */
    private static boolean mpegFrameChain(byte[] b, int at, int count) {
        int pos = at;
        for (int n = 0; n < count; n++) {
            int len = mpegFrameLength(b, pos);
            if (len <= 0) {
                // the last frame may run past the bytes we have: a valid header is enough
                return n > 0 && pos + 4 > b.length;
            }
            pos += len;
        }
        return true;
    }

    private static final int[][] BITRATES_KBPS = {
            // MPEG-1 layer I, II, III
            {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
            {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
            // MPEG-2/2.5 layer I, II+III
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
            {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
    };
    private static final int[] MPEG1_RATES = {44100, 48000, 32000};

    /** Frame length in bytes of the MPEG audio frame header at {@code i}, or -1 if it is not one. */
    private static int mpegFrameLength(byte[] b, int i) {
        if (i + 4 > b.length) return -1;
        int b1 = b[i + 1] & 0xFF, b2 = b[i + 2] & 0xFF;
        if ((b[i] & 0xFF) != 0xFF || (b1 & 0xE0) != 0xE0) return -1;
        int version = (b1 >> 3) & 3;           // 0: 2.5, 2: 2, 3: 1
        int layer = (b1 >> 1) & 3;             // 1: III, 2: II, 3: I
        int bitrateIndex = b2 >> 4;
        int rateIndex = (b2 >> 2) & 3;
        if (version == 1 || layer == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) return -1;
        boolean mpeg1 = version == 3;
        int sampleRate = MPEG1_RATES[rateIndex] >> (mpeg1 ? 0 : version == 2 ? 1 : 2);
        int table = mpeg1 ? 3 - layer : (layer == 3 ? 3 : 4);
        int bitrate = BITRATES_KBPS[table][bitrateIndex] * 1000;
        int padding = (b2 >> 1) & 1;
        if (layer == 3) return (12 * bitrate / sampleRate + padding) * 4;
        if (layer == 1 && !mpeg1) return 72 * bitrate / sampleRate + padding;
        return 144 * bitrate / sampleRate + padding;
    }

    /** UTF-8 (or ASCII) text: no NUL bytes, few control characters, decodes cleanly. */
    private static boolean looksLikeText(byte[] b) {
        if (b.length == 0) return false;
        int n = Math.min(b.length, 4096);
        int control = 0;
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xFF;
            if (c == 0) return false;
            if (c < 0x09 || (c > 0x0D && c < 0x20) || c == 0x7F) control++;
        }
        if (control > n / 100) return false;
        // cut at n may split a multi-byte character; decode leniently and count replacement characters
        String s = new String(b, 0, n, StandardCharsets.UTF_8);
        long bad = s.chars().filter(ch -> ch == 0xFFFD).count();
        return bad <= 1;
    }

    private static boolean startsWith(byte[] b, int offset, String ascii) {
        if (b.length < offset + ascii.length()) return false;
        for (int i = 0; i < ascii.length(); i++) {
            if (b[offset + i] != (byte) ascii.charAt(i)) return false;
        }
        return true;
    }

    private static boolean startsWith(byte[] b, int offset, int[] bytes) {
        if (b.length < offset + bytes.length) return false;
        for (int i = 0; i < bytes.length; i++) {
            if ((b[offset + i] & 0xFF) != bytes[i]) return false;
        }
        return true;
    }
}
