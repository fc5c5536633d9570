package org.sttbench.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.sttbench.audio.TestSignals.FLOAT;
import static org.sttbench.audio.TestSignals.PCM;
import static org.sttbench.audio.TestSignals.db;
import static org.sttbench.audio.TestSignals.rms;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sttbench.BadInputException;

class AudioDecoderTest {
    private static final Path CLIPS = Path.of("test_audio");
    private static final AudioDecoder DECODER = new AudioDecoder();
    private static float[] en5sWav;

    @TempDir
    Path tmp;

    @BeforeAll
    static void reference() {
        en5sWav = DECODER.decode(CLIPS.resolve("en_5s.wav")).samples();
    }

    // ------------------------------------------------------------------ the committed clips

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "en_5s.wav, wav, 5", "en_5s.mp3, mp3, 5", "en_5s.flac, flac, 5", "en_5s.ogg, ogg, 5",
            "en_5s.m4a, m4a, 5", "en_5s.opus, ogg, 5", "en_5s_44k_stereo.wav, wav, 5",
            "en_30s.wav, wav, 30", "en_30s.mp3, mp3, 30", "en_30s.flac, flac, 30", "en_30s.ogg, ogg, 30",
            "en_30s.m4a, m4a, 30",
            "vi_5s.wav, wav, 5", "vi_5s.mp3, mp3, 5", "vi_5s.flac, flac, 5", "vi_5s.ogg, ogg, 5", "vi_5s.m4a, m4a, 5",
            "vi_30s.wav, wav, 30", "vi_30s.mp3, mp3, 30", "vi_30s.flac, flac, 30", "vi_30s.ogg, ogg, 30",
            "vi_30s.m4a, m4a, 30",
    })
    void decodesEveryCommittedClipToItsKnownDuration(String name, String format, double seconds) {
        DecodedAudio a = DECODER.decode(CLIPS.resolve(name));
        assertThat(a.format()).isEqualTo(format);
        assertThat(a.source()).isEqualTo(CLIPS.resolve(name));
        // codecs add a few ms of priming (AAC 1024 samples at 48 kHz = 21 ms); 0.1 s is far tighter than a wrong rate
        assertThat(a.samples().length).isCloseTo((int) (seconds * 16_000), within(1600));
        assertThat(a.durationS()).isEqualTo(a.samples().length / 16_000.0);
        assertThat(a.decodeNanos()).isPositive();
        assertThat(rms(a.samples(), 0, a.samples().length)).as("speech, not silence").isGreaterThan(0.02);
        for (float v : a.samples()) {
            assertThat(v).isBetween(-1f, 1f);
        }
    }

    @Test
    void sixteenKilohertzWavIsExact() {
        assertThat(DECODER.decode(CLIPS.resolve("en_30s.wav")).samples()).hasSize(480_000);
        assertThat(DECODER.decode(CLIPS.resolve("vi_30s.wav")).samples()).hasSize(480_000);
        assertThat(en5sWav).hasSize(80_000);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"en_long.mp3, mp3, 196.2", "vi_long.ogg, ogg, 192.9"})
    void longClipsDecodeToMinutesOfAudio(String name, String format, double seconds) {
        DecodedAudio a = DECODER.decode(CLIPS.resolve(name));
        assertThat(a.format()).isEqualTo(format);
        assertThat(a.durationS()).isCloseTo(seconds, within(0.2)).isBetween(180.0, 300.0);
    }

    @Test
    void stereo44kClipBecomesTheSameSpeechAt16kMono() {
        float[] s = DECODER.decode(CLIPS.resolve("en_5s_44k_stereo.wav")).samples();
        assertThat(s).hasSize(80_000);
        // the channels are the 16 kHz clip at gain 1.0 and 0.8: the mono mix is that clip at 0.9
        double dot = 0, a2 = 0, b2 = 0;
        for (int i = 0; i < s.length; i++) {
            dot += s[i] * en5sWav[i];
            a2 += s[i] * s[i];
            b2 += en5sWav[i] * en5sWav[i];
        }
        assertThat(dot / Math.sqrt(a2 * b2)).as("correlation").isGreaterThan(0.99);
        assertThat(Math.sqrt(a2 / b2)).as("gain").isCloseTo(0.9, within(0.02));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"en_5s.mp3", "en_5s.flac", "en_5s.ogg", "en_5s.m4a", "en_5s.opus"})
    void compressedVariantsCarryTheSameLoudness(String name) {
        float[] s = DECODER.decode(CLIPS.resolve(name)).samples();
        double delta = db(rms(s, 0, s.length) / rms(en5sWav, 0, en5sWav.length));
        assertThat(delta).isCloseTo(0.0, within(1.5));
    }

    @Test
    void flacIsLosslessAgainstTheWav() {
        float[] flac = DECODER.decode(CLIPS.resolve("en_30s.flac")).samples();
        float[] wav = DECODER.decode(CLIPS.resolve("en_30s.wav")).samples();
        assertThat(flac).hasSameSizeAs(wav);
        for (int i = 0; i < wav.length; i++) {
            assertThat(flac[i]).isCloseTo(wav[i], within(1e-6f));
        }
    }

    // ------------------------------------------------------------------ WAV sample formats

    @ParameterizedTest(name = "{1}-bit {0}, extensible={2}")
    @CsvSource({"1, 8, false, 0.01", "1, 16, false, 0.0001", "1, 24, false, 0.000001", "1, 32, false, 0.000001",
            "3, 32, false, 0.000001", "3, 64, false, 0.000001", "1, 24, true, 0.000001", "3, 32, true, 0.000001"})
    void readsEveryPcmSampleFormat(int formatTag, int bits, boolean extensible, double tolerance) throws IOException {
        double[] sine = TestSignals.sine(440, 16_000, 0.5, 0.5);
        Path f = TestSignals.writeWav(tmp.resolve("s.wav"), 16_000, formatTag, bits, extensible, sine);
        float[] s = DECODER.decode(f).samples();
        assertThat(s).hasSize(8000);
        for (int i = 0; i < s.length; i++) {
            assertThat((double) s[i]).isCloseTo(sine[i], within(tolerance));
        }
    }

    @Test
    void mixesChannelsToMono() throws IOException {
        double[] left = TestSignals.sine(440, 16_000, 0.25, 0.8);
        double[] silent = new double[left.length];
        double[] right = TestSignals.sine(440, 16_000, 0.25, 0.4);
        Path f = TestSignals.writeWav(tmp.resolve("3ch.wav"), 16_000, PCM, 16, false, left, silent, right);
        float[] s = DECODER.decode(f).samples();
        for (int i = 0; i < s.length; i++) {
            assertThat((double) s[i]).isCloseTo((left[i] + right[i]) / 3, within(1e-4));
        }
    }

    @ParameterizedTest(name = "{0} Hz")
    @CsvSource({"8000", "11025", "22050", "32000", "44100", "48000", "96000"})
    void resamplesAnyRateAndKeepsDuration(int rate) throws IOException {
        Path f = TestSignals.writeWav(tmp.resolve("r.wav"), rate, FLOAT, 32, false,
                TestSignals.sine(1000, rate, 1.5, 0.5));
        float[] s = DECODER.decode(f).samples();
        assertThat(s).hasSize(24_000);
        assertThat(TestSignals.zeroCrossings(s, 1000, 23_000) / (22_000 / 16_000.0)).isCloseTo(2000, within(5.0));
    }

    @Test
    void magicBytesWinOverTheExtension() throws IOException {
        Path mp3AsWav = Files.copy(CLIPS.resolve("en_5s.mp3"), tmp.resolve("really-mp3.wav"));
        Path wavAsMp3 = Files.copy(CLIPS.resolve("en_5s.wav"), tmp.resolve("really-wav.mp3"));
        Path flacNoExt = Files.copy(CLIPS.resolve("en_5s.flac"), tmp.resolve("noext"));
        assertThat(DECODER.decode(mp3AsWav).format()).isEqualTo("mp3");
        assertThat(DECODER.decode(wavAsMp3).format()).isEqualTo("wav");
        assertThat(DECODER.decode(wavAsMp3).samples()).isEqualTo(en5sWav);
        assertThat(DECODER.decode(flacNoExt).format()).isEqualTo("flac");
    }

    @Test
    void fileNamesThatLookLikeFfmpegProtocolsAreJustFiles() throws IOException {
        Path odd = Files.copy(CLIPS.resolve("en_5s.ogg"), tmp.resolve("concat:x|y.ogg"));
        assertThat(DECODER.decode(odd).durationS()).isCloseTo(5.0, within(0.1));
    }

    @Test
    void deviceIsNotAFile() {
        Path dev = Path.of("/dev/null");
        if (Files.exists(dev)) {
            assertBad(dev, "not a regular file");
        }
    }

    @Test
    void mp3WithoutId3TagOrWithLeadingJunkIsStillFound() throws IOException {
        byte[] mp3 = Files.readAllBytes(CLIPS.resolve("en_5s.mp3"));
        int id3 = (int) FormatSniffer.id3Length(mp3);
        byte[] bare = Arrays.copyOfRange(mp3, id3, mp3.length);
        assertThat(bare[0] & 0xFF).isEqualTo(0xFF);
        byte[] junk = new byte[bare.length + 100];
        System.arraycopy(bare, 0, junk, 100, bare.length);
        assertThat(DECODER.decode(Files.write(tmp.resolve("bare.bin"), bare)).format()).isEqualTo("mp3");
        assertThat(DECODER.decode(Files.write(tmp.resolve("junk.bin"), junk)).durationS()).isCloseTo(5.0, within(0.1));
    }

    @Test
    void supportedFormatsAreListed() {
        assertThat(AudioDecoder.supportedFormats()).contains("wav", "mp3", "flac", "ogg", "m4a");
    }

    // ------------------------------------------------------------------ bad input

    private void assertBad(Path file, String... fragments) {
        assertThatThrownBy(() -> DECODER.decode(file))
                .isInstanceOf(BadInputException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).startsWith(file.toString()).doesNotContain("\n");
                    assertThat(e.getMessage().toLowerCase()).contains(fragments);
                });
    }

    @Test
    void missingFile() {
        assertBad(tmp.resolve("nope.wav"), "no such file");
    }

    @Test
    void directory() {
        assertBad(tmp, "directory");
    }

    @Test
    void emptyFile() throws IOException {
        assertBad(Files.createFile(tmp.resolve("empty.wav")), "empty", "0 bytes");
        assertBad(Files.createFile(tmp.resolve("empty.mp3")), "empty", "0 bytes");
    }

    @Test
    void truncatedWav() throws IOException {
        byte[] wav = Files.readAllBytes(CLIPS.resolve("en_5s.wav"));
        assertBad(Files.write(tmp.resolve("half.wav"), Arrays.copyOf(wav, wav.length / 2)),
                "truncated", "5.00 s", "2.50 s");
        assertBad(Files.write(tmp.resolve("header-only.wav"), Arrays.copyOf(wav, 30)), "truncated");
        assertBad(Files.write(tmp.resolve("riff-only.wav"), Arrays.copyOf(wav, 12)), "truncated");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"en_30s.flac", "en_30s.mp3", "en_30s.m4a"})
    void truncatedCompressedFile(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(CLIPS.resolve(name));
        assertBad(Files.write(tmp.resolve("cut-" + name), Arrays.copyOf(bytes, bytes.length * 4 / 10)), "truncated");
    }

    @Test
    void truncatedOggIsNotTakenForShortAudio() throws IOException {
        byte[] ogg = Files.readAllBytes(CLIPS.resolve("en_5s.ogg"));
        // ffmpeg decodes the first half to 1 s of audio and reports 1 s as the duration: no error of its own
        assertBad(Files.write(tmp.resolve("half.ogg"), Arrays.copyOf(ogg, ogg.length / 2)),
                "truncated ogg", "inside an ogg page");
        int lastPage = lastIndexOf(ogg, "OggS".getBytes(StandardCharsets.US_ASCII));
        assertBad(Files.write(tmp.resolve("cut-at-page.ogg"), Arrays.copyOf(ogg, lastPage)),
                "truncated ogg", "end of the stream");
        byte[] opus = Files.readAllBytes(CLIPS.resolve("en_5s.opus"));
        assertBad(Files.write(tmp.resolve("half.opus"), Arrays.copyOf(opus, opus.length / 2)), "truncated ogg");
    }

    @Test
    void shortWholeOggIsAccepted() throws Exception {
        Path wav = TestSignals.writeWav(tmp.resolve("blip.wav"), 16_000, PCM, 16, false,
                TestSignals.sine(440, 16_000, 0.3, 0.3));
        Path ogg = tmp.resolve("blip.ogg");
        Process p = new ProcessBuilder(FfmpegDecoder.bundledExecutable().toString(), "-nostdin", "-v", "error",
                "-i", wav.toString(), "-c:a", "libvorbis", ogg.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        assertThat(DECODER.decode(ogg).durationS()).isCloseTo(0.3, within(0.05));
    }

    private static int lastIndexOf(byte[] hay, byte[] needle) {
        for (int i = hay.length - needle.length; i >= 0; i--) {
            if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void textRenamedToWav() throws IOException {
        Path f = Files.writeString(tmp.resolve("notes.wav"), "Meeting notes:\n- buy more servers\n- Thứ Hai họp nhóm\n",
                StandardCharsets.UTF_8);
        assertBad(f, "not an audio file", "text", "supported: wav");
    }

    @Test
    void randomBytesRenamedToWavOrMp3() throws IOException {
        byte[] noise = new byte[50_000];
        new Random(42).nextBytes(noise);
        assertBad(Files.write(tmp.resolve("noise.wav"), noise), "not a recognised audio file", "supported");
        assertBad(Files.write(tmp.resolve("noise.mp3"), noise), "not a recognised audio file");
    }

    @Test
    void otherFileTypes() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
        assertBad(Files.write(tmp.resolve("photo.mp3"), png), "not an audio file", "image");
        assertBad(Files.writeString(tmp.resolve("doc.m4a"), "%PDF-1.7\n%\u00e2\u00e3"), "pdf");
    }

    @Test
    void unsupportedAudioFormatNamesItAndTheSupportedOnes() throws IOException {
        AudioFormat fmt = new AudioFormat(16_000, 16, 1, true, true);
        byte[] pcm = new byte[32_000];
        Path aiff = tmp.resolve("clip.aiff");
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), fmt, 16_000), AudioFileFormat.Type.AIFF,
                aiff.toFile());
        assertBad(aiff, "unsupported audio format aiff", "wav", "mp3", "flac", "ogg", "m4a");
        Path renamed = Files.copy(aiff, tmp.resolve("clip.wav"));
        assertBad(renamed, "unsupported audio format aiff");
    }

    @Test
    void wavWithNoSamples() throws IOException {
        Path f = TestSignals.writeWav(tmp.resolve("silent-header.wav"), 16_000, PCM, 16, false, new double[0]);
        assertThat(Files.size(f)).isEqualTo(44);
        assertBad(f, "no audio samples");
    }

    @Test
    void corruptWavHeader() throws IOException {
        Path f = TestSignals.writeWav(tmp.resolve("bad-bits.wav"), 16_000, PCM, 16, false, new double[100]);
        byte[] b = Files.readAllBytes(f);
        b[34] = 12;                                          // 12 bits per sample
        assertBad(Files.write(f, b), "corrupt or unsupported wav header", "12-bit");
    }

    @Test
    void corruptCompressedStream() throws IOException {
        byte[] noise = new byte[20_000];
        new Random(7).nextBytes(noise);
        byte[] fake = new byte[noise.length + 4];
        System.arraycopy("fLaC".getBytes(StandardCharsets.US_ASCII), 0, fake, 0, 4);
        System.arraycopy(noise, 0, fake, 4, noise.length);
        assertBad(Files.write(tmp.resolve("fake.flac"), fake), "flac");
    }

    @Test
    void veryShortAudioIsAccepted() throws IOException {
        Path f = TestSignals.writeWav(tmp.resolve("blip.wav"), 44_100, PCM, 16, false,
                TestSignals.sine(440, 44_100, 0.05, 0.3));
        assertThat(DECODER.decode(f).samples()).hasSize(800);
    }

    // ------------------------------------------------------------------ concurrency

    @Test
    void decodesFromManyThreadsAtOnce() throws Exception {
        List<Path> files = List.of(CLIPS.resolve("en_5s.wav"), CLIPS.resolve("en_5s.mp3"), CLIPS.resolve("vi_5s.flac"),
                CLIPS.resolve("vi_5s.ogg"), CLIPS.resolve("en_5s.m4a"), CLIPS.resolve("en_5s_44k_stereo.wav"));
        List<float[]> expected = new ArrayList<>();
        for (Path f : files) {
            expected.add(DECODER.decode(f).samples());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (Path f : files) {
                    results.add(pool.submit(() -> DECODER.decode(f).samples()));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).as(files.get(i % files.size()).toString())
                        .isEqualTo(expected.get(i % files.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
