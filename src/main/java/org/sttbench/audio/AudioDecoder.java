package org.sttbench.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sttbench.BadInputException;
import org.sttbench.OneLine;

/**
 * Turns an audio file into what Whisper wants: 16 kHz mono float samples.
 *
 * <p>The type comes from the file's leading bytes, not its name. WAV (8/16/24/32-bit integer or 32/64-bit
 * float PCM, any rate, any channel count) is read in Java and resampled with {@link Resampler}; MP3, FLAC,
 * OGG (Vorbis, Opus), M4A/MP4 (AAC), raw AAC and WAV with other codecs go through ffmpeg. Anything
 * unusable raises {@link BadInputException} with a one-line message naming the file.
 *
 * <p>Thread-safe: each call is independent (WAV in the calling thread, ffmpeg in its own process).
 */
public final class AudioDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(AudioDecoder.class);

    private final Supplier<Path> ffmpeg;

    /** Compressed formats use the ffmpeg bundled with jave, extracted on first use. */
    public AudioDecoder() {
        this.ffmpeg = FfmpegDecoder::bundledExecutable;
    }

    /** Compressed formats use the given ffmpeg executable (e.g. a system or container ffmpeg). */
    public AudioDecoder(Path ffmpegExecutable) {
        Objects.requireNonNull(ffmpegExecutable, "ffmpegExecutable");
        this.ffmpeg = () -> ffmpegExecutable;
    }

    /** Short names of the supported types, as found in {@link DecodedAudio#format()}. */
    public static List<String> supportedFormats() {
        return Arrays.stream(AudioFileType.values()).filter(AudioFileType::supported).map(AudioFileType::id)
                .collect(Collectors.toList());
    }

    /** What the file's leading bytes say it is (no decoding). */
    public AudioFileType detect(Path file) {
        checkReadable(file);
        try {
            return sniff(file);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes {@code file} to 16 kHz mono. {@link DecodedAudio#decodeNanos()} covers everything from the
     * first read to the last sample.
     *
     * @throws BadInputException missing, empty, truncated, non-audio, unsupported or sample-less input
     */
    public DecodedAudio decode(Path file) {
        Objects.requireNonNull(file, "file");
        long start = System.nanoTime();
        checkReadable(file);
        try {
            AudioFileType type = sniff(file);
            if (!type.supported()) {
                throw new BadInputException(unsupportedMessage(file, type));
            }
            float[] samples = null;
            if (type == AudioFileType.WAV) {
                WavReader.Result wav = WavReader.read(file);
                if (!wav.needsFfmpeg()) {
                    samples = wav.sampleRate() == DecodedAudio.SAMPLE_RATE ? wav.mono()
                            : new Resampler(wav.sampleRate(), DecodedAudio.SAMPLE_RATE).process(wav.mono());
                }
            }
            if (samples == null) {
                samples = new FfmpegDecoder(ffmpeg.get()).decode(file, type);
            }
            if (samples.length == 0) {
                throw new BadInputException(file + ": contains no audio samples");
            }
            long nanos = System.nanoTime() - start;
            return new DecodedAudio(file, type.id(), samples, (double) samples.length / DecodedAudio.SAMPLE_RATE, nanos);
        } catch (AccessDeniedException e) {
            throw new BadInputException(file + ": cannot read (permission denied)", e);
        } catch (IOException e) {
            LOG.debug("reading {} failed", file, e);
            throw new BadInputException(file + ": cannot read: " + OneLine.joined(e.getMessage(), "I/O error"), e);
        }
    }

    private static void checkReadable(Path file) {
        if (!Files.exists(file)) {
            throw new BadInputException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a directory, not an audio file");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": not a regular file (a device or pipe cannot be decoded)");
        }
        if (!Files.isReadable(file)) {
            throw new BadInputException(file + ": cannot read (permission denied)");
        }
    }

    private static AudioFileType sniff(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(FormatSniffer.HEAD_BYTES);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file", e);
        }
        if (head.length == 0) {
            throw new BadInputException(file + ": file is empty (0 bytes)");
        }
        byte[] afterId3 = null;
        long id3 = FormatSniffer.id3Length(head);
        if (id3 > 0) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                if (id3 < ch.size()) {
                    ByteBuffer b = ByteBuffer.allocate(16);
                    ch.read(b, id3);
                    afterId3 = Arrays.copyOf(b.array(), b.position());
                }
            }
        }
        AudioFileType type = FormatSniffer.detect(head, afterId3);
        LOG.debug("{} detected as {}", file, type);
        return type;
    }

    private static String unsupportedMessage(Path file, AudioFileType type) {
        String supported = "supported: " + AudioFileType.supportedList();
        if (type.isAudio()) {
            return file + ": unsupported audio format " + type.label() + "; " + supported;
        }
        if (type == AudioFileType.UNKNOWN) {
            return file + ": not a recognised audio file; " + supported;
        }
        return String.format(Locale.ROOT, "%s: not an audio file (it looks like %s); %s", file, type.label(), supported);
    }
}
