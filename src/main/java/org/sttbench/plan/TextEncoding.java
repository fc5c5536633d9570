package org.sttbench.plan;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Plans are UTF-8. A file in another encoding is refused with the encoding named (from its byte-order
 * mark or its zero bytes) or the first byte that is not UTF-8, instead of the decoder's "Input length = 1".
 */
final class TextEncoding {
    private TextEncoding() {
    }

    static String utf8(byte[] bytes, String source) {
        String bom = byteOrderMark(bytes);
        if (bom != null) {
            throw new InvalidPlanException(source, List.of("the file is " + bom + " (it starts with a byte-order mark);"
                    + " save it as UTF-8"));
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            String hint = bytes.length >= 4 && bytes[0] == 'R' && bytes[1] == 'I' && bytes[2] == 'F' && bytes[3] == 'F'
                    ? "it looks like a WAV file, not a plan" : "another encoding (Latin-1, Windows-1252) or not text at all";
            throw new InvalidPlanException(source, List.of(String.format(
                    "the file is not UTF-8: byte 0x%02X at offset %d (%s); save it as UTF-8", bytes[offset] & 0xFF, offset, hint)));
        }
        decoder.flush(out);
        String text = out.flip().toString();
        if (text.indexOf('\0') >= 0) {
            throw new InvalidPlanException(source, List.of("the file holds zero bytes: UTF-16 without a byte-order mark,"
                    + " or not text at all; save it as UTF-8"));
        }
        return text;
    }

    private static String byteOrderMark(byte[] b) {
        if (b.length >= 4 && b[0] == 0 && b[1] == 0 && (b[2] & 0xFF) == 0xFE && (b[3] & 0xFF) == 0xFF) {
            return "UTF-32BE";
        }
        if (b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE && b[2] == 0 && b[3] == 0) {
            return "UTF-32LE";
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return "UTF-16BE";
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return "UTF-16LE";
        }
        return null;
    }
}
