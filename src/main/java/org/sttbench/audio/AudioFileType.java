package org.sttbench.audio;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a file's first bytes say it is. Only the supported types can be decoded. */
public enum AudioFileType {
    WAV("wav", "WAV", true),
    MP3("mp3", "MP3", true),
    FLAC("flac", "FLAC", true),
    OGG("ogg", "OGG (Vorbis, Opus)", true),
    M4A("m4a", "M4A/MP4 (AAC)", true),
    AAC("aac", "AAC (ADTS)", true),

    AIFF("aiff", "AIFF", false),
    MATROSKA("webm", "WebM/Matroska", false),
    ASF("wma", "WMA/ASF", false),
    AMR("amr", "AMR", false),
    AU("au", "Sun AU", false),
    CAF("caf", "Core Audio (CAF)", false),
    MIDI("midi", "MIDI", false),

    TEXT("text", "a text file", false),
    PDF("pdf", "a PDF document", false),
    IMAGE("image", "an image", false),
    ZIP("zip", "a ZIP archive", false),
    EXECUTABLE("elf", "an executable", false),
    UNKNOWN("unknown", "unrecognised data", false);

    private final String id;
    private final String label;
    private final boolean supported;

    AudioFileType(String id, String label, boolean supported) {
        this.id = id;
        this.label = label;
        this.supported = supported;
    }

    /** Short name, as stored in {@link DecodedAudio#format()}. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public boolean supported() {
        return supported;
    }

    /** True for the kinds that are audio at all (supported or not). */
    public boolean isAudio() {
        return ordinal() <= MIDI.ordinal();
    }

    /** "WAV, MP3, FLAC, ..." for messages. */
    public static String supportedList() {
        return Arrays.stream(values()).filter(AudioFileType::supported).map(AudioFileType::label)
                .collect(Collectors.joining(", "));
    }
}
