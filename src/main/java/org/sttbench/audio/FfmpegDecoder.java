package org.sttbench.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttbench.BadInputException;
import ws.schild.jave.process.ffmpeg.DefaultFFMPEGLocator;

/**
 * Decodes compressed audio by running ffmpeg as a child process that writes 16 kHz mono 32-bit float PCM
 * to its standard output. By default the ffmpeg binary is the one bundled with jave
 * ({@code jave-nativebin-linux64}), which jave copies to the temp folder on first use.
 * One process per call, no shared mutable state: safe to call from many threads.
 */
final class FfmpegDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(FfmpegDecoder.class);
    private static final Pattern DURATION = Pattern.compile("Duration: (\\d+):(\\d\\d):(\\d\\d(?:\\.\\d+)?)");
    /** Decoded audio shorter than this share of the container's declared duration means a cut-off file. */
    private static final double TRUNCATED_BELOW = 0.9;

    private final Path executable;

    FfmpegDecoder(Path executable) {
        this.executable = executable;
    }

    /** The ffmpeg that jave ships, extracted once per JVM. */
    static Path bundledExecutable() {
        return BundledFfmpeg.PATH;
    }

    private static final class BundledFfmpeg {
        // class initialisation is thread-safe and happens once: the copy to the temp folder is not raced
        static final Path PATH = Path.of(new DefaultFFMPEGLocator().getExecutablePath());
    }

    float[] decode(Path file, AudioFileType type) throws IOException {
        if (type == AudioFileType.OGG) {
            // a cut Ogg file decodes without complaint to what precedes the cut; its pages tell
            Optional<String> cut = OggPages.truncation(file);
            if (cut.isPresent()) {
                throw new BadInputException(file + ": truncated " + type.label() + " file: " + cut.get());
            }
        }
        List<String> cmd = List.of(executable.toString(), "-nostdin", "-hide_banner", "-nostats",
                // "file:" so that a name like "concat:a|b" or "http:x" is never taken for an ffmpeg protocol
                "-i", "file:" + file.toAbsolutePath(),
                "-map", "0:a:0", "-vn", "-sn", "-dn",
                "-ac", "1", "-ar", String.valueOf(DecodedAudio.SAMPLE_RATE),
                "-f", "f32le", "-acodec", "pcm_f32le", "pipe:1");
        Path errLog = Files.createTempFile("sttbench-ffmpeg-", ".log");
        try {
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectError(errLog.toFile())
                        .redirectInput(ProcessBuilder.Redirect.PIPE).start();
            } catch (IOException e) {
                // the machine's problem, not the input's
                throw new IllegalStateException("cannot run ffmpeg at " + executable + ": " + e.getMessage(), e);
            }
            p.getOutputStream().close();
            float[] samples;
            int exit;
            try (InputStream out = p.getInputStream()) {
                samples = readFloats(out);
                exit = p.waitFor();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while decoding " + file, e);
            } finally {
                if (p.isAlive()) {
                    p.destroyForcibly();
                }
            }
            String stderr = Files.readString(errLog, StandardCharsets.UTF_8);
            LOG.debug("ffmpeg exit {} for {} ({} samples):\n{}", exit, file, samples.length, stderr);
            if (exit != 0) {
                throw new BadInputException(file + ": cannot decode this " + type.label() + " file: "
                        + reason(stderr, exit));
            }
            if (samples.length == 0) {
                throw new BadInputException(file + ": " + type.label() + " file contains no audio samples");
            }
            double declared = declaredSeconds(stderr);
            double decoded = (double) samples.length / DecodedAudio.SAMPLE_RATE;
            if (declared > 1.0 && decoded < declared * TRUNCATED_BELOW) {
                throw new BadInputException(file + String.format(Locale.ROOT,
                        ": truncated %s file: its header declares %.2f s of audio but only %.2f s could be decoded",
                        type.label(), declared, decoded));
            }
            return samples;
        } finally {
            Files.deleteIfExists(errLog);
        }
    }

    /** One short, human reason from ffmpeg's log; the log itself goes to debug. */
    static String reason(String stderr, int exit) {
        String s = stderr.toLowerCase(Locale.ROOT);
        if (s.contains("moov atom not found")) return "truncated or incomplete (no moov atom)";
        if (s.contains("matches no streams") || s.contains("does not contain any stream")) return "it has no audio stream";
        if (s.contains("invalid data found when processing input")) return "corrupt or not really this format";
        if (s.contains("could not find codec parameters") || s.contains("decoder not found")
                || s.contains("unknown decoder")) {
            return "unsupported codec inside the container";
        }
        if (s.contains("end of file")) return "truncated (unexpected end of file)";
        return "ffmpeg failed (exit " + exit + ")";
    }

    static double declaredSeconds(String stderr) {
        Matcher m = DURATION.matcher(stderr);
        if (!m.find()) {
            return -1;
        }
        return Integer.parseInt(m.group(1)) * 3600 + Integer.parseInt(m.group(2)) * 60 + Double.parseDouble(m.group(3));
    }

    private static float[] readFloats(InputStream in) throws IOException {
        float[] out = new float[DecodedAudio.SAMPLE_RATE * 8];
        int count = 0;
        byte[] buf = new byte[1 << 16];
        int carry = 0;                                    // bytes of an incomplete sample kept at buf[0..carry)
        int r;
        while ((r = in.read(buf, carry, buf.length - carry)) >= 0) {
            int have = carry + r;
            int whole = have / 4;
            if (count + whole > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, count + whole));
            }
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, whole * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < whole; i++) {
                out[count++] = Resampler.clamp(bb.getFloat());
            }
            carry = have - whole * 4;
            System.arraycopy(buf, whole * 4, buf, 0, carry);
        }
        return Arrays.copyOf(out, count);
    }
}
