package org.sttbench.load;

import java.nio.file.Path;
import java.util.OptionalDouble;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;

/** Tells a run how long its audio clip is, so it can report audio seconds per second and the RTF. */
@FunctionalInterface
public interface DurationProbe {
    OptionalDouble durationSeconds(Path audio);

    DurationProbe NONE = audio -> OptionalDouble.empty();

    /** Reads WAV/AIFF/AU headers through javax.sound; empty for anything it cannot read. */
    static DurationProbe javaSound() {
        return audio -> {
            try {
                AudioFileFormat format = AudioSystem.getAudioFileFormat(audio.toFile());
                long frames = format.getFrameLength();
                float rate = format.getFormat().getFrameRate();
                if (frames > 0 && rate > 0) {
                    return OptionalDouble.of(frames / (double) rate);
                }
            } catch (Exception e) {
                // not a format javax.sound knows: the duration stays unknown
            }
            return OptionalDouble.empty();
        };
    }
}
