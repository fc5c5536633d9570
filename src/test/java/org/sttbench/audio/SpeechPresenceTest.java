package org.sttbench.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpeechPresenceTest {
    private static final int N = 5 * DecodedAudio.SAMPLE_RATE;

    @Test
    void speechClipsPass() {
        AudioDecoder decoder = new AudioDecoder();
        for (String clip : new String[] {"en_5s.wav", "vi_30s.wav", "en_long.mp3"}) {
            SpeechPresence.Result r = SpeechPresence.analyze(decoder.decode(Path.of("test_audio", clip)).samples());
            assertThat(r.speechLike()).as(clip + " " + r).isTrue();
        }
    }

    @Test
    void silenceFails() {
        SpeechPresence.Result r = SpeechPresence.analyze(new float[N]);
        assertThat(r.speechLike()).isFalse();
        assertThat(r.reason()).startsWith("silent");
    }

    @Test
    void whiteNoiseFails() {
        Random random = new Random(1);
        float[] s = new float[N];
        for (int i = 0; i < N; i++) {
            s[i] = (float) (random.nextGaussian() * 0.1);
        }
        SpeechPresence.Result r = SpeechPresence.analyze(s);
        assertThat(r.speechLike()).isFalse();
        assertThat(r.reason()).contains("no speech detected");
    }

    @Test
    void aSteadyToneFailsOnItsFlatEnvelope() {
        float[] s = new float[N];
        for (int i = 0; i < N; i++) {
            s[i] = (float) (0.2 * Math.sin(2 * Math.PI * 440 * i / DecodedAudio.SAMPLE_RATE));
        }
        SpeechPresence.Result r = SpeechPresence.analyze(s);
        assertThat(r.tonalShare()).isGreaterThan(0.9);
        assertThat(r.speechLike()).isFalse();
    }
}
