package org.sttbench.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Checks that an Ogg file (Vorbis, Opus) is whole by walking its page headers, without decoding.
 *
 * <p>Why: ffmpeg takes an Ogg file's duration from the last complete page it finds, so a file cut off in
 * the middle decodes without an error to the audio before the cut, and its reported duration agrees. Only
 * the page structure tells: every encoder ends a stream with a page flagged end-of-stream, and a cut file
 * either ends inside a page or on a page without that flag.
 */
final class OggPages {
    private static final int HEADER = 27;                // fixed part of a page header, before the segment table
    private static final int END_OF_STREAM = 0x04;

    private OggPages() {
    }

    /** Why the file is cut off, or empty if its pages are whole (or it is not Ogg from its first byte). */
    static Optional<String> truncation(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long pos = 0;
            int lastFlags = -1;
            ByteBuffer head = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer segments = ByteBuffer.allocate(255);
            while (pos < size) {
                head.clear();
                if (readFully(ch, head, pos) < HEADER) {
                    return Optional.of("it ends inside an Ogg page header");
                }
                if (head.getInt(0) != 0x5367674f) {         // "OggS"; anything else is ffmpeg's to judge
                    return Optional.empty();
                }
                int flags = head.get(5) & 0xff;
                int count = head.get(26) & 0xff;
                segments.clear().limit(count);
                if (readFully(ch, segments, pos + HEADER) < count) {
                    return Optional.of("it ends inside an Ogg page header");
                }
                long body = 0;
                for (int i = 0; i < count; i++) {
                    body += segments.get(i) & 0xff;
                }
                long end = pos + HEADER + count + body;
                if (end > size) {
                    return Optional.of("it ends inside an Ogg page (" + (end - size) + " of its bytes are missing)");
                }
                lastFlags = flags;
                pos = end;
            }
            if (lastFlags >= 0 && (lastFlags & END_OF_STREAM) == 0) {
                return Optional.of("its last Ogg page does not mark the end of the stream");
            }
            return Optional.empty();
        }
    }

    private static int readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        int total = 0;
        while (b.hasRemaining()) {
            int r = ch.read(b, at + total);
            if (r < 0) {
                break;
            }
            total += r;
        }
        return total;
    }
}
